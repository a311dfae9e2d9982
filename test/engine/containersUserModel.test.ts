// The user's model of Docker, exactly (issue 3, section 4): run pulls what is missing, run is
// always a fresh container, start keeps a stopped container's state, and remove never forces or
// deletes volumes unless asked. Observed through the real engine and the local registry.
import * as assert from 'node:assert/strict';
import { execCollect, removeContainer, runContainer, startContainer, stopContainer } from '../../src/docker/containers';
import { isWharfError } from '../../src/docker/errors';
import type { OverallProgress } from '../../src/docker/progress';
import { rawDocker, registryAddress, TEST_IMAGE, uniqueName } from './env';

describe("containers: the user's model (engine)", function () {
  const docker = rawDocker();
  const containers: string[] = [];
  const images: string[] = [];
  const volumes: string[] = [];
  afterEach(async () => {
    for (const id of containers.splice(0)) await docker.getContainer(id).remove({ force: true, v: true }).catch(() => undefined);
    for (const ref of images.splice(0)) await docker.getImage(ref).remove({ force: true }).catch(() => undefined);
    for (const name of volumes.splice(0)) await docker.getVolume(name).remove().catch(() => undefined);
  });

  it('run of an image that is not local pulls it from the registry first, with progress', async () => {
    const reference = `${registryAddress()}/wharf-test/busybox:${uniqueName('runpull')}`;
    images.push(reference);
    await docker.getImage(TEST_IMAGE).tag({ repo: reference.slice(0, reference.lastIndexOf(':')), tag: reference.split(':').pop() });
    const push = await docker.getImage(reference).push({ authconfig: { serveraddress: registryAddress() } });
    await new Promise<void>((resolve, reject) => docker.modem.followProgress(push, (err: Error | null) => (err ? reject(err) : resolve())));
    await docker.getImage(reference).remove();
    await assert.rejects(docker.getImage(reference).inspect(), 'the image is no longer local');

    const progress: OverallProgress[] = [];
    const { id, pulled } = await runContainer(docker, { image: reference, name: uniqueName('pulled') }, { onPullProgress: (p) => progress.push(p) });
    containers.push(id);
    assert.equal(pulled, true);
    // The engine's progress lines reached the caller before the end, not just a final 100 (the
    // image's one layer is the local test image's, so the engine reports no layer transfer).
    const before = progress.slice(0, -1);
    assert.ok(before.some((p) => /^Pulling from /.test(p.status)), `the engine's progress before the end: ${JSON.stringify(before)}`);
    assert.equal(progress.at(-1)?.percent, 100);
    const info = await docker.getContainer(id).inspect();
    assert.equal(info.Config.Image, reference);
    assert.equal(info.State.Running, true);
    assert.ok((await docker.getImage(reference).inspect()).RepoTags?.includes(reference));
  });

  it('run of an image the registry does not have fails with "image X not found in registry Y" and creates nothing', async () => {
    const reference = `${registryAddress()}/wharf-test/busybox:${uniqueName('nosuchtag')}`;
    const name = uniqueName('never');
    await assert.rejects(runContainer(docker, { image: reference, name }), (err) => {
      assert.ok(isWharfError(err, 'registryNotFound'), String(err));
      assert.equal(err.message, `Image ${reference} not found in registry ${registryAddress()}.`);
      assert.ok(err.hint);
      return true;
    });
    assert.equal((await docker.listContainers({ all: true, filters: { name: [name] } })).length, 0);
  });

  it('run always makes a fresh container: two runs, two containers', async () => {
    const first = await runContainer(docker, { image: TEST_IMAGE, name: uniqueName('one') });
    containers.push(first.id);
    const second = await runContainer(docker, { image: TEST_IMAGE, name: uniqueName('two') });
    containers.push(second.id);
    assert.notEqual(first.id, second.id);
    for (const id of [first.id, second.id]) assert.equal((await docker.getContainer(id).inspect()).State.Running, true);
  });

  it('start of a stopped container keeps its state: a file written before stop is still there', async () => {
    const { id } = await runContainer(docker, { image: TEST_IMAGE, name: uniqueName('state') });
    containers.push(id);
    const write = await execCollect(docker, id, { command: ['sh', '-c', 'echo kept > /state.txt'] });
    assert.equal(write.exitCode, 0);
    await stopContainer(docker, id, { timeoutSeconds: 0 });
    assert.equal((await docker.getContainer(id).inspect()).State.Running, false);
    await startContainer(docker, id);
    const read = await execCollect(docker, id, { command: ['cat', '/state.txt'] });
    assert.deepEqual(read, { exitCode: 0, stdout: 'kept\n', stderr: '' });
    assert.equal((await docker.getContainer(id).inspect()).Id, id);
  });

  it('remove of a running container without force fails and leaves it running', async () => {
    const { id } = await runContainer(docker, { image: TEST_IMAGE, name: uniqueName('running') });
    containers.push(id);
    await assert.rejects(removeContainer(docker, id), (err) => {
      // A code of its own: the explorer's confirmation offers Force Remove on it.
      assert.ok(isWharfError(err, 'containerRunning'), String(err));
      assert.equal(err.statusCode, 409);
      assert.equal(err.message, `Could not remove container ${id}: the container is running.`);
      assert.equal(err.hint, 'Stop it first, or remove it with force (which kills it).');
      return true;
    });
    assert.equal((await docker.getContainer(id).inspect()).State.Running, true);
    await docker.getContainer(id).pause();
    await assert.rejects(removeContainer(docker, id), (err) => isWharfError(err, 'containerRunning') && /the container is paused\.$/.test(err.message) && /^Unpause and stop it first/.test(err.hint ?? ''));
    await docker.getContainer(id).unpause();
    // Asked for: force removes it.
    await removeContainer(docker, id, { force: true });
    assert.equal((await docker.listContainers({ all: true, filters: { id: [id] } })).length, 0);
  });

  it('remove keeps anonymous volumes by default and deletes them only when asked', async () => {
    const kept = await runContainer(docker, { image: TEST_IMAGE, name: uniqueName('anon'), mounts: [{ type: 'volume', target: '/data' }] });
    containers.push(kept.id);
    const keptVolume = (await docker.getContainer(kept.id).inspect()).Mounts.find((m) => m.Destination === '/data')?.Name;
    assert.ok(keptVolume, 'an anonymous volume was created');
    volumes.push(keptVolume);
    await stopContainer(docker, kept.id, { timeoutSeconds: 0 });
    await removeContainer(docker, kept.id);
    assert.equal((await docker.listContainers({ all: true, filters: { id: [kept.id] } })).length, 0);
    assert.equal((await docker.getVolume(keptVolume).inspect()).Name, keptVolume, 'the volume survives a default remove');

    const dropped = await runContainer(docker, { image: TEST_IMAGE, name: uniqueName('anonv'), mounts: [{ type: 'volume', target: '/data' }] });
    containers.push(dropped.id);
    const droppedVolume = (await docker.getContainer(dropped.id).inspect()).Mounts.find((m) => m.Destination === '/data')?.Name;
    assert.ok(droppedVolume);
    volumes.push(droppedVolume);
    await removeContainer(docker, dropped.id, { force: true, removeVolumes: true });
    await assert.rejects(docker.getVolume(droppedVolume).inspect(), 'removeVolumes deletes the anonymous volume');
  });
});
