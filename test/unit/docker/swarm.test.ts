// The pure parts of the Swarm code: what an event means, how answers become models, how a compose
// file becomes a stack plan, how the engine's words become typed errors, which addresses Init
// offers, and how a detailed log line is named. The engine answers and messages are as dockerd
// 20.10 sends them (captured on the test bed; the quorum message from moby's source, as a
// single-node bed cannot lose quorum).
import * as assert from 'node:assert/strict';
import { advertiseChoices } from '../../../src/docker/swarm/membership';
import { stacksOf } from '../../../src/docker/swarm/model';
import { membershipFrom, nodeFrom, serviceFrom, swarmDataFrom, taskFrom } from '../../../src/docker/swarm/normalize';
import { parseDetailedLine } from '../../../src/docker/swarm/serviceLogs';
import { parsePort, planStack, shellWords } from '../../../src/docker/swarm/stackPlan';
import { serviceProblem, swarmError } from '../../../src/docker/swarm/swarmErrors';
import { swarmTouchesOf } from '../../../src/docker/swarm/swarmEvents';
import { isSettling } from '../../../src/docker/swarm/swarmStore';

const engineError = (statusCode: number, message: string): unknown => Object.assign(new Error(`(HTTP code ${statusCode}) unexpected - ${message} `), { statusCode, json: { message } });

