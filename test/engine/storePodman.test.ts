// The live model against Podman's Docker-compatible API service: it connects (API version from
// /_ping, identity from /version), loads, and follows a container's life from the event stream.
import * as assert from 'node:assert/strict';
import { resolveEndpoint } from '../../src/docker/connect';
import { createEngineStore, type DockerEngineStore } from '../../src/docker/store';
import { podmanHost, rawDocker, TEST_IMAGE, uniqueName } from './env';
import { waitFor } from './waitFor';

describe('engine store (Podman)', function () {
  this.timeout(60_000);
  const podman = rawDocker(podmanHost());
  const created: string[] = [];
  let store: DockerEngineStore;

  afterEach(async () => {
    store?.dispose();
    for (const id of created.splice(0)) await podman.getContainer(id).remove({ force: true }).catch(() => undefined);
  });

  it('says it is Podman, loads the list, and follows create, start, stop and remove', async () => {
    const first = await podman.createContainer({ Image: TEST_IMAGE, name: uniqueName('pstore'), Cmd: ['sleep', '3600'] });
    created.push(first.id);
    store = createEngineStore({ endpoint: resolveEndpoint({ host: podmanHost() }) });
    await store.ready();
    const state = store.connection;
    assert.equal(state.status, 'connected');
    if (state.status === 'connected') {
      assert.equal(state.engine.kind, 'podman');
      assert.match(state.engine.apiVersion, /^1\.\d+$/);
    }
    assert.deepEqual(store.containers().map((c) => c.id).sort(), (await podman.listContainers({ all: true })).map((c) => c.Id).sort());

    const second = await podman.createContainer({ Image: TEST_IMAGE, name: uniqueName('pstore2'), Cmd: ['sleep', '3600'] });
    created.push(second.id);
    await waitFor('created in store', () => store.container(second.id));
    await second.start();
    await waitFor('running in store', () => store.container(second.id)?.state === 'running');
    await second.stop({ t: 0 });
    await waitFor('exited in store', () => store.container(second.id)?.state === 'exited');
    await second.remove();
    await waitFor('gone from store', () => store.container(second.id) === undefined);
  });
});
