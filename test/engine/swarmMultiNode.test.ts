// Two real swarm nodes: the swarm dockerd as the manager, and a second private dockerd in its own
// network namespace (scripts/lib/engines.mjs startNetnsDockerd) joined as a worker through Wharf's
// joinSwarm, over a link-local veth pair. A replicated service spreads over both nodes; draining
// the worker moves its tasks to the manager; promote and demote; the worker leaves and is removed.
// Where the machine allows no network namespace, the harness says why and this suite is skipped
// (reported as skipped, never as passed).
import * as assert from 'node:assert/strict';
import type Docker from 'dockerode';
import { freePort, rawDocker, swarmHost, TEST_IMAGE, uniqueName } from './env';
import { initSwarm, joinSwarm, joinTokens, leaveSwarm, readMembership } from '../../src/docker/swarm/membership';
import { removeNode, setNodeAvailability, setNodeRole } from '../../src/docker/swarm/nodes';
import { createService, removeService } from '../../src/docker/swarm/services';
import { SwarmStore } from '../../src/docker/swarm/swarmStore';
import { leaveCleanly } from './swarmBed';
import { waitFor } from './waitFor';

describe('Swarm on two nodes, the worker in its own network namespace (engine)', function () {
  this.timeout(120_000);
  let manager: Docker;
  let worker: Docker;
  let store: SwarmStore;
  let workerNodeId = '';
  let managerNodeId = '';

  const until = <T>(what: string, check: () => T | undefined | false): Promise<T> =>
    waitFor(what, check, { wake: (resume) => store.onDidChange(resume), detail: () => JSON.stringify({ nodes: store.nodes().map((n) => [n.id.slice(0, 6), n.role, n.availability, n.status]), tasks: store.allTasks().map((t) => [t.nodeId?.slice(0, 6), t.state, t.desiredState, t.error]) }) });
  const runningOn = (serviceId: string): Record<string, number> => {
    const counts: Record<string, number> = {};
    for (const t of store.tasks(serviceId)) if (t.state === 'running' && t.desiredState === 'running' && t.nodeId) counts[t.nodeId] = (counts[t.nodeId] ?? 0) + 1;
    return counts;
  };

  before(async function () {
    const unavailable = process.env.WHARF_TEST_SWARM_WORKER_UNAVAILABLE;
    if (unavailable || !process.env.WHARF_TEST_SWARM_WORKER_HOST) {
      console.log(`      skipped: no second node (${unavailable ?? 'the harness started none'})`);
      this.skip();
    }
    manager = rawDocker(swarmHost());
    worker = rawDocker(process.env.WHARF_TEST_SWARM_WORKER_HOST);
    const managerAddr = process.env.WHARF_TEST_SWARM_MANAGER_ADDR as string;
    const workerAddr = process.env.WHARF_TEST_SWARM_WORKER_ADDR as string;
    const port = await freePort();
    managerNodeId = await initSwarm(manager, { advertiseAddr: managerAddr, listenAddr: `${managerAddr}:${port}`, dataPathPort: await freePort() });
    store = new SwarmStore({ docker: manager });
    await store.ready();
    const { worker: token } = await joinTokens(manager);
    await joinSwarm(worker, { token, managerAddress: `${managerAddr}:${port}`, advertiseAddr: workerAddr, listenAddr: `${workerAddr}:2377` });
    assert.equal((await readMembership(worker)).state, 'worker');
  });

  after(async () => {
    store?.dispose();
    if (!worker) return;
    const problems = [...await leaveCleanly(worker), ...await leaveCleanly(manager)];
    assert.deepEqual(problems, [], 'both nodes were left clean');
  });

  it('sees the worker join, from the node events', async () => {
    const joined = await until('two ready nodes', () => store.nodes().length === 2 && store.nodes().every((n) => n.status === 'ready') && store.nodes());
    const node = joined.find((n) => n.id !== managerNodeId);
    assert.ok(node);
    workerNodeId = node.id;
    assert.deepEqual([node.role, node.availability, node.address], ['worker', 'active', process.env.WHARF_TEST_SWARM_WORKER_ADDR]);
  });

  it('spreads a service over both nodes; draining the worker moves its tasks to the manager', async () => {
    const id = await createService(manager, { name: uniqueName('spread').slice(0, 60), image: TEST_IMAGE, replicas: 4, command: ['sh', '-c', 'trap "exit 0" TERM; sleep 3600 & wait'] });
    const spread = await until('4 running tasks on both nodes', () => { const c = runningOn(id); return Object.keys(c).length === 2 && (c[managerNodeId] ?? 0) + (c[workerNodeId] ?? 0) === 4 && c; });
    assert.ok(spread[workerNodeId] >= 1, JSON.stringify(spread));
    // The worker runs its tasks in its own engine: observed there, with a raw client.
    assert.equal((await worker.listContainers({ filters: JSON.stringify({ label: [`com.docker.swarm.service.id=${id}`] }) })).length, spread[workerNodeId]);
    await setNodeAvailability(manager, workerNodeId, 'drain');
    await until('all 4 on the manager', () => runningOn(id)[managerNodeId] === 4 && !runningOn(id)[workerNodeId]);
    await waitFor('the worker\'s task containers gone', async () => (await worker.listContainers({ filters: JSON.stringify({ label: [`com.docker.swarm.service.id=${id}`] }) })).length === 0);
    await setNodeAvailability(manager, workerNodeId, 'active');
    await until('the worker active', () => store.nodes().find((n) => n.id === workerNodeId)?.availability === 'active');
    await removeService(manager, id);
  });

  it('promotes the worker to manager and demotes it again', async () => {
    await setNodeRole(manager, workerNodeId, 'manager');
    await until('two managers', () => store.nodes().filter((n) => n.role === 'manager').length === 2);
    // Its joining the raft (Reachability) has no event of its own: observed with a raw client.
    await waitFor('the new manager reachable', async () => (await manager.getNode(workerNodeId).inspect()).ManagerStatus?.Reachability === 'reachable');
    await setNodeRole(manager, workerNodeId, 'worker');
    await until('one manager again', () => store.nodes().find((n) => n.id === workerNodeId)?.role === 'worker');
    await waitFor('the worker to see itself a worker', async () => (await readMembership(worker)).state === 'worker');
  });

  it('the worker leaves; the manager sees it down and removes it', async () => {
    await leaveSwarm(worker, false);
    await until('the worker down', () => store.nodes().find((n) => n.id === workerNodeId)?.status === 'down');
    await removeNode(manager, workerNodeId, false);
    await until('one node left', () => store.nodes().length === 1);
  });
});
