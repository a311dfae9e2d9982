// The error shapes of test/unit/docker/errors.test.ts, produced live: real failures from the
// private dockerd, Podman and the local registry, raised by plain dockerode (nothing of src/docker
// in between), then mapped by toWharfError. If an engine changes its wording, this fails here
// instead of the mapping silently falling back to a generic error.
import * as assert from 'node:assert/strict';
import type Docker from 'dockerode';
import { toWharfError, type WharfError } from '../../src/docker/errors';
import { podmanHost, rawDocker, registryAddress, TEST_IMAGE, uniqueName } from './env';

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  return assert.fail('expected the engine to refuse');
}

/** The raw error from the engine, and what Wharf makes of it. */
async function mapped(promise: Promise<unknown>, context: Parameters<typeof toWharfError>[1] = {}): Promise<{ raw: { statusCode?: number; json?: unknown; message: string }; wharf: WharfError }> {
  const raw = (await failure(promise)) as { statusCode?: number; json?: unknown; message: string };
  return { raw, wharf: toWharfError(raw, context) };
}

for (const [engine, host] of [['dockerd', undefined], ['Podman', podmanHost]] as const) {
  describe(`error mapping on ${engine}'s real answers (engine)`, function () {
    let docker: Docker;
    const containers: string[] = [];
    const tags: string[] = [];

    before(() => {
      docker = rawDocker(host?.());
    });

    after(async () => {
      for (const id of containers) await docker.getContainer(id).remove({ force: true }).catch(() => undefined);
      for (const tag of tags) await docker.getImage(tag).remove({ force: true }).catch(() => undefined);
    });

    it('404 on a container that does not exist: notFound, with the engine\'s words', async () => {
      const name = uniqueName('absent');
      const { raw, wharf } = await mapped(docker.getContainer(name).inspect(), { action: `inspect container ${name}` });
      assert.equal(raw.statusCode, 404);
      assert.equal(wharf.code, 'notFound', wharf.message);
      assert.equal(wharf.statusCode, 404);
      assert.ok(wharf.message.startsWith(`Could not inspect container ${name}: `), wharf.message);
      assert.ok(wharf.message.includes(name), wharf.message);
      assert.equal(wharf.hint, 'It may have been removed meanwhile.');
    });

    it('a create with a name already in use: conflictName naming the name', async () => {
      const name = uniqueName('taken');
      const first = await docker.createContainer({ Image: TEST_IMAGE, name, Cmd: ['sleep', '60'] });
      containers.push(first.id);
      const { raw, wharf } = await mapped(docker.createContainer({ Image: TEST_IMAGE, name, Cmd: ['sleep', '60'] }), { action: `create container ${name}` });
      // dockerd answers 409, Podman 4.3 answers 500 with the same meaning.
      assert.equal(raw.statusCode, engine === 'dockerd' ? 409 : 500);
      assert.equal(wharf.code, 'conflictName', wharf.message);
      assert.equal(wharf.message, `Could not create container ${name}: the name "${name}" is already in use by another container.`);
      assert.equal(wharf.hint, 'Choose another name, or remove or rename the container that has it.');
    });

    it('removing a volume or a network a container uses: inUse (Podman removes the network anyway)', async () => {
      const volume = uniqueName('heldvol');
      await docker.createVolume({ Name: volume });
      const network = await docker.createNetwork({ Name: uniqueName('heldnet') });
      const user = await docker.createContainer({ Image: TEST_IMAGE, Cmd: ['sleep', '600'], HostConfig: { Binds: [`${volume}:/data`], NetworkMode: network.id } });
      containers.unshift(user.id);
      try {
        await user.start();
        const vol = await mapped(docker.getVolume(volume).remove(), { action: `remove volume ${volume}` });
        assert.equal(vol.raw.statusCode, 409);
        assert.equal(vol.wharf.code, 'inUse', vol.wharf.message);
        assert.equal(vol.wharf.message, `Could not remove volume ${volume}: the volume is in use by a container.`);
        assert.match(vol.wharf.hint ?? '', /Remove the containers that use it first/);
        if (engine === 'dockerd') {
          const net = await mapped(docker.getNetwork(network.id).remove(), { action: `remove network ${network.id}` });
          assert.equal(net.raw.statusCode, 403);
          assert.equal(net.wharf.code, 'inUse', net.wharf.message);
          assert.equal(net.wharf.message, `Could not remove network ${network.id}: the network is in use by a container.`);
        } else {
          // Podman 4.3 does not refuse: it disconnects the container and removes the network.
          // Wharf's Remove Network confirmation names the attached containers for this reason.
          await docker.getNetwork(network.id).remove();
          await assert.rejects(docker.getNetwork(network.id).inspect(), (err: { statusCode?: number }) => err.statusCode === 404);
        }
      } finally {
        await user.remove({ force: true }).catch(() => undefined);
        await docker.getVolume(volume).remove().catch(() => undefined);
        await network.remove().catch(() => undefined);
      }
    });

    it('removing an image a container uses, by id and by its only tag: imageInUse', async () => {
      // An image of our own with one tag (a commit), so that removing the shared test image's
      // tags can never happen here.
      const tag = `wharf-test/inuse:${uniqueName('t')}`;
      const base = await docker.createContainer({ Image: TEST_IMAGE, Cmd: ['true'] });
      containers.push(base.id);
      const committed = await base.commit({ repo: tag.slice(0, tag.lastIndexOf(':')), tag: tag.slice(tag.lastIndexOf(':') + 1) }) as { Id: string };
      tags.push(tag);
      const user = await docker.createContainer({ Image: tag, Cmd: ['true'] });
      containers.unshift(user.id); // removed before the image in after()
      const byId = await mapped(docker.getImage(committed.Id).remove(), { image: committed.Id });
      assert.equal(byId.raw.statusCode, 409);
      assert.equal(byId.wharf.code, 'imageInUse', byId.wharf.message);
      assert.equal(byId.wharf.message, `The image ${committed.Id} is used by a container.`);
      const byTag = await mapped(docker.getImage(tag).remove(), { action: `remove image ${tag}`, image: tag });
      assert.equal(byTag.raw.statusCode, 409);
      assert.equal(byTag.wharf.code, 'imageInUse', byTag.wharf.message);
      assert.equal(byTag.wharf.message, `Could not remove image ${tag}: the image ${tag} is used by a container.`);
      assert.equal(byTag.wharf.hint, 'Remove the containers that use it first (stopped ones too).');
      assert.equal((await docker.getImage(tag).inspect()).Id.replace(/^sha256:/, ''), committed.Id.replace(/^sha256:/, ''), 'the image is still there'); // Podman's commit answers the id without sha256:
    });

    it('removing a running container without force: containerRunning', async () => {
      const running = await docker.createContainer({ Image: TEST_IMAGE, Cmd: ['sleep', '60'] });
      containers.push(running.id);
      await running.start();
      const { wharf } = await mapped(running.remove(), { object: 'web' });
      assert.equal(wharf.code, 'containerRunning', wharf.message);
      assert.equal(wharf.message, 'The container web is running.');
    });
  });
}

