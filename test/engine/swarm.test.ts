// Swarm on a real dockerd made a single-node swarm (advertised and listening on 127.0.0.1 only,
// no registry: services run the local busybox image). Every effect is awaited on Wharf's live
// Swarm store (woken by its change events) and, where it matters, observed with a raw client.
// The swarm is left and everything removed in `after`, also when a test failed.
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { resolveEndpoint, type Endpoint } from '../../src/docker/connect';
import { initSwarm, leaveSwarm, readMembership } from '../../src/docker/swarm/membership';
import { setNodeAvailability } from '../../src/docker/swarm/nodes';
import { serviceLogs, type ServiceLogLine } from '../../src/docker/swarm/serviceLogs';
import { createService, listServices, removeService, rollbackService, scaleService, updateServiceImage } from '../../src/docker/swarm/services';
import { deployStack, removeStack } from '../../src/docker/swarm/stacks';
import { createSwarmData, listSwarmData, removeSwarmData } from '../../src/docker/swarm/swarmData';
import { serviceProblem } from '../../src/docker/swarm/swarmErrors';
import { SwarmStore } from '../../src/docker/swarm/swarmStore';
import { isWharfError } from '../../src/docker/errors';
import { dockerHost, freePort, rawDocker, swarmHost, TEST_IMAGE, uniqueName } from './env';
import { initOptions, leaveCleanly } from './swarmBed';
import { waitFor } from './waitFor';

const SLEEPER = ['sh', '-c', 'trap "exit 0" TERM; echo "hello from $(hostname)"; sleep 3600 & wait'];

