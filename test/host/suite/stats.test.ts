// The Stats panel on the real engine: live figures while visible, no stream while hidden, the
// processes with a signal sent to one of them, and a Compose project summed over its containers.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WharfApi } from '../../../src/extension';
import type { HostToPage } from '../../../src/webview/stats/protocol';
import { socketPath } from '../../engine/env';
import { SocketProxy } from '../../engine/socketProxy';
import { waitFor } from '../../engine/waitFor';
import { makeContainer, removeQuietly, uniqueName, until, wharf } from './explorerSupport';

type Sample = Extract<HostToPage, { type: 'sample' }>;
type Processes = Extract<HostToPage, { type: 'processes' }>;

describe('the Stats panel on the real engine', function () {
  let api: WharfApi;
  const cleanup: Array<() => Promise<unknown>> = [];
  before(async () => { api = await wharf(); });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const undo of cleanup.splice(0).reverse()) await undo();
  });

  const last = <T extends HostToPage['type']>(posted: readonly HostToPage[], type: T): Extract<HostToPage, { type: T }> | undefined =>
    [...posted].reverse().find((m): m is Extract<HostToPage, { type: T }> => m.type === type);

  it('streams a container\'s figures while visible, none while hidden, lists its processes and signals one', async () => {
    const name = uniqueName('stats');
    const id = await makeContainer(name, { cmd: ['sh', '-c', 'sleep 4343 & exec sleep 3600'] });
    cleanup.push(() => removeQuietly(id));
    await until(api, 'running in the store', () => api.sessions.current.store.container(id)?.state === 'running');
    assert.equal(await vscode.commands.executeCommand('wharf.container.stats', id), id);
    const panel = api.inside.stats.get({ kind: 'container', id, name })!;
    const count = (type: HostToPage['type']): number => panel.posted.filter((m) => m.type === type).length;
    await waitFor('two samples posted', () => count('sample') >= 2);
    const sample = last(panel.posted, 'sample') as Sample;
    assert.ok(sample.total.memoryUsage > 0 && sample.total.memoryLimit >= sample.total.memoryUsage, JSON.stringify(sample.total));
    assert.ok(sample.total.pids >= 2, 'both sleeps counted');
    assert.equal(panel.openStreams, 1);

    const processes = await waitFor('the process list', () => last(panel.posted, 'processes')) as Processes;
    assert.equal(processes.canSignal, true, 'busybox has kill and ls');
    const pid = processes.titles.indexOf('PID');
    const cmd = processes.titles.indexOf('CMD');
    const child = processes.rows.find((row) => row[cmd].includes('sleep 4343'));
    assert.ok(child, JSON.stringify(processes.rows));
    const containerPid = await panel.signal(Number(child[pid]), 'TERM');
    assert.ok(containerPid && containerPid > 1, `signalled container PID ${containerPid}`);
    await waitFor('the child gone from the list', async () => { await panel.readProcesses(); return !(last(panel.posted, 'processes') as Processes).rows.some((row) => row[cmd].includes('sleep 4343')); });

    // Hidden behind another editor in the same group: the stream closes and nothing is posted.
    const doc = await vscode.workspace.openTextDocument({ content: 'cover' });
    await vscode.window.showTextDocument(doc, { viewColumn: panel.panel.viewColumn, preview: false });
    await waitFor('the panel hidden', () => !panel.panel.visible);
    await waitFor('the stream closed', () => panel.openStreams === 0);
    const postedWhileHidden = count('sample');
    panel.panel.reveal();
    await waitFor('visible again with a stream', () => panel.panel.visible && panel.openStreams === 1);
    await waitFor('samples again', () => count('sample') > postedWhileHidden);
  });

  it('a running row of the visible Containers view shows CPU and memory; hidden, its stream closes', async () => {
    const id = await makeContainer(uniqueName('rowfig'));
    cleanup.push(() => removeQuietly(id));
    const containers = api.views.containers;
    await vscode.commands.executeCommand('wharf.containers.focus');
    await waitFor('the Containers view visible', () => api.views.containersView.visible, { wake: (resume) => api.views.containersView.onDidChangeVisibility(resume) });
    const node = await until(api, 'the row', () => containers.nodeFor(id) && containers.getChildren().find((n) => n.type === 'container' && n.id === id));
    const description = (): string => String(containers.getTreeItem(node).description);
    const text = await waitFor('the row\'s figure', () => /^Up .* · [\d.]+% · [\d.]+ (?:B|kB|MB|GB) · wharf-test\/busybox:latest$/.test(description()) && description(), { wake: (resume) => containers.onDidChangeTreeData(resume) });
    assert.ok(containers.rowStats.streamCount >= 1, text);
    await vscode.commands.executeCommand('workbench.view.explorer');
    await waitFor('the Containers view hidden', () => !api.views.containersView.visible, { wake: (resume) => api.views.containersView.onDidChangeVisibility(resume) });
    assert.equal(containers.rowStats.streamCount, 0, 'hidden: no stream');
    assert.equal(containers.rowStats.figure(id), undefined);
  });

  it('with the views open and a running row\'s figure live, an idle engine gets no new request (the stream is one request)', async () => {
    const id = await makeContainer(uniqueName('idlefig'));
    cleanup.push(() => removeQuietly(id));
    // Everything Wharf asks the engine goes through a counting proxy from here on.
    const proxy = new SocketProxy(socketPath(process.env.WHARF_TEST_DOCKER_HOST ?? process.env.DOCKER_HOST ?? ''));
    await proxy.listen();
    const settings = vscode.workspace.getConfiguration('wharf');
    await settings.update('engine.host', proxy.host, vscode.ConfigurationTarget.Global);
    cleanup.push(async () => {
      await settings.update('engine.host', undefined, vscode.ConfigurationTarget.Global);
      await until(api, 'connected directly again', () => api.sessions.current.store.connection.status === 'connected' && api.sessions.current.store.connection.engine.endpoint !== proxy.host);
      await proxy.close();
    });
    await until(api, 'connected through the proxy', () => { const c = api.sessions.current.store.connection; return c.status === 'connected' && c.engine.endpoint === proxy.host; });
    await api.sessions.current.store.ready();
    const containers = api.views.containers;
    await vscode.commands.executeCommand('wharf.containers.focus');
    await waitFor('the Containers view visible', () => api.views.containersView.visible, { wake: (resume) => api.views.containersView.onDidChangeVisibility(resume) });
    const node = await until(api, 'the row', () => containers.nodeFor(id) && containers.getChildren().find((n) => n.type === 'container' && n.id === id));
    const figure = (): string | undefined => { containers.getTreeItem(node); return containers.rowStats.figure(id); };
    await waitFor('the row\'s first figure', () => figure(), { wake: (resume) => containers.onDidChangeTreeData(resume) });
    const streams = proxy.requests.filter((r) => r.path.includes('/stats')).length;
    assert.ok(streams >= 1 && streams <= 12, `one stream per running row drawn, at most 12 (${streams})`);
    const mark = proxy.requests.length;
    // Three more samples (about three seconds), then nothing new may have been asked.
    const from = containers.rowStats.samplesReceived;
    await waitFor('three more samples', () => containers.rowStats.samplesReceived >= from + 3);
    assert.deepEqual(proxy.requestsSince(mark), [], 'no request while the figures stream');
  });

  it('sums a Compose project\'s running containers and lists each', async () => {
    const project = uniqueName('proj').replace(/[^a-z0-9-]/g, '');
    const labels = (service: string): Record<string, string> => ({ 'com.docker.compose.project': project, 'com.docker.compose.service': service });
    const web = await makeContainer(`${project}-web-1`, { labels: labels('web') });
    const db = await makeContainer(`${project}-db-1`, { labels: labels('db') });
    cleanup.push(() => removeQuietly(web), () => removeQuietly(db));
    await until(api, 'both running', () => [web, db].every((id) => api.sessions.current.store.container(id)?.state === 'running'));
    await vscode.commands.executeCommand('wharf.compose.stats', { type: 'project', project });
    const panel = api.inside.stats.get({ kind: 'project', project })!;
    const sample = await waitFor('a sample of both', () => { const s = last(panel.posted, 'sample'); return s && s.containers.length === 2 ? s : undefined; });
    assert.deepEqual(sample.containers.map((c) => c.name), [`${project}-db-1`, `${project}-web-1`]);
    assert.equal(sample.total.memoryUsage, sample.containers[0].memoryUsage + sample.containers[1].memoryUsage);
    assert.equal(last(panel.posted, 'processes'), undefined, 'a project panel lists no processes');
  });
});
