// Every contributed Swarm command, run through vscode.commands.executeCommand inside a real VS
// Code against a real dockerd (the harness's swarm engine, WHARF_TEST_SWARM_HOST, to which Wharf
// is pointed by its engine setting for this suite). Questions are answered by the test hook; the
// Swarm view's rows are read from its provider and every effect is checked on the engine with a
// raw client. The swarm is left and the setting restored in `after`, also when a test failed.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Docker from 'dockerode';
import * as vscode from 'vscode';
import type { WharfApi } from '../../../src/extension';
import type { ServiceLogsView } from '../../../src/ui/commands/swarm';
import type { SwarmTreeNode } from '../../../src/ui/tree/swarmTree';
import { rawDocker } from '../../engine/env';
import { leaveCleanly } from '../../engine/swarmBed';
import { waitFor } from '../../engine/waitFor';
import { freePort, TEST_IMAGE, until, wharf } from './explorerSupport';

const SPEAKER = 'trap "exit 0" TERM; echo hello from $(hostname); sleep 3600 & wait';
const ran = new Set<string>();
const run = <T>(command: string, ...args: unknown[]): Thenable<T> => { ran.add(command); return vscode.commands.executeCommand<T>(command, ...args); };
const settings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('wharf');

interface Row { node: SwarmTreeNode; item: vscode.TreeItem }