describe('Swarm on a real single-node swarm (engine)', function () {
  this.timeout(120_000);
  let docker: Docker;
  let endpoint: Endpoint;
  let store: SwarmStore;
  let scratch: string;

  /** Resolves once `check` holds on the store; asked again on each of its changes. */
  const until = <T>(what: string, check: () => T | undefined | false): Promise<T> =>
    waitFor(what, check, { wake: (resume) => store.onDidChange(resume), detail: () => JSON.stringify({ services: store.services().map((s) => [s.name, s.running, s.desired, s.updateState]), tasks: store.allTasks().map((t) => [t.serviceId.slice(0, 6), t.slot, t.state, t.desiredState, t.error]) }) });
  const running = (serviceId: string): number => store.tasks(serviceId).filter((t) => t.state === 'running' && t.desiredState === 'running').length;

  before(async () => {
    docker = rawDocker(swarmHost());
    endpoint = resolveEndpoint({ host: swarmHost() });
    scratch = mkdtempSync(join(tmpdir(), 'wharf-swarm-'));
    // The store is opened before the swarm exists: it must see the swarm appear from events alone.
    store = new SwarmStore({ docker });
    await store.ready();
  });

  after(async () => {
    store?.dispose();
    const problems = await leaveCleanly(rawDocker(swarmHost()));
    assert.deepEqual(problems, [], 'the swarm test bed was left clean');
    const info = await rawDocker(swarmHost()).info() as { Swarm: { LocalNodeState: string } };
    assert.equal(info.Swarm.LocalNodeState, 'inactive', 'the swarm was left');
  });

  it('says an engine outside a swarm is not a manager, with the way out', async () => {
    assert.equal((await readMembership(rawDocker(dockerHost()))).state, 'inactive');
    await assert.rejects(listServices(rawDocker(dockerHost())), (err: unknown) => {
      assert.ok(isWharfError(err, 'notSwarmManager'), String(err));
      assert.match(err.hint ?? '', /Initialize|Join/);
      return true;
    });
  });

  it('initializes a swarm advertised on 127.0.0.1, and the live store sees it without being asked', async () => {
    assert.equal(store.membership?.state, 'inactive');
    const nodeId = await initSwarm(docker, await initOptions());
    assert.match(nodeId, /^[a-z0-9]{25}$/);
    const manager = await until('the store to see a manager', () => store.membership?.state === 'manager' && store.membership);
    assert.equal(manager.nodeAddr, '127.0.0.1');
    const node = await until('the node in the store', () => store.nodes().find((n) => n.id === nodeId));
    assert.deepEqual([node.role, node.availability, node.status, node.leader], ['manager', 'active', 'ready', true]);
    assert.ok(node.engineVersion, 'the node names its engine version');
  });

  it('creates, scales, updates and rolls back a service of the local image; its tasks reach running', async () => {
    const name = uniqueName('svc').slice(0, 60);
    const port = await freePort();
    const id = await createService(docker, { name, image: TEST_IMAGE, replicas: 2, command: SLEEPER, ports: [{ published: port, target: 80 }], env: ['MODE=test'], constraints: ['node.role == manager'] });
    await until('2 running tasks', () => running(id) === 2);
    const service = await until('the service counted running', () => store.service(id)?.running === 2 && store.service(id));
    assert.deepEqual([service.mode, service.replicas, service.desired, service.image], ['replicated', 2, 2, TEST_IMAGE]);
    assert.deepEqual(service.ports, [{ targetPort: 80, publishedPort: port, protocol: 'tcp', mode: 'ingress' }]);
    assert.deepEqual(service.constraints, ['node.role == manager']);

    await scaleService(docker, id, 3);
    await until('3 running tasks', () => running(id) === 3);
    assert.equal((await docker.getService(id).inspect()).Spec.Mode.Replicated.Replicas, 3, 'the engine holds 3 replicas');

    // A second tag of the same image: an update the engine rolls out task by task.
    await docker.getImage(TEST_IMAGE).tag({ repo: 'wharf-test/busybox', tag: 'v2' });
    await updateServiceImage(docker, id, 'wharf-test/busybox:v2');
    await until('the update to complete', () => store.service(id)?.updateState === 'completed');
    await until('3 tasks running v2', () => store.tasks(id).filter((t) => t.desiredState === 'running' && t.state === 'running' && t.image === 'wharf-test/busybox:v2').length === 3);

    await rollbackService(docker, id);
    await until('the rollback to complete', () => store.service(id)?.updateState === 'rollback_completed');
    await until('3 tasks running the old image', () => store.tasks(id).filter((t) => t.desiredState === 'running' && t.state === 'running' && t.image === TEST_IMAGE).length === 3);
    assert.equal(store.service(id)?.image, TEST_IMAGE);

    await removeService(docker, id);
    await until('the service gone from the store', () => !store.service(id) && store.tasks(id).length === 0);
  });

  it('reads a service\'s logs, every task\'s lines prefixed by task and node', async () => {
    const name = uniqueName('logs').slice(0, 60);
    const id = await createService(docker, { name, image: TEST_IMAGE, replicas: 2, command: SLEEPER });
    await until('2 running tasks', () => running(id) === 2);
    const lines: ServiceLogLine[] = [];
    const handle = await serviceLogs(docker, id, (line) => lines.push(line), { follow: true, serviceName: name, tasks: () => store.tasks(id), nodes: () => store.nodes() });
    try {
      await waitFor('a line from each task', () => new Set(lines.filter((l) => /^hello from /.test(l.text)).map((l) => l.task)).size === 2);
    } finally {
      handle.dispose();
    }
    const hostname = store.nodes()[0].hostname;
    assert.deepEqual(new Set(lines.map((l) => l.task)), new Set([`${name}.1`, `${name}.2`]));
    assert.ok(lines.every((l) => l.node === hostname), JSON.stringify(lines));
    await removeService(docker, id);
  });

  for (const route of ['api', 'cli'] as const) {
    it(`deploys a stack of two services and removes it (${route === 'api' ? 'through the API' : 'through the docker CLI'})`, async () => {
      const stack = `st${route}${Math.random().toString(36).slice(2, 6)}`;
      const file = join(scratch, `${stack}.yml`);
      writeFileSync(file, [
        'version: "3.8"',
        'services:',
        '  web:',
        `    image: ${TEST_IMAGE}`,
        '    command: ["sh", "-c", "trap \'exit 0\' TERM; sleep 3600 & wait"]',
        '    deploy: { replicas: 2 }',
        '  worker:',
        `    image: ${TEST_IMAGE}`,
        '    command: sh -c "trap \'exit 0\' TERM; sleep 3600 & wait"',
        '    environment: { ROLE: worker }',
        '',
      ].join('\n'));
      const deployed = await deployStack(docker, endpoint, stack, file, { route });
      assert.equal(deployed.route, route);
      const found = await until('the stack with its two services, all tasks running', () => {
        const s = store.stacks().find((x) => x.name === stack);
        return s && s.services.length === 2 && s.services.every((svc) => running(svc.id) === (svc.name.endsWith('_web') ? 2 : 1)) && s;
      });
      assert.deepEqual(found.services.map((s) => s.name), [`${stack}_web`, `${stack}_worker`]);
      assert.deepEqual(found.services[1].env, ['ROLE=worker']);
      const networks = await docker.listNetworks({ filters: JSON.stringify({ label: [`com.docker.stack.namespace=${stack}`] }) });
      assert.deepEqual(networks.map((n) => n.Name), [`${stack}_default`]);

      const removed = await removeStack(docker, endpoint, stack, { route });
      assert.equal(removed.route, route);
      await until('the stack gone', () => !store.stacks().some((x) => x.name === stack));
      await waitFor('its network gone', async () => (await docker.listNetworks({ filters: JSON.stringify({ label: [`com.docker.stack.namespace=${stack}`] }) })).length === 0);
    });
  }

  it('drains the node: its tasks stop and go pending, with a typed "no suitable node" problem; Active brings them back', async () => {
    const name = uniqueName('drain').slice(0, 60);
    const id = await createService(docker, { name, image: TEST_IMAGE, replicas: 2, command: SLEEPER });
    await until('2 running tasks', () => running(id) === 2);
    const node = store.nodes()[0];
    try {
      await setNodeAvailability(docker, node.id, 'drain');
      await until('the node drained', () => store.nodes()[0]?.availability === 'drain');
      const pending = await until('2 pending tasks with an error', () => {
        const tasks = store.tasks(id).filter((t) => t.desiredState === 'running');
        return tasks.length === 2 && tasks.every((t) => t.state === 'pending' && t.error) && tasks;
      });
      assert.equal(running(id), 0);
      const problem = serviceProblem(pending);
      assert.ok(isWharfError(problem, 'noSuitableNode'), String(problem));
      assert.match(problem.hint ?? '', /drained/);
    } finally {
      await setNodeAvailability(docker, node.id, 'active');
    }
    await until('2 running tasks again', () => running(id) === 2);
    await removeService(docker, id);
  });

  it('types a port already published and an image no node can reach', async () => {
    const port = await freePort();
    const first = await createService(docker, { name: uniqueName('porta').slice(0, 60), image: TEST_IMAGE, command: SLEEPER, ports: [{ published: port, target: 80 }] });
    try {
      await assert.rejects(createService(docker, { name: uniqueName('portb').slice(0, 60), image: TEST_IMAGE, command: SLEEPER, ports: [{ published: port, target: 81 }] }), (err: unknown) => {
        assert.ok(isWharfError(err, 'portInUse'), String(err));
        assert.match(err.message, new RegExp(`port ${port}`));
        return true;
      });
    } finally {
      await removeService(docker, first);
    }
    // A registry on loopback where nothing listens: the node cannot pull, and says so in the task.
    const missing = `127.0.0.1:${await freePort()}/wharf-test/absent:1`;
    const id = await createService(docker, { name: uniqueName('noimg').slice(0, 60), image: missing, command: SLEEPER });
    const problem = await until('a typed image problem', () => serviceProblem(store.tasks(id)));
    assert.ok(isWharfError(problem, 'imageUnreachable'), `${problem.code}: ${problem.message}`);
    await removeService(docker, id);
  });

  it('creates a secret and a config, mounts the secret; no Wharf function returns either value', async () => {
    const value = `s3cr3t-${Math.random().toString(36).slice(2)}`;
    const configValue = `cfg-${Math.random().toString(36).slice(2)}`;
    const secretName = uniqueName('secret').slice(0, 60);
    const secretId = await createSwarmData(docker, 'secret', secretName, Buffer.from(value));
    const configId = await createSwarmData(docker, 'config', uniqueName('config').slice(0, 60), Buffer.from(configValue));
    const name = uniqueName('mount').slice(0, 60);
    const id = await createService(docker, { name, image: TEST_IMAGE, command: SLEEPER, secrets: [{ id: secretId, name: secretName, target: 'token' }] });
    const task = await until('the task running', () => store.tasks(id).find((t) => t.state === 'running' && t.containerId));
    await until('the secret and config in the store', () => store.secrets().some((s) => s.id === secretId) && store.configs().some((c) => c.id === configId));
    // Observed with a raw client: the file in the task's container holds the value.
    const exec = await docker.getContainer(task.containerId as string).exec({ Cmd: ['cat', '/run/secrets/token'], AttachStdout: true });
    const out = await new Promise<string>((resolve, reject) => exec.start({}, (err, stream) => {
      if (err || !stream) return reject(err);
      let text = '';
      stream.on('data', (d: Buffer) => { text += d.toString('latin1'); });
      stream.on('end', () => resolve(text));
    }));
    assert.ok(out.includes(value), 'the secret is mounted with its value');
    const everything = JSON.stringify({
      store: [store.secrets(), store.configs(), store.services(), store.allTasks()],
      secrets: await listSwarmData(docker, 'secret'), configs: await listSwarmData(docker, 'config'), services: await listServices(docker),
    });
    for (const secretText of [value, configValue, Buffer.from(value).toString('base64'), Buffer.from(configValue).toString('base64')]) {
      assert.ok(!everything.includes(secretText), `a value reached Wharf's results: ${secretText}`);
    }
    await removeService(docker, id);
    await waitFor('the secret free to remove', async () => removeSwarmData(docker, 'secret', secretId).then(() => true, (err: unknown) => (/in use/i.test(String(err)) ? false : Promise.reject(err))));
    await removeSwarmData(docker, 'config', configId);
    await until('both gone from the store', () => !store.secrets().some((s) => s.id === secretId) && !store.configs().some((c) => c.id === configId));
  });

  it('leaves the swarm (force, as the last manager) with a service running; a refresh (as Leave does) shows no swarm', async () => {
    const id = await createService(docker, { name: uniqueName('last').slice(0, 60), image: TEST_IMAGE, command: SLEEPER });
    await until('its task running', () => running(id) === 1);
    await assert.rejects(leaveSwarm(docker, false), (err: unknown) => {
      assert.match(String(err), /the swarm's last manager: leaving would erase the swarm/);
      assert.match((err as { hint?: string }).hint ?? '', /Leave with Force/);
      return true;
    }, 'the engine refuses without force');
    await leaveSwarm(docker, true);
    // Leaving sends no event of its own (its task's container events may come while the engine
    // still answers as a manager): Wharf's Leave command refreshes, as here.
    await store.refresh();
    assert.deepEqual([store.membership?.state, store.services().length, store.allTasks().length, store.nodes().length], ['inactive', 0, 0, 0]);
    await waitFor('the task\'s container stopped', async () => (await docker.listContainers({ filters: JSON.stringify({ label: [`com.docker.swarm.service.id=${id}`] }) })).length === 0);
  });

  it('notices a swarm left without any event when someone looks (checkMembership)', async () => {
    await initSwarm(docker, await initOptions());
    await until('the store to see a manager again', () => store.membership?.state === 'manager');
    await rawDocker(swarmHost()).swarmLeave({ force: true });
    store.checkMembership();
    await until('the store to see no swarm', () => store.membership?.state === 'inactive' && store.nodes().length === 0);
  });
});
