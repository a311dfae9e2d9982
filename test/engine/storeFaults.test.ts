// The live model against a bad engine: the private dockerd behind the fault-injecting proxy.
// One object's unreadable answer costs that object, not the session; a list that cannot be read
// is a typed error; a stalled engine is noticed when someone looks; a slow drip is still read
// whole, and one slower than the deadline fails instead of hanging.
import * as assert from 'node:assert/strict';
import type Docker from 'dockerode';
import { resolveEndpoint } from '../../src/docker/connect';
import { isWharfError } from '../../src/docker/errors';
import type { ConnectionState, StoreChange } from '../../src/docker/model';
import { createEngineStore, type DockerEngineStore, type StoreOptions } from '../../src/docker/store';
import { dockerHost, rawDocker, socketPath, TEST_IMAGE, uniqueName } from './env';
import { SocketProxy, type Fault, type ProxiedRequest } from './socketProxy';
import { waitFor } from './waitFor';

describe('engine store against a bad engine (dockerd behind a fault proxy)', function () {
  this.timeout(60_000);
  let docker: Docker;
  let proxy: SocketProxy;
  const stores: DockerEngineStore[] = [];
  const created: string[] = [];

  /** A store on the proxy, its log lines and its change batches. */
  async function open(options: Partial<StoreOptions> = {}, ready = true): Promise<{ store: DockerEngineStore; log: string[]; changes: StoreChange[][] }> {
    const log: string[] = [];
    const changes: StoreChange[][] = [];
    const store = createEngineStore({ endpoint: resolveEndpoint({ host: proxy.host }), backoffInitialMs: 50, backoffMaxMs: 400, log: (line) => log.push(line), ...options });
    stores.push(store);
    store.onDidChange((batch) => changes.push(batch));
    if (ready) await store.ready();
    return { store, log, changes };
  }

  async function make(prefix: string): Promise<Docker.Container> {
    const container = await docker.createContainer({ Image: TEST_IMAGE, name: uniqueName(prefix), Labels: { 'wharf.test': 'faults' } });
    created.push(container.id);
    return container;
  }

  const pings = (requests: ProxiedRequest[]): number => requests.filter((r) => /^(?:\/v[\d.]+)?\/_ping$/.test(r.path)).length;
  const listsSince = (mark: number): ProxiedRequest[] => proxy.requestsSince(mark).filter((r) => /\/containers\/json/.test(r.path));

  before(() => { docker = rawDocker(); });

  beforeEach(async () => {
    proxy = new SocketProxy(socketPath(dockerHost()));
    await proxy.listen();
  });

  afterEach(async () => {
    for (const store of stores.splice(0)) store.dispose();
    proxy.unstall();
    proxy.release();
    await proxy.close();
  });

  after(async () => {
    for (const id of created) await docker.getContainer(id).remove({ force: true }).catch(() => undefined);
  });

  const objectFaults: Array<[string, Fault]> = [
    ['a 500', { kind: 'answer', status: 500, body: '{"message":"injected: the engine failed"}' }],
    ['a body cut off mid-way', { kind: 'truncate' }],
    ['a body that is not JSON', { kind: 'answer', status: 200, body: '<html>502 Bad Gateway</html>' }],
    ['JSON that describes no container', { kind: 'answer', status: 200, body: '[1,2,3]' }],
  ];

  for (const [what, fault] of objectFaults) {
    it(`one container's inspect answered with ${what}: the session lives on, the container keeps what was known, the next event reads it again`, async () => {
      const { store, log, changes } = await open();
      const container = await make('victim');
      const before = await waitFor('the container in the store', () => store.container(container.id));
      proxy.fault((r) => r.path.includes(`/containers/${container.id}/json`), fault);
      const mark = proxy.requests.length;
      const changesMark = changes.length;
      const renamed = uniqueName('renamed');
      await container.rename({ name: renamed });
      await waitFor('the inspect failed and was logged', () => proxy.faulted.length > 0 && log.some((l) => l.startsWith(`could not read container ${container.id}`)), { detail: () => log.join('\n') });
      assert.match(log.find((l) => l.startsWith(`could not read container ${container.id}`)) ?? '', fault.kind === 'answer' && fault.status === 500 ? /engine: .*HTTP 500/ : /malformedAnswer: The engine's answer to "inspect a container" could not be read/);
      assert.equal(store.connection.status, 'connected');
      assert.ok(!changes.slice(changesMark).flat().some((c) => c.kind === 'connection'), 'the session was torn down');
      assert.deepEqual(listsSince(mark), [], 'a failed inspect made the store list everything again');
      assert.deepEqual(store.container(container.id), before, 'the container lost what was known of it');
      // The engine is healthy again; the next event (about anything) brings the read along.
      proxy.clearFaults();
      await make('bystander');
      await waitFor('the rename shown', () => store.container(container.id)?.name === renamed);
      assert.ok(!log.some((l) => /engine session ended/.test(l)), log.join('\n'));
    });
  }

  it('gives up retrying a read that keeps failing after three batches, until its object has news', async () => {
    const { store, log } = await open();
    const container = await make('stubborn');
    await waitFor('the container in the store', () => store.container(container.id));
    proxy.fault((r) => r.path.includes(`/containers/${container.id}/json`), { kind: 'answer', status: 500, body: '{"message":"injected"}' });
    await container.rename({ name: uniqueName('stubborn2') });
    const tries = (): number => proxy.faulted.length;
    await waitFor('the first failure', () => tries() === 1);
    for (let i = 0; i < 4; i++) {
      const bystander = await make('bystander');
      await waitFor('the bystander in the store', () => store.container(bystander.id));
    }
    assert.equal(tries(), 4, `one read and three retries: ${log.filter((l) => l.includes(container.id)).join('\n')}`);
    proxy.clearFaults();
    const renamed = uniqueName('stubborn3');
    await container.rename({ name: renamed });
    await waitFor('its own event reads it again', () => store.container(container.id)?.name === renamed);
  });

  const listFaults: Array<[string, Fault, RegExp]> = [
    ['not JSON', { kind: 'answer', status: 200, body: 'Service Unavailable' }, /could not be read: it is not JSON \(it began "Service Unavailable"\)/],
    ['cut off', { kind: 'truncate' }, /could not be read: it was cut off after \d+ bytes/],
    ['not a list', { kind: 'answer', status: 200, body: '{"Containers":[]}' }, /could not be read: it is not a list of objects/],
  ];

  for (const [what, fault, message] of listFaults) {
    it(`a container list that is ${what} is a typed malformedAnswer, and the store recovers with the engine`, async () => {
      proxy.fault((r) => /\/containers\/json/.test(r.path), fault);
      const { store } = await open({}, false);
      await assert.rejects(store.ready(), (err) => {
        assert.ok(isWharfError(err, 'malformedAnswer'), String(err));
        assert.match(err.message, /^The engine's answer to "list containers" could not be read/);
        assert.match(err.message, message);
        assert.ok(err.hint);
        return true;
      });
      const down = store.connection;
      assert.equal(down.status, 'unreachable');
      if (down.status === 'unreachable') assert.equal(down.code, 'malformedAnswer');
      proxy.clearFaults();
      await waitFor('connected once the engine answers properly', () => store.connection.status === 'connected');
      const listed = (await docker.listContainers({ all: true })).map((c) => c.Id).sort();
      await waitFor('the store holds the engine\'s list', () => JSON.stringify(store.containers().map((c) => c.id).sort()) === JSON.stringify(listed));
    });
  }

  it('a stalled engine is noticed when someone looks, and the store comes back when it answers again', async () => {
    // The deadline is what turns the stall into a failure: short, so the test is.
    const { store, changes } = await open({ livenessSilenceMs: 0, deadlineMs: 2000 });
    // The engine answers: the check passes and the session stays.
    const mark = proxy.requests.length;
    await store.confirmLive();
    assert.equal(pings(proxy.requestsSince(mark)), 1);
    assert.equal(store.connection.status, 'connected');
    // Stalled: the event stream stays open and silent, every answer is kept back.
    proxy.stall();
    const changesMark = changes.length;
    await store.confirmLive();
    await waitFor('the store says the engine does not answer', () => store.connection.status === 'unreachable' && store.connection);
    const down = store.connection as ConnectionState;
    if (down.status === 'unreachable') {
      assert.equal(down.code, 'timeout');
      assert.match(down.message, /did not answer in time/);
    }
    assert.ok(changes.slice(changesMark).flat().some((c) => c.kind === 'connection'));
    proxy.unstall();
    await waitFor('connected again', () => store.connection.status === 'connected');
    const container = await make('afterstall');
    await waitFor('events flow again', () => store.container(container.id));
  });

  it('sends nothing to confirm an engine it heard from recently (an idle Wharf sends no request)', async () => {
    const { store } = await open(); // the default silence: 30 s
    const mark = proxy.requests.length;
    for (let i = 0; i < 5; i++) await store.confirmLive();
    assert.equal(pings(proxy.requestsSince(mark)), 0);
  });

  it('reads everything whole when every answer and the event stream arrive in a slow drip', async () => {
    proxy.fault(() => true, { kind: 'drip', bytes: 509, everyMs: 1 });
    const { store } = await open();
    await store.refresh();
    const [containers, images, networks] = await Promise.all([docker.listContainers({ all: true }), docker.listImages(), docker.listNetworks()]);
    assert.deepEqual(store.containers().map((c) => c.id).sort(), containers.map((c) => c.Id).sort());
    assert.deepEqual(store.images().map((i) => i.id).sort(), images.map((i) => i.Id).sort());
    assert.deepEqual(store.networks().map((n) => n.id).sort(), networks.map((n) => n.Id).sort());
    // The event stream drips too: events split across pieces are still read.
    const container = await make('dripped');
    await waitFor('the event read through the drip', () => store.container(container.id));
    const renamed = uniqueName('dripped2');
    await container.rename({ name: renamed });
    await waitFor('the rename read through the drip', () => store.container(container.id)?.name === renamed);
    assert.equal(store.connection.status, 'connected');
    assert.ok(proxy.faulted.length >= 5, 'the answers were dripped');
  });

  it('an inspect dripping slower than the deadline fails for that object alone, in bounded time', async () => {
    const { store, log } = await open({ deadlineMs: 1000 });
    const container = await make('slow');
    await waitFor('the container in the store', () => store.container(container.id));
    proxy.fault((r) => r.path.includes(`/containers/${container.id}/json`), { kind: 'drip', bytes: 1, everyMs: 200 });
    const renamed = uniqueName('slow2');
    await container.rename({ name: renamed });
    await waitFor('the read timed out and was logged', () => log.some((l) => l.startsWith(`could not read container ${container.id}`)), { detail: () => log.join('\n') });
    assert.match(log.find((l) => l.startsWith(`could not read container ${container.id}`)) ?? '', /timeout: .*did not answer in time/);
    assert.equal(store.connection.status, 'connected');
    proxy.clearFaults();
    await make('bystander');
    await waitFor('read again with the next event', () => store.container(container.id)?.name === renamed);
  });
});
