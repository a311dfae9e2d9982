// Connecting to real engines: what an unreachable engine is called, and the API version read from
// /_ping (the store's fast path) agreeing with the one negotiated from /version.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { connectEngine, negotiateApiVersion, pingApiVersion, readVersion, resolveEndpoint } from '../../src/docker/connect';
import { isWharfError } from '../../src/docker/errors';
import { createEngineStore } from '../../src/docker/store';
import { dockerHost, podmanHost } from './env';
import { waitFor } from './waitFor';

describe('connect (engine)', function () {
  this.timeout(30_000);
  let dir: string;
  let nowhere: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-connect-'));
    nowhere = path.join(dir, 'no-engine.sock');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('names an unreachable engine in plain words, with where and what to do', async () => {
    const endpoint = resolveEndpoint({ host: `unix://${nowhere}` });
    await assert.rejects(connectEngine(endpoint), (err) => {
      assert.ok(isWharfError(err, 'unreachable'), String(err));
      assert.equal(err.message, `Could not connect: no container engine is reachable at unix://${nowhere}.`);
      assert.ok(err.hint && err.hint.length > 0);
      return true;
    });
    // The store says the same in its connection state (the explorer's welcome text shows it).
    const store = createEngineStore({ endpoint, backoffInitialMs: 60_000 });
    try {
      const state = await waitFor('unreachable', () => store.connection.status === 'unreachable' && store.connection);
      assert.equal(state.status === 'unreachable' && state.message, `Could not connect: no container engine is reachable at unix://${nowhere}.`);
    } finally {
      store.dispose();
    }
  });

  it('says when the socket answers but is not a container engine', async () => {
    const server = (await import('node:http')).createServer((_req, res) => res.end('{}'));
    const socket = path.join(dir, 'not-an-engine.sock');
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      await assert.rejects(readVersion(resolveEndpoint({ host: `unix://${socket}` })), (err) => isWharfError(err, 'engine') && /does not look like a container engine/.test(err.message));
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  for (const [name, host] of [['dockerd', dockerHost], ['Podman', podmanHost]] as const) {
    it(`reads the same API version from /_ping as from /version (${name})`, async () => {
      const endpoint = resolveEndpoint({ host: host() });
      const [pinged, version] = await Promise.all([pingApiVersion(endpoint), readVersion(endpoint)]);
      assert.equal(pinged, negotiateApiVersion(version.ApiVersion));
    });
  }
});
