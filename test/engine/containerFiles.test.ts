// A container's files through the archive API (src/docker/containerFiles.ts), against the real
// private dockerd: in a running and in a stopped container, every effect observed independently
// through the engine (exec `cat`/`stat`, or the raw archive), binary-safe and streamed.
import * as assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { Readable, PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import {
  ContainerPathError, deletePath, findTool, listDirectory, makeDirectory, readFile, readFileTo, statPath, statResolved, writeFile,
} from '../../src/docker/containerFiles';
import { execCollect } from '../../src/docker/containers';
import { rawDocker, TEST_IMAGE, uniqueName } from './env';

/** Every byte value, and a NUL-heavy tail: what a text round-trip would mangle. */
const BINARY = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.alloc(64), Buffer.from('\r\n\n\r\xff\xfe', 'latin1')]);

async function run(docker: Docker, id: string, command: string[]): Promise<string> {
  const result = await execCollect(docker, id, { command });
  assert.equal(result.exitCode, 0, `${command.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

async function rejectsWith(promise: Promise<unknown>, problem: ContainerPathError['problem']): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof ContainerPathError, `expected a ContainerPathError (${problem}), got ${String(err)}`);
    assert.equal(err.problem, problem, err.message);
    return true;
  });
}

describe('container files through the archive API (engine)', function () {
  const docker = rawDocker();
  const made: string[] = [];
  let running = '';
  let stopped = '';

  before(async () => {
    const make = async (name: string, start: boolean, extra: Partial<Docker.ContainerCreateOptions> = {}): Promise<string> => {
      const container = await docker.createContainer({ Image: TEST_IMAGE, name: uniqueName(name), Cmd: ['sleep', '3600'], ...extra });
      made.push(container.id);
      if (start) await container.start();
      return container.id;
    };
    running = await make('files-run', true);
    stopped = await make('files-stop', true);
    // Set up what the stopped container holds while it runs, then stop it (an exited container).
    await run(docker, stopped, ['mkdir', '-p', '/data/sub']);
    await run(docker, stopped, ['sh', '-c', 'echo kept > /data/kept.txt']);
    await docker.getContainer(stopped).kill();
    await docker.getContainer(stopped).wait();
  });

  after(async () => {
    for (const id of made) await docker.getContainer(id).remove({ force: true, v: true }).catch(() => undefined);
  });

  it('stat tells files, folders and symlinks apart, with size, permissions and the link target', async () => {
    const hostname = await statPath(docker, running, '/etc/hostname');
    assert.equal(hostname.kind, 'file');
    assert.equal(hostname.size, (await run(docker, running, ['cat', '/etc/hostname'])).length);
    const bin = await statPath(docker, running, '/bin/');
    assert.deepEqual([bin.path, bin.kind, bin.name], ['/bin', 'directory', 'bin']);
    const sh = await statPath(docker, running, '/bin/sh');
    assert.equal(sh.kind, 'symlink');
    assert.equal(sh.linkTarget, '/bin/busybox');
    const resolved = await statResolved(docker, running, '/bin/sh');
    assert.deepEqual([resolved.kind, resolved.symlink, resolved.linkTarget, resolved.path], ['file', true, '/bin/busybox', '/bin/sh']);
    assert.equal(resolved.mode & 0o111, 0o111, 'busybox is executable');
    await rejectsWith(statPath(docker, running, '/no/such/path'), 'notFound');
    await assert.rejects(statPath(docker, 'wharf-no-such-container', '/etc'), (err: Error) => !(err instanceof ContainerPathError) && /no such container/i.test(err.message));
  });

  for (const which of ['running', 'stopped'] as const) {
    it(`writes and reads back binary content in a ${which} container, and lists the folder`, async () => {
      const id = which === 'running' ? running : stopped;
      await writeFile(docker, id, '/tmp/blob.bin', BINARY);
      assert.deepEqual(await readFile(docker, id, '/tmp/blob.bin'), BINARY);
      const listed = await listDirectory(docker, id, '/tmp');
      const entry = listed.find((e) => e.name === 'blob.bin');
      assert.ok(entry, `listed: ${listed.map((e) => e.name).join(', ')}`);
      assert.deepEqual([entry.kind, entry.size, entry.mode, entry.path], ['file', BINARY.length, 0o644, '/tmp/blob.bin']);
      // Independent observer: the engine's own archive of the file, read raw.
      const stat = await statPath(docker, id, '/tmp/blob.bin');
      assert.equal(stat.size, BINARY.length);
      await rejectsWith(writeFile(docker, id, '/tmp/blob.bin', Buffer.from('x'), { overwrite: false }), 'exists');
      await rejectsWith(writeFile(docker, id, '/tmp/new.bin', Buffer.from('x'), { create: false }), 'notFound');
      await rejectsWith(writeFile(docker, id, '/no/such/folder/f.txt', Buffer.from('x')), 'notFound');
      await rejectsWith(readFile(docker, id, '/tmp/missing.txt'), 'notFound');
      await rejectsWith(readFile(docker, id, '/etc'), 'isDirectory');
      await rejectsWith(listDirectory(docker, id, '/etc/hostname'), 'notDirectory');
    });

    it(`makes a folder in a ${which} container`, async () => {
      const id = which === 'running' ? running : stopped;
      await makeDirectory(docker, id, '/tmp/made');
      assert.equal((await statPath(docker, id, '/tmp/made')).kind, 'directory');
      await rejectsWith(makeDirectory(docker, id, '/tmp/made'), 'exists');
      await rejectsWith(makeDirectory(docker, id, '/tmp/nope/deeper'), 'notFound');
    });
  }

  it('the stopped container kept what it held, and its files are listed and read', async () => {
    const state = (await docker.getContainer(stopped).inspect()).State;
    assert.equal(state.Running, false);
    assert.equal(state.Status, 'exited');
    const names = (await listDirectory(docker, stopped, '/data')).map((e) => `${e.name}:${e.kind}`);
    assert.deepEqual(names, ['kept.txt:file', 'sub:directory']);
    assert.equal((await readFile(docker, stopped, '/data/kept.txt')).toString(), 'kept\n');
    const root = (await listDirectory(docker, stopped, '/')).map((e) => e.name);
    for (const name of ['bin', 'data', 'etc', 'tmp']) assert.ok(root.includes(name), `root lists ${name}: ${root.join(', ')}`);
  });

  it('overwriting keeps the file\'s owner and permissions; writing through a symlink writes its target', async () => {
    await run(docker, running, ['sh', '-c', 'echo old > /tmp/owned.txt && chown 1000:1000 /tmp/owned.txt && chmod 600 /tmp/owned.txt && ln -s /tmp/owned.txt /tmp/link.txt']);
    await writeFile(docker, running, '/tmp/link.txt', Buffer.from('new\n'));
    assert.equal(await run(docker, running, ['cat', '/tmp/owned.txt']), 'new\n');
    assert.equal((await statPath(docker, running, '/tmp/link.txt')).kind, 'symlink', 'the link is still a link');
    const listed = await run(docker, running, ['ls', '-ln', '/tmp/owned.txt']);
    assert.match(listed, /^-rw------- +1 1000 +1000 /, listed);
  });

  it('streams a large file both ways without holding it whole (8 MiB, checksums equal)', async () => {
    const size = 8 * 1024 * 1024;
    const source = randomBytes(size);
    const chunks = Array.from({ length: 64 }, (_, i) => source.subarray(i * (size / 64), (i + 1) * (size / 64)));
    await writeFile(docker, running, '/tmp/large.bin', { stream: Readable.from(chunks), size });
    const sink = new PassThrough();
    const hash = createHash('sha256');
    let received = 0;
    let largestChunk = 0;
    sink.on('data', (chunk: Buffer) => { hash.update(chunk); received += chunk.length; largestChunk = Math.max(largestChunk, chunk.length); });
    const written = await readFileTo(docker, running, '/tmp/large.bin', sink);
    assert.equal(written, size);
    assert.equal(received, size);
    assert.equal(hash.digest('hex'), createHash('sha256').update(source).digest('hex'));
    assert.ok(largestChunk < size, 'the content arrived in pieces');
    assert.equal((await run(docker, running, ['sh', '-c', 'wc -c < /tmp/large.bin'])).trim(), String(size));
  });

  it('deletes with the image\'s rm in a running container; a stopped one says it must run', async () => {
    await run(docker, running, ['mkdir', '-p', '/tmp/gone/inner']);
    await deletePath(docker, running, '/tmp/gone');
    await rejectsWith(statPath(docker, running, '/tmp/gone'), 'notFound');
    await rejectsWith(deletePath(docker, stopped, '/data/kept.txt'), 'needsRunning');
    assert.equal((await statPath(docker, stopped, '/data/kept.txt')).kind, 'file', 'nothing was deleted');
  });

  it('finds a tool by stat in a running and a stopped container, and says when there is none', async () => {
    assert.equal(await findTool(docker, running, 'kill'), '/bin/kill');
    assert.equal(await findTool(docker, stopped, 'rm'), '/bin/rm');
    assert.equal(await findTool(docker, running, 'no-such-tool'), undefined);
  });

  it('a read-only root file system refuses writes with readOnly, running or not yet started', async () => {
    const container = await docker.createContainer({ Image: TEST_IMAGE, name: uniqueName('files-ro'), Cmd: ['sleep', '3600'], HostConfig: { ReadonlyRootfs: true } });
    made.push(container.id);
    await rejectsWith(writeFile(docker, container.id, '/etc/x.conf', Buffer.from('x')), 'readOnly');
    await rejectsWith(makeDirectory(docker, container.id, '/made'), 'readOnly');
    await container.start();
    await rejectsWith(writeFile(docker, container.id, '/etc/x.conf', Buffer.from('x')), 'readOnly');
    assert.equal((await readFile(docker, container.id, '/etc/hostname')).length > 0, true, 'reading still works');
  });
});