describe('Swarm view and commands on a real dockerd (host)', function () {
  let api: WharfApi;
  let swarmd: Docker;
  let workspace: string;
  let serviceId: string;

  const rows = async (parent?: SwarmTreeNode): Promise<Row[]> => Promise.all(api.swarmView.provider.getChildren(parent).map(async (node) => ({ node, item: await api.swarmView.provider.getTreeItem(node) })));
  const group = async (name: string): Promise<Row | undefined> => (await rows()).find((r) => r.node.type === 'group' && r.node.group === name);
  const childrenOf = async (name: string): Promise<Row[]> => { const g = await group(name); return g ? rows(g.node) : []; };
  /** Resolves once `check` holds; asked again on every Swarm store change. */
  const swarmUntil = <T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>): Promise<T> =>
    waitFor(what, check, { wake: (resume) => api.swarm.onDidChange(resume), detail: () => JSON.stringify({ state: api.swarmView.state, services: api.swarm.current?.services().map((s) => [s.name, s.running, s.desired, s.updateState]) }) });
  const running = (id: string): number => (api.swarm.current?.tasks(id) ?? []).filter((t) => t.state === 'running' && t.desiredState === 'running').length;
  const serviceRow = async (id: string): Promise<Row | undefined> => (await childrenOf('services')).find((r) => r.node.type === 'swarmService' && r.node.id === id);
  const asked = (): string[] => api.prompts.asked.map((q) => q.message);

  before(async () => {
    api = await wharf();
    const host = process.env.WHARF_TEST_SWARM_HOST;
    assert.ok(host, 'WHARF_TEST_SWARM_HOST is not set: the harness starts the swarm dockerd for this tier');
    swarmd = rawDocker(host);
    workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    const before = api.sessions.current;
    await settings().update('engine.host', host, vscode.ConfigurationTarget.Global);
    await until(api, 'Wharf on the swarm engine', () => api.sessions.current !== before && api.sessions.current.store.connection.status === 'connected');
    await swarmUntil('the Swarm view to know the engine is in no swarm', () => api.swarmView.state === 'inactive');
  });

  afterEach(() => api.prompts.reset());

  after(async () => {
    api.prompts.reset();
    const problems = await leaveCleanly(swarmd);
    await settings().update('engine.host', undefined, vscode.ConfigurationTarget.Global);
    await until(api, 'connected to the tier\'s engine again', () => api.sessions.current.store.connection.status === 'connected' && api.sessions.current.endpoint?.url !== process.env.WHARF_TEST_SWARM_HOST);
    assert.deepEqual(problems, [], 'the swarm test bed was left clean');
  });

  it('outside a swarm: no rows, the welcome says so with Initialize and Join; Join reports an unreachable manager and changes nothing', async () => {
    assert.deepEqual(await rows(), []);
    const manifest = vscode.extensions.getExtension('wharf.wharf')?.packageJSON as { contributes: { viewsWelcome: { view: string; when: string; contents: string }[] } };
    const welcome = manifest.contributes.viewsWelcome.filter((w) => w.view === 'wharf.swarm' && w.when === 'wharf.swarm.state == inactive');
    assert.equal(welcome.length, 1);
    const absent = `127.0.0.1:${await freePort()}`;
    api.prompts.answerNext(absent, 'SWMTKN-1-2fj6zliym6gxg7jn2invfwd944a90uu22qgww8wgfle6douxi2-1c86ibkd3wppm3qa85d3l9ppg');
    assert.equal(await run('wharf.swarm.join'), undefined, 'the join failed and was reported');
    assert.match(asked().join('\n'), /Address of a manager[\s\S]*Join token/);
    assert.equal(((await swarmd.info()) as { Swarm: { LocalNodeState: string } }).Swarm.LocalNodeState, 'inactive');
  });

  it('Initialize a Swarm: advertises the picked address (loopback offered), listens where told; the view shows its groups and the leader node', async () => {
    const listen = `127.0.0.1:${await freePort()}`;
    api.prompts.answerNext('127.0.0.1', listen);
    api.prompts.answerNextNotification(undefined);
    const result = await run<{ nodeId: string; joinCommand: string }>('wharf.swarm.init');
    assert.ok(result?.nodeId, JSON.stringify(api.prompts.asked));
    assert.match(result.joinCommand, new RegExp(`^docker swarm join --token SWMTKN-1-\\S+ 127\\.0\\.0\\.1:${listen.split(':')[1]}$`));
    assert.ok(api.prompts.asked[0].choices.includes('127.0.0.1'), 'loopback is offered');
    const info = await swarmd.info() as { Swarm: { NodeAddr: string; ControlAvailable: boolean } };
    assert.deepEqual([info.Swarm.NodeAddr, info.Swarm.ControlAvailable], ['127.0.0.1', true]);
    await swarmUntil('the view to show a manager', () => api.swarmView.state === 'manager');
    assert.deepEqual((await rows()).map((r) => r.item.label), ['Stacks', 'Services', 'Nodes', 'Secrets', 'Configs']);
    const nodes = await swarmUntil('one node row', async () => { const n = await childrenOf('nodes'); return n.length === 1 && n; });
    assert.match(String(nodes[0].item.description), /manager \(leader\) · active · ready · Engine \d+/);
    assert.equal(nodes[0].item.contextValue, 'swarmNode manager active leader');
  });

  it('Create Service (image, replicas, ports, env, mounts, constraints): its row shows mode, replicas running, image, port; its tasks reach running', async () => {
    const port = await freePort();
    const name = `web${Math.random().toString(36).slice(2, 6)}`;
    api.prompts.answerNext(TEST_IMAGE, name, '2', `${port}:80`, 'MODE=host,LEVEL=2', `${name}-data:/data`, 'node.role == manager');
    serviceId = await run<string>('wharf.swarm.service.create');
    assert.ok(serviceId, JSON.stringify(api.prompts.asked.map((q) => q.problems)));
    const spec = (await swarmd.getService(serviceId).inspect()).Spec;
    assert.deepEqual(spec.TaskTemplate.ContainerSpec.Env, ['MODE=host', 'LEVEL=2']);
    assert.deepEqual(spec.TaskTemplate.ContainerSpec.Mounts.map((m: { Source: string; Target: string; Type: string }) => [m.Type, m.Source, m.Target]), [['volume', `${name}-data`, '/data']]);
    assert.deepEqual(spec.TaskTemplate.Placement.Constraints, ['node.role == manager']);
    assert.equal(spec.EndpointSpec.Ports[0].PublishedPort, port);
    // The image runs its default command (sleep 3600): tasks running, counted in the row.
    const row = await swarmUntil('the service row at 2/2', async () => { const r = await serviceRow(serviceId); return r && String(r.item.description).startsWith('2/2') && r; });
    assert.equal(row.item.description, `2/2 · ${TEST_IMAGE} · ${port}→80`);
    assert.equal(row.item.contextValue, 'swarmService replicated');
    const tasks = await rows(row.node);
    assert.deepEqual(tasks.map((t) => t.item.label), [`${name}.1`, `${name}.2`]);
    assert.ok(tasks.every((t) => /^\S+ · running$/.test(String(t.item.description))), tasks.map((t) => t.item.description).join(' | '));
  });

  it('Scale Service: from the row, to the replicas typed', async () => {
    const row = await serviceRow(serviceId);
    api.prompts.answerNext('3');
    assert.equal(await run('wharf.swarm.service.scale', row?.node), 3);
    await swarmUntil('3 running', () => running(serviceId) === 3);
    assert.equal((await swarmd.getService(serviceId).inspect()).Spec.Mode.Replicated.Replicas, 3);
  });

  it('Update Service Image rolls the tasks to the new image and ends as completed; Roll Back returns to the old one', async () => {
    await swarmd.getImage(TEST_IMAGE).tag({ repo: 'wharf-test/busybox', tag: 'v2' });
    api.prompts.answerNext('wharf-test/busybox:v2');
    assert.equal(await run('wharf.swarm.service.updateImage', await serviceRow(serviceId).then((r) => r?.node)), 'completed');
    assert.equal((await swarmd.getService(serviceId).inspect()).Spec.TaskTemplate.ContainerSpec.Image, 'wharf-test/busybox:v2');
    const updated = await swarmUntil('the row updated', async () => { const r = await serviceRow(serviceId); return r && /wharf-test\/busybox:v2 .*· updated$/.test(String(r.item.description)) && r; });
    assert.match(String(updated.item.contextValue), /\brollback\b/, 'Roll Back is offered once there is a previous version');
    assert.equal(await run('wharf.swarm.service.rollback', updated.node), 'rollback_completed');
    assert.equal((await swarmd.getService(serviceId).inspect()).Spec.TaskTemplate.ContainerSpec.Image, TEST_IMAGE);
    await swarmUntil('3 tasks on the old image', () => (api.swarm.current?.tasks(serviceId) ?? []).filter((t) => t.state === 'running' && t.desiredState === 'running' && t.image === TEST_IMAGE).length === 3);
  });

  it('Service Logs: every task\'s lines, interleaved, each prefixed by its task and node', async () => {
    const speaker = await swarmd.createService({ Name: `speak${Math.random().toString(36).slice(2, 6)}`, TaskTemplate: { ContainerSpec: { Image: TEST_IMAGE, Args: ['sh', '-c', SPEAKER] } }, Mode: { Replicated: { Replicas: 2 } } } as never) as { id: string };
    try {
      await swarmUntil('2 speakers running', () => running(speaker.id) === 2);
      const name = api.swarm.current?.service(speaker.id)?.name ?? '';
      const logs = await run<ServiceLogsView>('wharf.swarm.service.logs', (await serviceRow(speaker.id))?.node);
      try {
        assert.equal(logs.terminal.name, `Service Logs: ${name}`);
        await waitFor('a line from each task', () => new Set(logs.lines.filter((l) => l.text.startsWith('hello from')).map((l) => l.task)).size === 2);
        const hostname = api.swarm.current?.nodes()[0]?.hostname;
        assert.deepEqual([...new Set(logs.lines.map((l) => `${l.task}@${l.node}`))].sort(), [`${name}.1@${hostname}`, `${name}.2@${hostname}`]);
      } finally {
        logs.terminal.dispose();
      }
    } finally {
      await swarmd.getService(speaker.id).remove();
    }
  });

  it('Deploy Stack from a compose file (explorer menu) shows the stack with its services and tasks; Remove Stack confirms and removes it', async () => {
    const file = join(workspace, 'swarm-stack.yml');
    writeFileSync(file, [
      'version: "3.8"',
      'services:',
      '  web:',
      `    image: ${TEST_IMAGE}`,
      '    deploy: { replicas: 2 }',
      '  worker:',
      `    image: ${TEST_IMAGE}`,
      '',
    ].join('\n'));
    const stack = `shop${Math.random().toString(36).slice(2, 6)}`;
    api.prompts.answerNext(stack);
    api.prompts.answerNextNotification(undefined);
    const result = await run<{ name: string; route: string }>('wharf.swarm.stack.deploy', vscode.Uri.file(file));
    // The docker CLI is on PATH on this machine: `docker stack deploy` did the work.
    assert.equal(result?.route, 'cli');
    assert.ok(api.prompts.asked.some((q) => q.message === `Stack ${stack} deployed with the docker CLI (docker stack deploy).`));
    const stackRow = await swarmUntil('the stack with 3/3 tasks running', async () => {
      const r = (await childrenOf('stacks')).find((x) => x.node.type === 'stack' && x.node.name === stack);
      return r && r.item.description === '2 services · 3/3 tasks running' && r;
    });
    const services = await rows(stackRow.node);
    assert.deepEqual(services.map((s) => s.item.label), ['web', 'worker']);
    const webTasks = await rows(services[0].node);
    assert.deepEqual(webTasks.map((t) => t.item.label), [`${stack}_web.1`, `${stack}_web.2`]);

    api.prompts.answerNext('Remove Stack');
    const removed = await run<{ route: string }>('wharf.swarm.stack.remove', stackRow.node);
    assert.equal(removed?.route, 'cli');
    assert.match(asked().join('\n'), new RegExp(`Remove stack ${stack}\\?\\n.*${stack}_web, ${stack}_worker`));
    await swarmUntil('the stack gone', async () => !(await childrenOf('stacks')).some((x) => x.node.type === 'stack' && x.node.name === stack));
    assert.deepEqual(await swarmd.listServices({ filters: JSON.stringify({ label: [`com.docker.stack.namespace=${stack}`] }) }), []);
  });

  it('Node: Drain moves the tasks off (pending here, one node), Pause and Active; Promote keeps a manager; Demote and Remove of the last manager are refused and reported', async () => {
    const node = (await childrenOf('nodes'))[0];
    assert.ok(await run('wharf.swarm.node.drain', node.node));
    await swarmUntil('tasks pending with no suitable node', () => (api.swarm.current?.tasks(serviceId) ?? []).filter((t) => t.desiredState === 'running' && t.state === 'pending' && /no suitable node/.test(t.error ?? '')).length === 3);
    assert.equal((await childrenOf('nodes'))[0].item.contextValue, 'swarmNode manager drain leader');
    assert.ok(await run('wharf.swarm.node.pause', node.node));
    await swarmUntil('the node paused', async () => (await childrenOf('nodes'))[0].item.contextValue === 'swarmNode manager pause leader');
    assert.ok(await run('wharf.swarm.node.activate', node.node));
    await swarmUntil('3 running again', () => running(serviceId) === 3);
    assert.equal((await swarmd.listNodes())[0].Spec?.Availability, 'active');

    assert.ok(await run('wharf.swarm.node.promote', node.node));
    assert.equal((await swarmd.listNodes())[0].Spec?.Role, 'manager');
    assert.equal(await run('wharf.swarm.node.demote', node.node), undefined, 'the engine refuses to demote the last manager');
    assert.equal((await swarmd.listNodes())[0].Spec?.Role, 'manager');
    api.prompts.answerNext('Force Remove');
    assert.equal(await run('wharf.swarm.node.remove', node.node), undefined, 'the engine refuses to remove a manager');
    assert.match(asked().join('\n'), /The node is up: the engine removes only a node that is down or has left/);
    assert.equal((await swarmd.listNodes()).length, 1);
  });

  it('Secrets and Configs: created from a file (explorer menu) or a typed value, listed by name only, removed after confirming; no value ever returned', async () => {
    const value = `v-${Math.random().toString(36).slice(2)}`;
    const file = join(workspace, 'db-password.txt');
    writeFileSync(file, value);
    api.prompts.answerNext('db_password');
    const secretId = await run<string>('wharf.swarm.secret.create', vscode.Uri.file(file));
    api.prompts.answerNext('Type the value', `${value}-typed`, 'api_token');
    const typedId = await run<string>('wharf.swarm.secret.create');
    api.prompts.answerNext('Type the value', `${value}-config`, 'app_conf');
    const configId = await run<string>('wharf.swarm.config.create');
    assert.ok(secretId && typedId && configId);
    const secrets = await swarmUntil('two secret rows and one config row', async () => { const s = await childrenOf('secrets'); const c = await childrenOf('configs'); return s.length === 2 && c.length === 1 && [...s, ...c]; });
    assert.deepEqual(secrets.map((r) => r.item.label), ['api_token', 'db_password', 'app_conf']);
    const returned = JSON.stringify([api.swarm.current?.secrets(), api.swarm.current?.configs(), secrets.map((r) => [r.item.label, r.item.description, r.item.tooltip]), api.prompts.asked]);
    for (const v of [value, Buffer.from(value).toString('base64'), Buffer.from(`${value}-config`).toString('base64')]) assert.ok(!returned.includes(v), 'a value reached Wharf\'s results or questions');
    assert.equal((await swarmd.getConfig(configId).inspect() as { Spec: { Data: string } }).Spec.Data, Buffer.from(`${value}-config`).toString('base64'), 'the engine holds the config');

    api.prompts.answerNext('Remove');
    assert.equal(await run('wharf.swarm.secret.remove', secrets[1].node), secretId);
    api.prompts.answerNext('api_token', 'Remove');
    assert.equal(await run('wharf.swarm.secret.remove'), typedId);
    api.prompts.answerNext('Remove');
    assert.equal(await run('wharf.swarm.config.remove', secrets[2].node), configId);
    await swarmUntil('no secret or config rows', async () => (await childrenOf('secrets')).length === 0 && (await childrenOf('configs')).length === 0);
    assert.deepEqual([(await swarmd.listSecrets()).length, (await swarmd.listConfigs()).length], [0, 0]);
  });

  it('Remove Service confirms, saying its running tasks stop', async () => {
    api.prompts.answerNext('Keep');
    assert.equal(await run('wharf.swarm.service.remove', (await serviceRow(serviceId))?.node), undefined);
    api.prompts.answerNext('Remove');
    assert.equal(await run('wharf.swarm.service.remove', (await serviceRow(serviceId))?.node), serviceId);
    assert.match(asked()[0], /Remove service \S+\?\nIts 3 running tasks stop and their containers are removed, on every node/);
    await swarmUntil('the row gone', async () => !(await serviceRow(serviceId)));
    assert.deepEqual(await swarmd.listServices(), []);
  });

  it('Refresh, then Leave the Swarm: the last manager leaves only with force, chosen by the user; the view returns to Initialize / Join', async () => {
    assert.equal(await run('wharf.swarm.refresh'), 'manager');
    api.prompts.answerNext('Stay');
    assert.equal(await run('wharf.swarm.leave'), undefined);
    assert.deepEqual(api.prompts.asked[0].choices, ['Stay', 'Leave', 'Leave with Force']);
    api.prompts.answerNext('Leave with Force');
    assert.equal(await run('wharf.swarm.leave'), 'inactive');
    await swarmUntil('the view outside a swarm', () => api.swarmView.state === 'inactive');
    assert.deepEqual(await rows(), []);
  });

  it('ran every Swarm command package.json contributes', () => {
    const contributed = ((vscode.extensions.getExtension('wharf.wharf')?.packageJSON as { contributes: { commands: { command: string }[] } }).contributes.commands).map((c) => c.command).filter((c) => c.startsWith('wharf.swarm.'));
    assert.deepEqual(contributed.filter((c) => !ran.has(c)), []);
  });
});
