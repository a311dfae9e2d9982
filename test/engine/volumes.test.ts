// Volume operations against the real private dockerd; prunes scoped by a unique label because
// the engine is shared with other suites.
import * as assert from 'node:assert/strict';
import { createVolume, inspectVolume, listVolumes, removeVolume } from '../../src/docker/volumes';
import { isWharfError } from '../../src/docker/errors';
import { rawDocker, TEST_IMAGE, uniqueName } from './env';

describe('volumes (engine)', function () {
  const docker = rawDocker();
  const volumes: string[] = [];
  const containers: string[] = [];
  afterEach(async () => {
    for (const id of containers.splice(0)) await docker.getContainer(id).remove({ force: true }).catch(() => undefined);
    for (const name of volumes.splice(0)) await docker.getVolume(name).remove().catch(() => undefined);
  });

  async function volumeExists(name: string): Promise<boolean> {
    return docker.getVolume(name).inspect().then(() => true, () => false);
  }

  it('create, list, inspect and remove a volume', async () => {
    const name = uniqueName('vol');
    volumes.push(name);
    assert.equal(await createVolume(docker, { name, labels: { 'wharf.test': 'vol' } }), name);
    assert.ok((await listVolumes(docker)).some((v) => v.Name === name));
    const info = await inspectVolume(docker, name);
    assert.equal(info.Driver, 'local');
    assert.equal(info.Labels?.['wharf.test'], 'vol');
    await removeVolume(docker, name);
    assert.equal(await volumeExists(name), false);
  });

  it('remove of a volume in use fails without force and keeps the volume', async () => {
    const name = uniqueName('used');
    volumes.push(name);
    await createVolume(docker, { name });
    const container = await docker.createContainer({ Image: TEST_IMAGE, name: uniqueName('holder'), HostConfig: { Binds: [`${name}:/data`] } });
    containers.push(container.id);
    await assert.rejects(removeVolume(docker, name), (err) => isWharfError(err, 'inUse'));
    assert.equal(await volumeExists(name), true);
  });

  it('inspect of a missing volume is a typed notFound', async () => {
    await assert.rejects(inspectVolume(docker, uniqueName('absent')), (err) => isWharfError(err, 'notFound'));
  });
});
