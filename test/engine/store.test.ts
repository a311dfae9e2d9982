// The live model against the real private dockerd: load, events, reconnect, ordering races.
import * as assert from 'node:assert/strict';
import type Docker from 'dockerode';
import { resolveEndpoint } from '../../src/docker/connect';
import type { StoreChange } from '../../src/docker/model';
import { containerFromInspect } from '../../src/docker/normalize';
import { createEngineStore, type DockerEngineStore } from '../../src/docker/store';
import { containerStatusText } from '../../src/docker/statusText';
import { dockerHost, rawDocker, registryAddress, TEST_IMAGE, uniqueName } from './env';
import { SocketProxy } from './socketProxy';
import { waitFor } from './waitFor';

describe('engine store (dockerd)', function () {
  this.timeout(60_000);
  let docker: Docker;
  let proxy: SocketProxy;
  let store: DockerEngineStore;
  let changes: StoreChange[][];
  const created: string[] = [];
  const createdImages: string[] = [];
  const createdVolumes: string[] = [];
  const createdNetworks: string[] = [];

  async function make(prefix: string, extra: Docker.ContainerCreateOptions = {}): Promise<Docker.Container> {
    const container = await docker.createContainer({ Image: TEST_IMAGE, name: uniqueName(prefix), ...extra });
    created.push(container.id);
    return container;
  }

  before(async () => {
    docker = rawDocker();
    proxy = new SocketProxy(dockerHost().replace(/^unix:\/\//, ''));
    await proxy.listen();
  });

  beforeEach(async () => {
    changes = [];
    store = createEngineStore({ endpoint: resolveEndpoint({ host: proxy.host }), backoffInitialMs: 50, backoffMaxMs: 400 });
    store.onDidChange((batch) => changes.push(batch));
    await store.ready();
  });

  afterEach(() => {
    store.dispose();
    proxy.release();
  });

  after(async () => {
    await proxy.close();
    for (const id of created) await docker.getContainer(id).remove({ force: true }).catch(() => undefined);
    for (const ref of createdImages) await docker.getImage(ref).remove().catch(() => undefined);
    for (const name of createdVolumes) await docker.getVolume(name).remove().catch(() => undefined);
    for (const id of createdNetworks) await docker.getNetwork(id).remove().catch(() => undefined);
  });

  it('loads what the engine lists, and says which engine it is', async () => {
    const container = await make('load');
    await store.refresh();
    const listed = await docker.listContainers({ all: true });
    assert.deepEqual(store.containers().map((c) => c.id).sort(), listed.map((c) => c.Id).sort());
    assert.deepEqual(store.images().map((i) => i.id).sort(), (await docker.listImages()).map((i) => i.Id).sort());
    assert.deepEqual(store.networks().map((n) => n.name).sort(), (await docker.listNetworks()).map((n) => n.Name).sort());
    assert.equal(store.container(container.id)?.state, 'created');
    const state = store.connection;
    assert.equal(state.status, 'connected');
    if (state.status === 'connected') {
      assert.equal(state.engine.kind, 'docker');
      // Compared with what this engine itself says, so the test holds on any dockerd version.
      const [version, info] = await Promise.all([docker.version(), docker.info()]);
      assert.equal(state.engine.apiVersion, version.ApiVersion);
      assert.equal(state.defaultRuntime, info.DefaultRuntime);
      assert.deepEqual(state.runtimes.map((r) => r.name).sort(), Object.keys(info.Runtimes ?? {}).sort());
      assert.deepEqual(state.runtimes.filter((r) => r.isDefault).map((r) => r.name), [info.DefaultRuntime]);
      // The daemon's labels (the harness's dockerd carries wharf.test=true; npm start's demo engine wharf.demo=true).
      assert.equal(state.labels['wharf.test'], 'true');
      assert.equal(Object.keys(state.labels).length, (info.Labels ?? []).length);
    }
  });

  it('builds the same model from the list row and from inspect', async () => {
    const container = await make('same', { Labels: { 'com.docker.compose.project': 'p1' }, ExposedPorts: { '80/tcp': {} }, HostConfig: { PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] }, Binds: [] }, Cmd: ['sh', '-c', 'sleep 3600'] });
    await container.start();
    await waitFor('running in store', () => store.container(container.id)?.state === 'running');
    await store.refresh(); // list row again: must keep the exact model (no churn)
    const fromList = store.container(container.id)!;
    const fromInspect = containerFromInspect(await container.inspect());
    assert.deepEqual(fromList, fromInspect);
    assert.equal(fromList.composeProject, 'p1');
    assert.equal(fromList.ports[0].hostIp, '127.0.0.1');
    assert.ok(fromList.ports[0].hostPort! > 0);
    assert.equal(fromList.command, "sh -c 'sleep 3600'");
  });

  it('reflects create, start, pause, unpause, rename, stop and destroy from events, one object at a time', async () => {
    const mark = proxy.requests.length;
    const container = await make('life');
    await waitFor('created', () => store.container(container.id)?.state === 'created');
    await container.start();
    const running = await waitFor('running', () => store.container(container.id)?.state === 'running' && store.container(container.id));
    assert.equal(running.timesApproximate, undefined);
    assert.match(containerStatusText(running, Date.now()), /^Up (Less than a second|\d+ seconds?)$/);
    await container.pause();
    await waitFor('paused', () => store.container(container.id)?.state === 'paused');
    assert.match(containerStatusText(store.container(container.id)!, Date.now()), /\(Paused\)$/);
    await container.unpause();
    await waitFor('unpaused', () => store.container(container.id)?.state === 'running');
    const newName = uniqueName('renamed');
    await container.rename({ name: newName });
    await waitFor('renamed', () => store.container(container.id)?.name === newName);
    await container.stop({ t: 0 });
    const exited = await waitFor('exited', () => store.container(container.id)?.state === 'exited' && store.container(container.id));
    assert.equal(exited.exitCode, 137);
    assert.match(containerStatusText(exited, Date.now()), /^Exited \(137\) (Less than a second|\d+ seconds?) ago$/);
    assert.equal(containerStatusText(exited, Date.now()), (await docker.listContainers({ all: true, filters: { id: [container.id] } }))[0].Status);
    await container.remove();
    await waitFor('destroyed', () => store.container(container.id) === undefined);
    // Every read was about this container: no relist of everything.
    const reads = proxy.requestsSince(mark).filter((r) => r.method === 'GET' && !r.path.includes('/events'));
    assert.ok(reads.length > 0);
    for (const read of reads) assert.match(read.path, new RegExp(`/containers/${container.id}/json$`));
    const removed = changes.flat().filter((c) => c.kind === 'container' && c.removed.includes(container.id));
    assert.equal(removed.length, 1);
  });

  it('follows the health status', async () => {
    const container = await make('health', { Healthcheck: { Test: ['CMD', 'true'], Interval: 200_000_000, StartPeriod: 0, Retries: 1 } });
    await container.start();
    const healthy = await waitFor('healthy', () => store.container(container.id)?.health === 'healthy' && store.container(container.id));
    assert.match(containerStatusText(healthy, Date.now()), /^Up .* \(healthy\)$/);
    await container.remove({ force: true }); // its probes would keep the engine busy for the suites after
  });

  it('follows images tagged, untagged and pulled, and moves a tag to its new image', async () => {
    const repo = `wharf-test/${uniqueName('tag')}`;
    const base = await docker.getImage(TEST_IMAGE).inspect();
    await docker.getImage(TEST_IMAGE).tag({ repo, tag: 'one' });
    createdImages.push(`${repo}:one`);
    await waitFor('tag in store', () => store.image(base.Id)?.repoTags.includes(`${repo}:one`));
    // Commit a new image under the same tag: the tag moves, the old image loses it.
    const source = await make('commit');
    const committed = await source.commit({ repo, tag: 'one' }) as { Id: string };
    createdImages.push(committed.Id);
    await waitFor('tag moved to the new image', () => store.image(committed.Id)?.repoTags.includes(`${repo}:one`));
    await waitFor('old image lost the tag', () => !store.image(base.Id)?.repoTags.includes(`${repo}:one`));
    await docker.getImage(TEST_IMAGE).tag({ repo, tag: 'one' });
    await waitFor('tag moved back', () => store.image(base.Id)?.repoTags.includes(`${repo}:one`));
    assert.deepEqual(store.image(committed.Id)?.repoTags, []);
    await docker.getImage(`${repo}:one`).remove();
    await waitFor('untag in store', () => !store.image(base.Id)?.repoTags.includes(`${repo}:one`));
    assert.ok(store.image(base.Id), 'the image itself stays');

    // Push to the local registry, delete locally, pull back: the store sees the pulled image.
    const remote = `${registryAddress()}/${uniqueName('pull')}`;
    await docker.getImage(TEST_IMAGE).tag({ repo: remote, tag: '1' });
    createdImages.push(`${remote}:1`);
    const push = await docker.getImage(`${remote}:1`).push({ authconfig: { username: '', password: '', serveraddress: registryAddress() } });
    await new Promise((resolve, reject) => docker.modem.followProgress(push, (err) => (err ? reject(err) : resolve(undefined))));
    await docker.getImage(`${remote}:1`).remove();
    await waitFor('pushed tag gone', () => !store.images().some((i) => i.repoTags.includes(`${remote}:1`)));
    const pull = await docker.pull(`${remote}:1`);
    await new Promise((resolve, reject) => docker.modem.followProgress(pull, (err) => (err ? reject(err) : resolve(undefined))));
    await waitFor('pulled tag back', () => store.images().some((i) => i.repoTags.includes(`${remote}:1`)));
  });

  it('follows volumes and networks created and destroyed', async () => {
    const volumeName = uniqueName('vol');
    await docker.createVolume({ Name: volumeName, Labels: { wharf: 'test' } });
    createdVolumes.push(volumeName);
    const volume = await waitFor('volume', () => store.volumes().find((v) => v.name === volumeName));
    assert.equal(volume.labels.wharf, 'test');
    const network = await docker.createNetwork({ Name: uniqueName('net') });
    createdNetworks.push(network.id);
    await waitFor('network', () => store.networks().find((n) => n.id === network.id));
    const container = await make('netc');
    await network.connect({ Container: container.id });
    await waitFor('container joined network', () => store.container(container.id)?.networks.includes((store.networks().find((n) => n.id === network.id))!.name));
    await network.disconnect({ Container: container.id });
    await docker.getVolume(volumeName).remove();
    await network.remove();
    await waitFor('volume gone', () => !store.volumes().some((v) => v.name === volumeName));
    await waitFor('network gone', () => !store.networks().some((n) => n.id === network.id));
  });

  it('keeps the exact creation time an inspect gives (list rows have whole seconds), across resyncs and without churn', async () => {
    // Two containers created one after the other within the same second: the list's `Created`
    // cannot order them, the engine's inspect can. Pairs are made until one shares a second
    // (the first almost always does); how long creating takes never decides the outcome.
    let pair: [Docker.Container, Docker.Container] | undefined;
    for (let attempt = 0; attempt < 20 && !pair; attempt++) {
      const first = await make('first');
      const second = await make('second');
      const rows = await docker.listContainers({ all: true, filters: { id: [first.id, second.id] } });
      if (rows.length === 2 && rows[0].Created === rows[1].Created) pair = [first, second];
    }
    assert.ok(pair, 'no two containers created within one second in 20 attempts');
    const [first, second] = pair;
    const exact = async (c: Docker.Container): Promise<number> => Date.parse((await c.inspect()).Created);
    const [firstAt, secondAt] = [await exact(first), await exact(second)];
    assert.ok(secondAt > firstAt, 'the engine knows which came first');
    await waitFor('both created in the store', () => store.container(first.id) && store.container(second.id));
    assert.equal(store.container(first.id)!.createdAt, firstAt);
    assert.equal(store.container(second.id)!.createdAt, secondAt);
    const mark = changes.length;
    await store.refresh(); // the list's rows say only the second
    assert.equal(store.container(first.id)!.createdAt, firstAt);
    assert.equal(store.container(second.id)!.createdAt, secondAt);
    const touched = changes.slice(mark).flat().filter((c) => c.kind === 'container').flatMap((c) => [...c.added, ...c.updated, ...c.removed]);
    assert.ok(!touched.includes(first.id) && !touched.includes(second.id), `a resync must not churn them: ${touched.join(', ')}`);
    // A later inspect (start) keeps the same exact time.
    await second.start();
    await waitFor('running in store', () => store.container(second.id)?.state === 'running');
    assert.equal(store.container(second.id)!.createdAt, secondAt);
  });

  it('coalesces a burst into few change notifications', async () => {
    const before = changes.length;
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => make(`burst${i}`)));
    await waitFor('all 20 in store', () => burst.every((c) => store.container(c.id)));
    const batches = changes.slice(before).filter((batch) => batch.some((c) => c.kind === 'container'));
    assert.ok(batches.length < 20, `expected fewer notifications than events, got ${batches.length}`);
    assert.equal(new Set(batches.flatMap((b) => b.flatMap((c) => c.added))).size, 20);
  });

  it('sends no request while idle, besides the event stream', async () => {
    // The engine is shared with the other suites, whose leftovers (a container exiting, a health
    // check turning) make events the store rightly answers with an inspect. So: watch the engine's
    // own event stream (not through the proxy), wait until it is quiet, then allow in the window
    // only inspects of objects an event named. A poll (a list, /info, an inspect nobody asked
    // for) still fails; with no event at all, no request may pass.
    const named = new Set<string>();
    let eventCount = 0;
    let lastEventAt = Date.now();
    const watch = await docker.getEvents({}) as NodeJS.ReadableStream & { destroy(): void };
    let rest = '';
    watch.on('data', (chunk: Buffer) => {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines.filter((l) => l.trim())) {
        const event = JSON.parse(line) as { Action?: string; Actor?: { ID?: string; Attributes?: Record<string, string> } };
        // Health probes run as execs, several a second for a container with a healthcheck:
        // they change nothing the store holds, so they neither break the quiet nor excuse a read.
        if (/^exec_/.test(event.Action ?? '')) continue;
        eventCount += 1;
        lastEventAt = Date.now();
        if (event.Actor?.ID) named.add(event.Actor.ID);
        if (event.Actor?.Attributes?.container) named.add(event.Actor.Attributes.container);
      }
    });
    try {
      await waitFor('the engine to be quiet for 1 s', () => Date.now() - lastEventAt >= 1000, 30_000);
      const mark = proxy.requests.length;
      const eventsMark = eventCount;
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const requests = proxy.requestsSince(mark).filter((r) => !/\/events(?:\?|$)/.test(r.path));
      if (eventCount === eventsMark) {
        assert.deepEqual(requests, [], 'no event reached the engine, yet the store sent requests');
      } else {
        for (const request of requests) {
          const inspected = /^GET (?:\/v[\d.]+)?\/(?:containers|images|networks)\/([^?]+)\/json$|^GET (?:\/v[\d.]+)?\/(?:volumes|networks)\/([^/?]+)$/.exec(`${request.method} ${request.path}`);
          const id = inspected?.[1] ?? inspected?.[2];
          assert.ok(id && named.has(decodeURIComponent(id)), `a request no event explains: ${request.method} ${request.path}`);
        }
      }
    } finally {
      watch.destroy();
    }
  });

  it('reconnects after the stream is cut and resyncs what happened meanwhile', async () => {
    proxy.sever();
    await waitFor('noticed the cut', () => store.connection.status !== 'connected');
    const meanwhile = await make('meanwhile');
    await waitFor('reconnected', () => store.connection.status === 'connected');
    await waitFor('resynced', () => store.container(meanwhile.id));
    assert.ok(changes.some((batch) => batch.some((c) => c.kind === 'connection')));
  });

  it('says unreachable while the engine is down, then comes back by itself', async () => {
    await proxy.close();
    const down = await waitFor('unreachable', () => store.connection.status === 'unreachable' && store.connection);
    if (down.status === 'unreachable') {
      assert.equal(down.code, 'unreachable');
      assert.ok(down.hint);
      assert.ok(down.retryAt);
    }
    await proxy.listen();
    await waitFor('connected again', () => store.connection.status === 'connected');
  });

  it('never lets a late list answer bring back a destroyed container or drop a new one', async () => {
    const doomed = await make('doomed');
    await waitFor('doomed loaded', () => store.container(doomed.id));
    proxy.hold((request) => request.path.includes('/containers/json'));
    const refreshing = store.refresh();
    await waitFor('list sent', () => proxy.requests.some((r) => r.path.includes('/containers/json')));
    await new Promise((resolve) => setTimeout(resolve, 50)); // let the engine answer into the hold
    await doomed.remove({ force: true });
    const newcomer = await make('newcomer');
    await waitFor('destroy applied', () => store.container(doomed.id) === undefined);
    await waitFor('create applied', () => store.container(newcomer.id));
    proxy.release();
    await refreshing;
    assert.equal(store.container(doomed.id), undefined, 'the late list brought back a destroyed container');
    assert.ok(store.container(newcomer.id), 'the late list dropped a container created meanwhile');
  });

  it('never lets a late inspect answer bring back a container destroyed meanwhile', async () => {
    // The create event makes the store inspect the new container; that answer is held until the
    // container has been destroyed and the store has had its destroy event.
    const inspectPath = /\/containers\/[0-9a-f]{64}\/json/;
    proxy.hold((request) => inspectPath.test(request.path));
    const destroyed = new Set<string>();
    const events = (await docker.getEvents({ filters: { type: ['container'], event: ['destroy'] } })) as NodeJS.ReadableStream & { destroy(): void };
    events.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) destroyed.add((JSON.parse(line) as { id: string }).id);
    });
    try {
      const fleeting = await docker.createContainer({ Image: TEST_IMAGE, name: uniqueName('fleeting') });
      created.push(fleeting.id);
      await waitFor('inspect sent', () => proxy.requests.some((r) => r.path.includes(`/containers/${fleeting.id}/json`)));
      await new Promise((resolve) => setTimeout(resolve, 50)); // let the engine answer into the hold
      await fleeting.remove({ force: true });
      await waitFor('destroy event out', () => destroyed.has(fleeting.id));
      await new Promise((resolve) => setTimeout(resolve, 200)); // the store's own stream has it too
      proxy.release();
      await new Promise((resolve) => setTimeout(resolve, 300)); // the held flush and the next one
      assert.equal(store.container(fleeting.id), undefined, 'the late inspect brought back a destroyed container');
      const shown = changes.flat().filter((c) => c.kind === 'container' && (c.added.includes(fleeting.id) || c.updated.includes(fleeting.id)));
      assert.deepEqual(shown, [], 'a destroyed container was shown, even briefly');
    } finally {
      events.destroy();
    }
  });

  it('times out a hung engine instead of hanging', async () => {
    store.dispose();
    proxy.hold(() => true);
    const hung = createEngineStore({ endpoint: resolveEndpoint({ host: proxy.host }), deadlineMs: 300, backoffInitialMs: 10_000 });
    try {
      await assert.rejects(hung.ready(), (err: { code?: string }) => err.code === 'timeout');
      assert.equal(hung.connection.status, 'unreachable');
    } finally {
      hung.dispose();
      proxy.release();
    }
  });
});
