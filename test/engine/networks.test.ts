// Network operations against the real private dockerd; prunes scoped by a unique label.
import * as assert from 'node:assert/strict';
import { createNetwork, inspectNetwork, listNetworks, removeNetwork } from '../../src/docker/networks';
import { isWharfError } from '../../src/docker/errors';
import { rawDocker, TEST_IMAGE, uniqueName } from './env';

describe('networks (engine)', function () {
  const docker = rawDocker();
  const networks: string[] = [];
  const containers: string[] = [];
  afterEach(async () => {
    for (const id of containers.splice(0)) await docker.getContainer(id).remove({ force: true }).catch(() => undefined);
    for (const id of networks.splice(0)) await docker.getNetwork(id).remove().catch(() => undefined);
  });

  async function networkExists(id: string): Promise<boolean> {
    return docker.getNetwork(id).inspect().then(() => true, () => false);
  }

  it('create, list, inspect (with attached containers) and remove a network', async () => {
    const name = uniqueName('net');
    const id = await createNetwork(docker, { name, internal: true, labels: { 'wharf.test': 'net' } });
    networks.push(id);
    assert.ok((await listNetworks(docker)).some((n) => n.Id === id && n.Name === name));
    const container = await docker.createContainer({ Image: TEST_IMAGE, name: uniqueName('member'), HostConfig: { NetworkMode: name } });
    containers.push(container.id);
    await container.start();
    const info = await inspectNetwork(docker, name);
    assert.equal(info.Id, id);
    assert.equal(info.Internal, true);
    assert.equal(info.Labels?.['wharf.test'], 'net');
    assert.ok(Object.keys(info.Containers ?? {}).includes(container.id));
    // In use: the engine refuses, and Wharf does not disconnect anything on its own.
    await assert.rejects(removeNetwork(docker, id), (err) => isWharfError(err, 'inUse'));
    assert.equal(await networkExists(id), true);
    await container.remove({ force: true });
    await removeNetwork(docker, id);
    assert.equal(await networkExists(id), false);
  });

  it('inspect of a missing network is a typed notFound', async () => {
    await assert.rejects(inspectNetwork(docker, uniqueName('absent')), (err) => isWharfError(err, 'notFound'));
  });
});
