// diagnoseUnreachable: the class of cause the Containers view explains, from the errors Wharf
// really gets. Socket failures are produced live with Node against temp paths; the permission and
// TLS ones (which need another user or a TLS engine) use the shapes Node gives them, as captured
// in errors.test.ts; unusable addresses come from resolveEndpoint itself.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { addressSource, resolveEndpoint, type Endpoint } from '../../../src/docker/connect';
import { diagnoseUnreachable, looksMistyped } from '../../../src/docker/diagnosis';
import { toWharfError, WharfError } from '../../../src/docker/errors';

function connectError(socketPath: string): Promise<Error> {
  return new Promise((resolve) => {
    const socket = net.connect(socketPath);
    socket.once('error', (err) => resolve(err));
    socket.once('connect', () => { socket.destroy(); resolve(new Error('connected')); });
  });
}

function unixEndpoint(socketPath: string, source: Endpoint['source'] = 'setting'): Endpoint {
  return { protocol: 'unix', socketPath, url: `unix://${socketPath}`, source };
}

function resolveError(input: Parameters<typeof resolveEndpoint>[0]): WharfError {
  try { resolveEndpoint(input); } catch (err) { return toWharfError(err); }
  throw new Error('resolved');
}

describe('diagnoseUnreachable', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wd-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a missing socket in an existing folder: the engine is not running (noSocket)', async () => {
    const socket = path.join(dir, 'docker.sock');
    const error = toWharfError(await connectError(socket), { endpoint: `unix://${socket}` });
    assert.deepEqual(diagnoseUnreachable({ error, endpoint: unixEndpoint(socket) }), { cause: 'noSocket', address: `unix://${socket}`, source: 'setting', context: undefined });
  });

  it('a missing socket under a missing folder, or not named like a socket: a typo (badPath), except the default socket', async () => {
    for (const socket of [path.join(dir, 'no-such-folder', 'docker.sock'), path.join(dir, 'docker.sokc')]) {
      const error = toWharfError(await connectError(socket));
      assert.equal(diagnoseUnreachable({ error, endpoint: unixEndpoint(socket, 'DOCKER_HOST') }).cause, 'badPath', socket);
      assert.equal(diagnoseUnreachable({ error, endpoint: unixEndpoint(socket, 'defaultSocket') }).cause, 'noSocket', `${socket}: nobody typed the default`);
    }
    assert.ok(looksMistyped('/var/run/docker sock'));
    assert.ok(!looksMistyped(path.join(dir, 'podman.socket')));
  });

  it('a file where the socket should be, or a socket nobody listens on: refused', async () => {
    const file = path.join(dir, 'engine.sock');
    fs.writeFileSync(file, '');
    const error = toWharfError(await connectError(file));
    assert.equal(diagnoseUnreachable({ error, endpoint: unixEndpoint(file) }).cause, 'refused');
  });

  it('permission denied on the socket, and a failed TLS handshake', () => {
    const eacces = Object.assign(new Error('connect EACCES /var/run/docker.sock'), { code: 'EACCES', errno: -13, syscall: 'connect', address: '/var/run/docker.sock' });
    assert.equal(diagnoseUnreachable({ error: toWharfError(eacces), endpoint: unixEndpoint('/var/run/docker.sock', 'defaultSocket') }).cause, 'permission');
    const selfSigned = Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    const tcp: Endpoint = { protocol: 'tcp', host: '127.0.0.1', port: 2376, tls: { verify: true }, url: 'tcp://127.0.0.1:2376', source: 'DOCKER_HOST' };
    assert.equal(diagnoseUnreachable({ error: toWharfError(selfSigned), endpoint: tcp }).cause, 'tls');
    const reset = new WharfError('unreachable', 'closed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
    assert.equal(diagnoseUnreachable({ error: reset, endpoint: tcp }).cause, 'tls', 'a reset TLS connection: the client certificate');
  });

  it('an address that cannot be used, and a context that does not exist, with where they came from', () => {
    const bad = resolveError({ host: 'unix:/var/run/docker.sock', env: {} });
    assert.deepEqual(diagnoseUnreachable({ error: bad, unresolved: addressSource({ host: 'unix:/var/run/docker.sock', env: {} }) }), { cause: 'badAddress', source: 'setting', address: 'unix:/var/run/docker.sock' });
    const env = { DOCKER_CONFIG: dir, DOCKER_CONTEXT: 'nope' };
    const missing = resolveError({ env });
    assert.deepEqual(diagnoseUnreachable({ error: missing, unresolved: addressSource({ env }) }), { cause: 'noContext', source: 'DOCKER_CONTEXT', context: 'nope' });
  });

  it('addressSource follows the docker CLI order, the demo engine first', () => {
    const env = { DOCKER_HOST: 'tcp://h:2375', DOCKER_CONTEXT: 'c', DOCKER_CONFIG: dir };
    assert.equal(addressSource({ demoHost: 'unix:///d.sock', host: 'unix:///h.sock', env }).source, 'demo');
    assert.equal(addressSource({ host: 'unix:///h.sock', context: 'x', env }).source, 'setting');
    assert.equal(addressSource({ context: 'x', env }).source, 'settingContext');
    assert.equal(addressSource({ env }).source, 'DOCKER_HOST');
    assert.equal(addressSource({ env: { DOCKER_CONTEXT: 'c', DOCKER_CONFIG: dir } }).source, 'DOCKER_CONTEXT');
    assert.equal(addressSource({ env: { DOCKER_CONFIG: dir } }).source, 'defaultSocket');
  });
});
