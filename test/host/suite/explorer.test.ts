// The explorer's tree providers against the real private engine: containers created with
// dockerode show up in the providers' children, change in place, group by compose project, and
// the images, volumes, networks and engine views read the same live store.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WharfApi } from '../../../src/extension';
import type { ContainerTreeNode } from '../../../src/ui/tree/containersTree';
import { engine, makeContainer, removeQuietly, TEST_IMAGE, uniqueName, until, wharf } from './explorerSupport';

describe('explorer: tree providers on the real engine', function () {
  let api: WharfApi;
  const cleanup: Array<() => Promise<unknown>> = [];

  before(async () => { api = await wharf(); });
  afterEach(async () => {
    api.views.setContainerFilter('');
    for (const undo of cleanup.splice(0).reverse()) await undo();
  });

  const rootChildren = (): ContainerTreeNode[] => api.views.containers.getChildren();
  const findRow = (id: string): ContainerTreeNode | undefined => {
    for (const node of rootChildren()) {
      if (node.type === 'container' && node.id === id) return node;
      if (node.type === 'project') { const inner = api.views.containers.getChildren(node).find((n) => n.type === 'container' && n.id === id); if (inner) return inner; }
    }
    return undefined;
  };

  it('shows a container created outside Wharf, with name, status · image, state icon and menu tokens', async () => {
    const name = uniqueName('tree');
    const id = await makeContainer(name);
    cleanup.push(() => removeQuietly(id));
    const node = await until(api, 'the new container row', () => findRow(id));
    // The row shows at the create event ("Created"); "Up" only once the start event has been read.
    await until(api, 'running in the store', () => api.sessions.current.store.container(id)?.state === 'running');
    const item = api.views.containers.getTreeItem(node);
    assert.equal(item.label, name);
    assert.match(String(item.description), new RegExp(`^Up .* · ${TEST_IMAGE.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`));
    assert.equal(item.contextValue, 'container running');
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'vm-running');
    assert.equal(item.id, `container:${id}`);
  });

  it('puts a new container first (newest first) and keeps the same node object across refreshes', async () => {
    const id = await makeContainer(uniqueName('order'));
    cleanup.push(() => removeQuietly(id));
    await until(api, 'the row', () => findRow(id));
    const ungrouped = rootChildren().filter((n) => n.type === 'container');
    assert.equal(ungrouped[0].type === 'container' && ungrouped[0].id, id);
    assert.equal(findRow(id), findRow(id), 'stable node identity lets selection and expansion survive');
  });

  it('refreshes only the changed row when a container stops, and its icon changes', async () => {
    const id = await makeContainer(uniqueName('stop'), { cmd: ['sleep', '3600'] });
    cleanup.push(() => removeQuietly(id));
    const node = await until(api, 'the row', () => findRow(id));
    // The tree paces its refreshes: the one that added this row may still be on its way.
    await api.views.containers.settled();
    const fired: Array<ContainerTreeNode | ContainerTreeNode[] | undefined> = [];
    const sub = api.views.containers.onDidChangeTreeData((e) => fired.push(e));
    try {
      await engine().getContainer(id).kill();
      await until(api, 'the exited state in the store', () => api.sessions.current.store.container(id)?.state === 'exited');
      await until(api, 'a tree change', () => fired.length > 0);
    } finally { sub.dispose(); }
    assert.ok(fired.every((e) => Array.isArray(e)), `only rows refreshed, never the whole tree: ${JSON.stringify(fired)}`);
    assert.ok(fired.some((e) => Array.isArray(e) && e.includes(node)));
    const item = api.views.containers.getTreeItem(node);
    assert.equal(item.contextValue, 'container exited');
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'vm-outline');
  });

  it('groups containers by compose project and implements getParent', async () => {
    const project = uniqueName('proj');
    const id = await makeContainer(uniqueName('svc'), { labels: { 'com.docker.compose.project': project } });
    cleanup.push(() => removeQuietly(id));
    // The row shows at the create event; "running" only once the start event has been read.
    await until(api, 'running in the store', () => api.sessions.current.store.container(id)?.state === 'running');
    const node = await until(api, 'the grouped row', () => findRow(id));
    const parent = api.views.containers.getParent(node);
    assert.ok(parent && parent.type === 'project' && parent.project === project);
    assert.ok(rootChildren().includes(parent), 'the project is a root row');
    assert.ok(!rootChildren().includes(node), 'the member is not also at the root');
    assert.match(String(api.views.containers.getTreeItem(parent).description), /1\/1 running/);
  });

  it('filters by text and clears the filter', async () => {
    const name = uniqueName('filt');
    const id = await makeContainer(name, { start: false });
    cleanup.push(() => removeQuietly(id));
    await until(api, 'the row', () => findRow(id));
    await vscode.commands.executeCommand('wharf.containers.filter', name);
    const shown = rootChildren();
    assert.deepEqual(shown.map((n) => n.type === 'container' && n.id), [id]);
    await vscode.commands.executeCommand('wharf.containers.clearFilter');
    assert.ok(rootChildren().length >= 1);
    assert.equal(api.views.containers.filter, '');
  });

  it('shows a label holding HTML as escaped text in the hover', async () => {
    const id = await makeContainer(uniqueName('html'), { start: false, labels: { note: '<img src=x onerror=alert(1)>' } });
    cleanup.push(() => removeQuietly(id));
    const node = await until(api, 'the row', () => findRow(id));
    const resolved = api.views.containers.resolveTreeItem(api.views.containers.getTreeItem(node), node);
    const tooltip = resolved.tooltip as vscode.MarkdownString;
    assert.ok(tooltip.value.includes('`<img src=x onerror=alert(1)>`'), tooltip.value);
    assert.equal(tooltip.supportHtml, false);
  });

  it('lists images by repository with tag rows that expand to layers', async () => {
    const [repository, tag] = TEST_IMAGE.split(':');
    const repo = (await api.views.images.getChildren()).find((n) => n.type === 'repository' && n.repository === repository);
    assert.ok(repo, 'repository row');
    const tagRow = (await api.views.images.getChildren(repo)).find((n) => n.type === 'imageTag' && n.reference === TEST_IMAGE);
    assert.ok(tagRow);
    const item = api.views.images.getTreeItem(tagRow);
    assert.equal(item.label, tag);
    assert.match(String(item.description), /B · .* ago$/);
    const layers = await api.views.images.getChildren(tagRow);
    assert.ok(layers.length >= 2 && layers.every((l) => l.type === 'layer'), 'history layers');
    assert.equal(api.views.images.getParent(layers[0]), tagRow);
  });

  it('shows volumes and networks created outside Wharf', async () => {
    const docker = engine();
    const volumeName = uniqueName('vol');
    await docker.createVolume({ Name: volumeName });
    cleanup.push(() => docker.getVolume(volumeName).remove().catch(() => undefined));
    const networkName = uniqueName('net');
    const network = await docker.createNetwork({ Name: networkName });
    cleanup.push(() => docker.getNetwork(network.id).remove().catch(() => undefined));
    const volumeRow = await until(api, 'the volume row', () => api.views.volumes.getChildren().find((n) => n.name === volumeName));
    assert.equal(api.views.volumes.getTreeItem(volumeRow).contextValue, 'volume');
    const networkRow = await until(api, 'the network row', () => api.views.networks.getChildren().find((n) => n.id === network.id));
    assert.equal(api.views.networks.getTreeItem(networkRow).label, networkName);
    const bridge = api.views.networks.getChildren().map((n) => api.views.networks.getTreeItem(n)).find((i) => i.label === 'bridge');
    assert.equal(bridge?.contextValue, 'network builtIn', 'no Remove on the engine\'s own networks');
  });

  it('marks the engine as Docker with its API version and the default runtime', async () => {
    const connection = api.sessions.current.store.connection;
    assert.equal(connection.status, 'connected');
    if (connection.status !== 'connected') return;
    assert.equal(connection.engine.kind, 'docker');
    const info = await engine().info() as { DefaultRuntime: string; ServerVersion: string };
    assert.equal(connection.runtimes.find((r) => r.isDefault)?.name, info.DefaultRuntime);
    const rows = api.views.engine.getChildren();
    const version = rows.map((n) => api.views.engine.getTreeItem(n)).find((i) => i.id === 'engine:version');
    assert.equal(version?.description, info.ServerVersion);
    const runtimesRow = rows.find((n) => n.type === 'runtimes')!;
    const defaultRow = api.views.engine.getChildren(runtimesRow).map((n) => api.views.engine.getTreeItem(n)).find((i) => i.label === info.DefaultRuntime);
    assert.match(String(defaultRow?.description), /default/);
  });
  it('shows why the engine is unreachable (welcome view state) and reconnects when the setting is cleared', async () => {
    const settings = vscode.workspace.getConfiguration('wharf');
    await settings.update('engine.host', 'unix:///tmp/wharf-no-such-engine.sock', vscode.ConfigurationTarget.Global);
    try {
      await until(api, 'the unreachable state', () => api.sessions.current.store.connection.status === 'unreachable');
      assert.deepEqual(api.views.containers.getChildren(), [], 'no rows: the welcome content shows instead');
      assert.ok(!api.views.containersView.message, 'a message would hide the welcome content');
      assert.equal(api.views.contextKeys['wharf.engine.cause'], 'noSocket', 'the cause the welcome content explains');
    } finally {
      await settings.update('engine.host', undefined, vscode.ConfigurationTarget.Global);
    }
    await until(api, 'connected again', () => api.sessions.current.store.connection.status === 'connected');
    await api.sessions.current.store.ready();
    assert.ok(!api.views.containersView.message);
    assert.ok(api.views.containers.getChildren().length > 0 || api.sessions.current.store.containers().length === 0);
  });
});
