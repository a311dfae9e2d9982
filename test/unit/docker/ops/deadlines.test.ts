// A hung engine never hangs Wharf: against a socket that accepts requests and never answers,
// every operation fails with a typed timeout within its deadline. (A real socket, no engine.)
import * as assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import Docker from 'dockerode';
import { containerLogs, inspectContainer, removeContainer, runContainer, startContainer, stopContainer } from '../../../../src/docker/containers';
import { isWharfError } from '../../../../src/docker/errors';
import { imageHistory, inspectImage, listImages, pullImage } from '../../../../src/docker/images';
import { inspectNetwork, listNetworks } from '../../../../src/docker/networks';
import { diskUsage, systemInfo, systemVersion } from '../../../../src/docker/system';
import { listVolumes } from '../../../../src/docker/volumes';

describe('deadlines against a hung engine', () => {
  let dir: string;
  let server: net.Server;
  const sockets = new Set<net.Socket>();
  let docker: Docker;

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wharf-hung-'));
    const socketPath = path.join(dir, 'hung.sock');
    // Reads requests, never writes a byte back: what a wedged dockerd looks like from outside.
    server = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.resume();
    });
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    docker = new Docker({ socketPath });
  });

  after(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  const deadlineMs = 150;
  const operations: Array<[string, () => Promise<unknown>]> = [
    ['inspectContainer', () => inspectContainer(docker, 'x', { deadlineMs })],
    ['startContainer', () => startContainer(docker, 'x', { deadlineMs })],
    ['stopContainer', () => stopContainer(docker, 'x', { deadlineMs, timeoutSeconds: 0 })],
    ['removeContainer', () => removeContainer(docker, 'x', { deadlineMs })],
    ['runContainer', () => runContainer(docker, { image: 'busybox' }, { deadlineMs })],
    ['containerLogs (follow: until the engine answers)', () => containerLogs(docker, 'x', () => undefined, { deadlineMs, follow: true })],
    ['listImages', () => listImages(docker, { deadlineMs })],
    ['inspectImage', () => inspectImage(docker, 'busybox', { deadlineMs })],
    ['imageHistory', () => imageHistory(docker, 'busybox', { deadlineMs })],
    ['pullImage (until the engine answers)', () => pullImage(docker, '127.0.0.1:5000/x:1', { deadlineMs, auth: { configDir: dir } })],
    ['listVolumes', () => listVolumes(docker, { deadlineMs })],
    ['listNetworks', () => listNetworks(docker, { deadlineMs })],
    ['inspectNetwork', () => inspectNetwork(docker, 'n', { deadlineMs })],
    ['systemInfo', () => systemInfo(docker, { deadlineMs })],
    ['systemVersion', () => systemVersion(docker, { deadlineMs })],
    ['diskUsage', () => diskUsage(docker, { deadlineMs })],
  ];

  for (const [name, call] of operations) {
    it(`${name} fails with a timeout WharfError`, async () => {
      const started = Date.now();
      await assert.rejects(call(), (err) => {
        assert.ok(isWharfError(err, 'timeout'), String(err));
        assert.ok(err.hint);
        return true;
      });
      // Generous bound: the point is "returns", not how fast (tests never fail on timing).
      assert.ok(Date.now() - started < 10_000);
    });
  }

  it('a cancelled request is "cancelled", not a timeout', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(listImages(docker, { signal: controller.signal, deadlineMs: 60_000 }), (err) => isWharfError(err, 'cancelled'));
  });

  it('a pull whose progress stream goes silent fails as a timeout after idleMs', async () => {
    // Answers 200 with one progress line, then says nothing more: a transfer stuck mid-way.
    const stalled = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.once('data', () => {
        const line = `${JSON.stringify({ status: 'Pulling fs layer', id: 'aaaaaaaaaaaa' })}\r\n`;
        socket.write(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${line.length.toString(16)}\r\n${line}\r\n`);
      });
    });
    const socketPath = path.join(dir, 'stalled.sock');
    await new Promise<void>((resolve) => stalled.listen(socketPath, resolve));
    try {
      const progress: number[] = [];
      await assert.rejects(
        pullImage(new Docker({ socketPath }), '127.0.0.1:5000/x:1', { idleMs: 200, auth: { configDir: dir }, onProgress: (p) => progress.push(p.layers) }),
        (err) => isWharfError(err, 'timeout'),
      );
      assert.deepEqual(progress, [1], 'the line before the silence was delivered');
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => stalled.close(resolve));
    }
  });
});