describe('error mapping on the registry\'s real answers (engine)', function () {
  const docker = rawDocker();

  it('pull of a tag the local registry does not have: registryNotFound "image X not found in registry Y"', async () => {
    const reference = `${registryAddress()}/wharf-test/absent:${uniqueName('tag')}`;
    // dockerd answers the pull itself with 404 (the stream never starts): json is null.
    const { raw, wharf } = await mapped(docker.pull(reference));
    assert.equal(raw.statusCode, 404);
    assert.equal(raw.json, null);
    assert.equal(wharf.code, 'registryNotFound', wharf.message);
    assert.equal(wharf.message, `Image ${reference} not found in registry ${registryAddress()}.`);
    assert.equal(wharf.hint, 'Check the image name and tag, and that you may read that repository.');
  });
});

describe('error mapping without an engine at the path (engine)', function () {
  it('ENOENT on a socket path where no engine runs: unreachable with the platform\'s hint', async () => {
    const docker = rawDocker(`unix:///tmp/${uniqueName('nosock')}.sock`);
    const { raw, wharf } = await mapped(docker.ping(), { endpoint: 'unix:///tmp/x.sock', platform: 'linux' });
    assert.equal((raw as { code?: string }).code, 'ENOENT');
    assert.equal(wharf.code, 'unreachable');
    assert.equal(wharf.message, 'No container engine is reachable at unix:///tmp/x.sock.');
    assert.match(wharf.hint ?? '', /systemctl start docker/);
  });
});
