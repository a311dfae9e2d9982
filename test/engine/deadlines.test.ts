// "No request without a deadline", through the real engine: a proxy in front of dockerd passes
// every request on but holds every answer (the engine did the work; Wharf never hears back). Each
// operation must fail with the typed timeout. The unit tier covers the common operations against
// a socket that never answers at all; this covers the rest of src/docker, with a real engine
// behind the socket, and the connect path the store uses.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Docker from 'dockerode';
import { buildImage } from '../../src/docker/build';
import { connectEngine, pingApiVersion, readVersion, resolveEndpoint } from '../../src/docker/connect';
import {
  containerStats, containerTop, execCollect, execInteractive, killContainer, pauseContainer,
  renameContainer, restartContainer, unpauseContainer,
} from '../../src/docker/containers';
import { isWharfError } from '../../src/docker/errors';
import { pushImage, removeImage, tagImage } from '../../src/docker/images';
import { removeNetwork } from '../../src/docker/networks';
import { executePrune, planPrune } from '../../src/docker/prune';
import { inspectVolume, removeVolume } from '../../src/docker/volumes';
import { dockerHost, socketPath } from './env';
import { SocketProxy } from './socketProxy';

describe('deadlines with the engine\'s answers held (engine)', function () {
  this.timeout(30_000);
  let proxy: SocketProxy;
  let docker: Docker;
  let dir: string;
  const deadlineMs = 300;
  // Names nothing on the engine: the engine answers at once (404), the proxy holds that answer.
  const none = 'wharf-test-deadline-nothing';
  const scope = { labels: ['wharf.test.deadline=none'] };

  before(async () => {
    proxy = new SocketProxy(socketPath(dockerHost()));
    await proxy.listen();
    proxy.hold(() => true);
    docker = new Docker({ socketPath: proxy.socketPath });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-deadline-'));
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM wharf-test/none:never\n');
  });

  after(async () => {
    proxy.release();
    await proxy.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const operations: Array<[string, () => Promise<unknown>]> = [
    ['connect (/version)', () => connectEngine(resolveEndpoint({ host: proxy.host }), { deadlineMs })],
    ['connect (/_ping)', () => pingApiVersion(resolveEndpoint({ host: proxy.host }), { deadlineMs })],
    ['readVersion', () => readVersion(resolveEndpoint({ host: proxy.host }), { deadlineMs })],
    ['killContainer', () => killContainer(docker, none, { deadlineMs })],
    ['pauseContainer', () => pauseContainer(docker, none, { deadlineMs })],
    ['unpauseContainer', () => unpauseContainer(docker, none, { deadlineMs })],
    ['restartContainer', () => restartContainer(docker, none, { deadlineMs, timeoutSeconds: 0 })],
    ['renameContainer', () => renameContainer(docker, none, `${none}-2`, { deadlineMs })],
    ['containerTop', () => containerTop(docker, none, { deadlineMs })],
    ['containerStats', () => containerStats(docker, none, { deadlineMs })],
    ['execCollect', () => execCollect(docker, none, { command: ['true'] }, { deadlineMs })],
    ['execInteractive', () => execInteractive(docker, none, { command: ['sh'] }, { deadlineMs })],
    ['planPrune', () => planPrune(docker, ['containers', 'images', 'networks', 'volumes'], scope, { deadlineMs })],
    ['executePrune', () => executePrune(docker, { kinds: ['containers'], items: [{ kind: 'containers', id: none, name: none, freedBy: [] }] }, { deadlineMs })],
    ['tagImage', () => tagImage(docker, 'wharf-test/none:never', 'wharf-test/none:other', { deadlineMs })],
    ['removeImage', () => removeImage(docker, 'wharf-test/none:never', { deadlineMs })],
    ['pushImage (until the engine answers)', () => pushImage(docker, '127.0.0.1:1/wharf-test/none:never', { deadlineMs, auth: { configDir: dir } })],
    ['buildImage (until the engine answers)', () => buildImage(docker, { contextDir: dir }, { deadlineMs })],
    ['inspectVolume', () => inspectVolume(docker, none, { deadlineMs })],
    ['removeVolume', () => removeVolume(docker, none, { deadlineMs })],
    ['removeNetwork', () => removeNetwork(docker, none, { deadlineMs })],
  ];

  for (const [name, call] of operations) {
    it(`${name} fails with a timeout`, async () => {
      const sent = proxy.requests.length;
      await assert.rejects(call(), (err) => {
        assert.ok(isWharfError(err, 'timeout'), String(err));
        assert.match(err.message, /did not answer in time/);
        assert.ok(err.hint);
        return true;
      });
      assert.ok(proxy.requests.length > sent, 'the request reached the engine (its answer was held)');
    });
  }
});