describe('swarm (unit)', () => {
  it('reads events: services, nodes, secrets, configs, swarm-labelled containers, the ingress network', () => {
    assert.deepEqual(swarmTouchesOf({ Type: 'service', Action: 'update', Actor: { ID: 's1', Attributes: { name: 'web' } } }), [{ kind: 'service', id: 's1' }]);
    assert.deepEqual(swarmTouchesOf({ Type: 'node', Action: 'update', Actor: { ID: 'n1' } }), [{ kind: 'node' }, { kind: 'membership' }]);
    assert.deepEqual(swarmTouchesOf({ Type: 'secret', Action: 'create', Actor: { ID: 'x' } }), [{ kind: 'secret' }]);
    assert.deepEqual(swarmTouchesOf({ Type: 'config', Action: 'remove', Actor: { ID: 'x' } }), [{ kind: 'config' }]);
    assert.deepEqual(swarmTouchesOf({ Type: 'container', Action: 'start', Actor: { ID: 'c', Attributes: { 'com.docker.swarm.service.id': 's2' } } }), [{ kind: 'service', id: 's2' }]);
    assert.deepEqual(swarmTouchesOf({ Type: 'container', Action: 'start', Actor: { ID: 'c', Attributes: {} } }), [], 'a plain container is not the swarm\'s');
    assert.deepEqual(swarmTouchesOf({ Type: 'container', Action: 'exec_start: sh', Actor: { ID: 'c', Attributes: { 'com.docker.swarm.service.id': 's2' } } }), []);
    assert.deepEqual(swarmTouchesOf({ Type: 'network', Action: 'create', Actor: { ID: 'i', Attributes: { name: 'ingress', type: 'overlay' } } }), [{ kind: 'membership' }]);
    assert.deepEqual(swarmTouchesOf({ Type: 'network', Action: 'create', Actor: { ID: 'i', Attributes: { name: 'other' } } }), []);
  });

  it('reads membership, services, tasks, nodes; drops a config\'s value', () => {
    assert.deepEqual(membershipFrom({ Swarm: { LocalNodeState: 'inactive' } }), { state: 'inactive' });
    assert.deepEqual(membershipFrom({ Swarm: { LocalNodeState: 'active', ControlAvailable: false, NodeID: 'n', NodeAddr: '10.0.0.2' } }), { state: 'worker', nodeId: 'n', nodeAddr: '10.0.0.2' });
    assert.equal(membershipFrom({ Swarm: { LocalNodeState: 'active', ControlAvailable: true, NodeID: 'n', NodeAddr: '127.0.0.1', Cluster: { ID: 'c' }, Managers: 1, Nodes: 2 } }).state, 'manager');
    const service = serviceFrom({
      ID: 's', Version: { Index: 12 }, CreatedAt: '2026-12-06T16:31:05.41Z', UpdatedAt: '0001-01-01T00:00:00Z',
      Spec: { Name: 'shop_web', Labels: { 'com.docker.stack.namespace': 'shop' }, Mode: { Replicated: { Replicas: 3 } }, TaskTemplate: { ContainerSpec: { Image: 'web:1@sha256:abc123', Env: ['A=1'] }, Placement: { Constraints: ['node.role==worker'] } } },
      Endpoint: { Ports: [{ Protocol: 'tcp', TargetPort: 80, PublishedPort: 8080, PublishMode: 'ingress' }] },
      ServiceStatus: { RunningTasks: 2, DesiredTasks: 3 }, UpdateStatus: { State: 'updating', StartedAt: '2026-12-06T16:40:00Z', Message: 'update in progress' }, PreviousSpec: {},
    });
    assert.deepEqual([service.image, service.stack, service.replicas, service.running, service.desired, service.updateState, service.hasPreviousSpec, service.updatedAt], ['web:1', 'shop', 3, 2, 3, 'updating', true, undefined]);
    assert.deepEqual(service.ports, [{ targetPort: 80, publishedPort: 8080, protocol: 'tcp', mode: 'ingress' }]);
    assert.equal(serviceFrom({ ID: 'g', Spec: { Name: 'g', Mode: { Global: {} } } }).mode, 'global');
    const task = taskFrom({ ID: 't', ServiceID: 's', NodeID: 'n', Slot: 2, DesiredState: 'shutdown', Status: { State: 'failed', Err: 'task: non-zero exit (3)', ContainerStatus: { ExitCode: 3, ContainerID: 'c' } }, Spec: { ContainerSpec: { Image: 'web:1@sha256:ff' } } });
    assert.deepEqual([task.slot, task.state, task.exitCode, task.error, task.image], [2, 'failed', 3, 'task: non-zero exit (3)', 'web:1']);
    assert.equal(taskFrom({ ID: 't', ServiceID: 's', Status: { State: 'running', ContainerStatus: { ExitCode: 0 } } }).exitCode, undefined, 'a running task has no exit code yet');
    const node = nodeFrom({ ID: 'n', Version: { Index: 3 }, Spec: { Role: 'manager', Availability: 'drain' }, Description: { Hostname: 'vm', Engine: { EngineVersion: '20.10.24' } }, Status: { State: 'ready', Addr: '127.0.0.1' }, ManagerStatus: { Leader: true } });
    assert.deepEqual([node.role, node.availability, node.leader, node.engineVersion], ['manager', 'drain', true, '20.10.24']);
    const config = swarmDataFrom({ ID: 'c', Spec: { Name: 'app', Data: Buffer.from('value').toString('base64'), Labels: {} } });
    assert.ok(!JSON.stringify(config).includes(Buffer.from('value').toString('base64')));
  });

  it('groups services by their stack label', () => {
    const s = (name: string, stack?: string): ReturnType<typeof serviceFrom> => serviceFrom({ ID: name, Spec: { Name: name, Labels: stack ? { 'com.docker.stack.namespace': stack } : {} } });
    assert.deepEqual(stacksOf([s('b_web', 'b'), s('lone'), s('a_db', 'a'), s('b_api', 'b')]).map((st) => [st.name, st.services.map((x) => x.name)]), [['a', ['a_db']], ['b', ['b_api', 'b_web']]]);
  });

  it('types the engine\'s Swarm refusals and task errors, with hints', () => {
    const inactive = swarmError(engineError(503, 'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.'));
    assert.equal(inactive.code, 'notSwarmManager');
    assert.match(inactive.hint ?? '', /Initialize/);
    const worker = swarmError(engineError(503, 'This node is not a swarm manager. Worker nodes can\'t be used to view or modify cluster state. Please run this command on a manager node or promote the current node to a manager.'));
    assert.equal(worker.code, 'notSwarmManager');
    assert.match(worker.message, /worker/);
    const quorum = swarmError(engineError(500, 'rpc error: code = Unknown desc = The swarm does not have a leader. It\'s possible that too few managers are online. Make sure more than half of the managers are online.'));
    assert.equal(quorum.code, 'noQuorum');
    assert.match(quorum.hint ?? '', /more than half/);
    const leaving = swarmError(engineError(503, 'You are attempting to leave the swarm on a node that is participating as a manager. Removing this node leaves 1 managers out of 2. Without a Raft quorum your swarm will be inaccessible. The only way to restore a swarm that has lost consensus is to reinitialize it with `--force-new-cluster`. Use `--force` to suppress this message.'), { action: 'leave the swarm' });
    assert.equal(leaving.message, 'Could not leave the swarm: this manager\'s leaving would cost the swarm its quorum of managers.');
    assert.match(leaving.hint ?? '', /Demote/);
    const lastOne = swarmError(engineError(503, 'You are attempting to leave the swarm on a node that is participating as a manager. Removing the last manager erases all current state of the swarm. Use `--force` to ignore this message.'));
    assert.match(lastOne.message, /last manager/);
    const port = swarmError(engineError(400, 'rpc error: code = InvalidArgument desc = port \'8080\' is already in use by service \'web\' (abc) as an ingress port'), { action: 'create service api' });
    assert.equal(port.code, 'portInUse');
    assert.equal(port.message, 'Could not create service api: port 8080 is already published by another service.');
    const task = (error: string, desiredState = 'running'): ReturnType<typeof taskFrom> => taskFrom({ ID: 't', ServiceID: 's', DesiredState: desiredState, Status: { State: 'pending', Err: error } });
    assert.equal(serviceProblem([task('no suitable node (scheduling constraints not satisfied on 1 node)')])?.code, 'noSuitableNode');
    assert.equal(serviceProblem([task('No such image: 127.0.0.1:5999/absent:1')])?.code, 'imageUnreachable');
    assert.equal(serviceProblem([task('No such image: old:1', 'shutdown')]), undefined, 'a task that is meant to stop is history, not a problem');
  });

  it('settles: a task on its way is read again, a settled one is not', () => {
    const t = (state: string, desiredState: string, error?: string): ReturnType<typeof taskFrom> => taskFrom({ ID: 't', ServiceID: 's', DesiredState: desiredState, Status: { State: state, Err: error } });
    assert.equal(isSettling(t('starting', 'running')), true);
    assert.equal(isSettling(t('running', 'running')), false);
    assert.equal(isSettling(t('pending', 'running', 'no suitable node')), false, 'waiting on the user, not on the engine');
    assert.equal(isSettling(t('running', 'shutdown')), true);
    assert.equal(isSettling(t('shutdown', 'shutdown')), false);
  });

  it('plans a stack from a compose file as docker stack deploy names it', () => {
    const plan = planStack('shop', [
      'services:',
      '  web:',
      '    image: web:1',
      '    command: sh -c "echo \'hi there\'"',
      '    ports: ["8080:80", "53:53/udp", 9000]',
      '    environment: { A: "1", B: null }',
      '    volumes: ["data:/data", "./conf:/etc/conf:ro"]',
      '    deploy: { replicas: 3, placement: { constraints: ["node.role == worker"] }, labels: { tier: front } }',
      '    secrets: [token]',
      '    build: .',
      'secrets:',
      '  token: { file: ./token.txt }',
      '',
    ].join('\n'), '/work/app');
    const web = plan.services[0].spec;
    assert.deepEqual([web.name, web.image, web.replicas, web.command], ['shop_web', 'web:1', 3, ['sh', '-c', 'echo \'hi there\'']]);
    assert.deepEqual(web.ports, [{ published: 8080, target: 80, protocol: 'tcp' }, { published: 53, target: 53, protocol: 'udp' }, { target: 9000 }]);
    assert.deepEqual(web.env, ['A=1', 'B']);
    assert.deepEqual(web.mounts, [{ type: 'volume', source: 'shop_data', target: '/data', readOnly: false }, { type: 'bind', source: '/work/app/conf', target: '/etc/conf', readOnly: true }]);
    assert.deepEqual(web.labels, { tier: 'front', 'com.docker.stack.namespace': 'shop' });
    assert.deepEqual(web.networks, ['shop_default']);
    assert.deepEqual(plan.secrets, [{ key: 'token', name: 'shop_token', file: '/work/app/token.txt' }]);
    assert.deepEqual(plan.ignored, ['web.build'], 'what the API route does not deploy is said');
    assert.throws(() => planStack('x', 'services:\n  a: { build: . }\n', '/'), /has no image/);
    assert.deepEqual(shellWords('a "b c" \'d\'e'), ['a', 'b c', 'de']);
    assert.throws(() => parsePort('80-90:80'), /not one Wharf can publish/);
  });

  it('offers this machine\'s IPv4 addresses for a local engine (loopback last), the engine\'s own host for a remote one', () => {
    const interfaces = {
      lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }, { address: '::1', family: 'IPv6', internal: true }],
      eth0: [{ address: '192.168.1.20', family: 'IPv4', internal: false }],
    } as never;
    assert.deepEqual(advertiseChoices({ protocol: 'unix', socketPath: '/var/run/docker.sock' }, interfaces).map((c) => [c.address, c.loopback]), [['192.168.1.20', false], ['127.0.0.1', true]]);
    assert.deepEqual(advertiseChoices({ protocol: 'tcp', host: 'swarm1.example', port: 2376 }, interfaces).map((c) => c.address), ['swarm1.example']);
  });

  it('names a detailed log line by its task and node', () => {
    const tasks = [taskFrom({ ID: 'task1', ServiceID: 's', NodeID: 'node1', Slot: 2, Status: { State: 'running' } })];
    const nodes = [nodeFrom({ ID: 'node1', Description: { Hostname: 'vm' } })];
    assert.deepEqual(parseDetailedLine('com.docker.swarm.node.id=node1,com.docker.swarm.service.id=s,com.docker.swarm.task.id=task1 hello world', { serviceName: 'web', tasks, nodes }), { task: 'web.2', node: 'vm', text: 'hello world' });
    assert.deepEqual(parseDetailedLine('plain line', { serviceName: 'web', tasks, nodes }), { task: 'web', node: '', text: 'plain line' });
  });
});
