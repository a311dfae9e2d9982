// Several engines at once (wharf.engines): the private dockerd and Podman, each with its own live
// store, both open side by side. Podman is reached through a socket proxy so it can go down and
// come back; while it is down the dockerd store neither notices (no connection change) nor
// misses anything (its events still arrive), and Podman's store comes back on its own.
import * as assert from 'node:assert/strict';
import { resolveEndpoint } from '../../src/docker/connect';
import { engineChoices } from '../../src/docker/engineList';
import type { StoreChange } from '../../src/docker/model';
import { createEngineStore, type DockerEngineStore } from '../../src/docker/store';
import { dockerHost, podmanHost, rawDocker, socketPath, TEST_IMAGE, uniqueName } from './env';
import { SocketProxy } from './socketProxy';
import { waitFor } from './waitFor';

describe('several engines at once: dockerd and Podman (engine)', function () {
  this.timeout(90_000);
  const docker = rawDocker(dockerHost());
  const podman = rawDocker(podmanHost());
  const made: Array<{ engine: typeof docker; id: string }> = [];
  const stores: DockerEngineStore[] = [];
  let proxy: SocketProxy;

  beforeEach(async () => {
    proxy = new SocketProxy(socketPath(podmanHost()));
    await proxy.listen();
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) store.dispose();
    await proxy.close();
    for (const { engine, id } of made.splice(0)) await engine.getContainer(id).remove({ force: true }).catch(() => undefined);
  });

  const open = (host: string): DockerEngineStore => {
    const [choice] = engineChoices([host]);
    const store = createEngineStore({ endpoint: resolveEndpoint({ host: choice.host }) });
    stores.push(store);
    return store;
  };
  const make = async (engine: typeof docker, prefix: string): Promise<string> => {
    const container = await engine.createContainer({ Image: TEST_IMAGE, name: uniqueName(prefix), Cmd: ['sleep', '3600'] });
    made.push({ engine, id: container.id });
    return container.id;
  };

  it('keeps one store per engine, each following only its own engine', async () => {
    const dockerStore = open(dockerHost());
    const podmanStore = open(proxy.host);
    await Promise.all([dockerStore.ready(), podmanStore.ready()]);
    assert.ok(dockerStore.connection.status === 'connected' && dockerStore.connection.engine.kind === 'docker');
    assert.ok(podmanStore.connection.status === 'connected' && podmanStore.connection.engine.kind === 'podman');
    const inDocker = await make(docker, 'two-d');
    const inPodman = await make(podman, 'two-p');
    await waitFor('each store lists its new container', () => dockerStore.container(inDocker) && podmanStore.container(inPodman));
    assert.equal(dockerStore.container(inPodman), undefined, 'Podman\'s container is not in dockerd\'s store');
    assert.equal(podmanStore.container(inDocker), undefined, 'dockerd\'s container is not in Podman\'s store');
    assert.deepEqual(podmanStore.containers().map((c) => c.id).sort(), (await podman.listContainers({ all: true })).map((c) => c.Id).sort());
    assert.deepEqual(dockerStore.containers().map((c) => c.id).sort(), (await docker.listContainers({ all: true })).map((c) => c.Id).sort());
  });

  it('one engine going down changes nothing for the other, and it comes back by itself', async () => {
    const dockerStore = open(dockerHost());
    const podmanStore = open(proxy.host);
    await Promise.all([dockerStore.ready(), podmanStore.ready()]);
    const dockerChanges: StoreChange[] = [];
    const subscription = dockerStore.onDidChange((changes) => dockerChanges.push(...changes));
    const dockerConnection = dockerStore.connection;
    try {
      await proxy.close(); // Podman's socket is gone, its event stream cut
      await waitFor('Podman\'s store has lost its engine', () => podmanStore.connection.status !== 'connected', { detail: () => JSON.stringify(podmanStore.connection) });
      const whileDown = await make(docker, 'while-down');
      await docker.getContainer(whileDown).start();
      await waitFor('dockerd\'s store follows its engine meanwhile', () => dockerStore.container(whileDown)?.state === 'running');
      assert.equal(dockerStore.connection, dockerConnection, 'dockerd\'s connection state is untouched');
      assert.ok(!dockerChanges.some((c) => c.kind === 'connection'), 'no connection change on dockerd\'s store');

      const madeWhileDown = await make(podman, 'p-while-down');
      await proxy.listen();
      await waitFor('Podman\'s store is back with what happened while it was down', () => podmanStore.connection.status === 'connected' && podmanStore.container(madeWhileDown), { detail: () => JSON.stringify(podmanStore.connection) });
      assert.equal(dockerStore.connection, dockerConnection);
    } finally {
      subscription.dispose();
    }
  });
});
