// Several engines at once in the real workbench (wharf.engines): the private dockerd directly,
// the same dockerd through a socket proxy (a second engine Wharf cannot tell from another host),
// and a socket nobody listens on. Each is a root with its state; rows sit under their engine;
// a command on a row acts on that row's engine (its request passes that engine's proxy); the
// status bar's engine is the focused one; one engine going down leaves the others as they are;
// back to one engine, the view has no extra level.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { StoreChange } from '../../../src/docker/model';
import type { Engine } from '../../../src/ui/session';
import type { EngineRootNode } from '../../../src/ui/tree/engineRoots';
import type { ContainerTreeNode } from '../../../src/ui/tree/containersTree';
import { socketPath } from '../../engine/env';
import { SocketProxy } from '../../engine/socketProxy';
import { waitFor } from '../../engine/waitFor';
import { engineSuite, makeContainer, removeQuietly, uniqueName } from './explorerSupport';

describe('several engines at once (wharf.engines)', function () {
  const suite = engineSuite();
  const { cleanup, run } = suite;
  const direct = process.env.WHARF_TEST_DOCKER_HOST ?? process.env.DOCKER_HOST ?? '';
  const settings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('wharf');

  /** Resolves once `check` holds; asks again whenever any engine's store or the engine list changes. */
  const whenEngines = <T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>): Promise<T> => waitFor(what, check, {
    wake: (resume) => {
      const subscriptions = [suite.api.engines.onDidChangeEngines(resume), suite.api.engines.onDidChangeFocus(resume),
        ...suite.api.engines.engines.map((e) => e.sessions.current.store.onDidChange(resume)),
        suite.api.views.roots.containers.onDidChangeTreeData(resume)];
      return { dispose: () => subscriptions.forEach((s) => s.dispose()) };
    },
  });
  const roots = async (): Promise<EngineRootNode[]> => (await suite.api.views.roots.containers.getChildren()) as EngineRootNode[];
  const rootItem = async (engine: Engine): Promise<vscode.TreeItem> => suite.api.views.roots.containers.getTreeItem({ type: 'engineRoot', engine });
  const rowsUnder = async (engine: Engine): Promise<ContainerTreeNode[]> => {
    const root = (await roots()).find((r) => r.engine === engine);
    assert.ok(root, `a root for ${engine.name}`);
    const top = (await suite.api.views.roots.containers.getChildren(root)) as ContainerTreeNode[];
    const nested = await Promise.all(top.filter((n) => n.type !== 'container').map((n) => suite.api.views.roots.containers.getChildren(n)));
    return [...top, ...nested.flat()] as ContainerTreeNode[];
  };
  const rowOf = async (engine: Engine, id: string): Promise<ContainerTreeNode | undefined> => (await rowsUnder(engine)).find((n) => n.type === 'container' && n.id === id);

  it('shows each engine as a root with its state, its rows beneath, and acts on the row\'s engine', async () => {
    const proxy = new SocketProxy(socketPath(direct));
    await proxy.listen();
    const nowhere = `unix://${path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-none-')), 'nobody.sock')}`;
    const id = await makeContainer(uniqueName('multi'), { cmd: ['sleep', '3600'], start: false });
    cleanup.push(() => removeQuietly(id));
    await settings().update('engines', [direct, proxy.host, nowhere], vscode.ConfigurationTarget.Global);
    cleanup.push(async () => {
      await settings().update('engines', undefined, vscode.ConfigurationTarget.Global);
      await proxy.close();
    });
    const [first, second, third] = await whenEngines('three engines', () => suite.api.engines.engines.length === 3 && suite.api.engines.engines);
    assert.deepEqual([first.name, second.name, third.name], [direct, proxy.host, nowhere]);
    await whenEngines('two connected, one unreachable', () => first.sessions.current.store.connection.status === 'connected'
      && second.sessions.current.store.connection.status === 'connected' && third.sessions.current.store.connection.status === 'unreachable');
    assert.deepEqual((await roots()).map((r) => r.engine.name), [direct, proxy.host, nowhere], 'one root per engine, in the listed order');
    const up = await rootItem(first);
    assert.equal(up.label, direct);
    assert.match(String(up.description), /^Docker \d/);
    assert.equal(up.contextValue, 'engineRoot.connected');
    const down = await rootItem(third);
    assert.equal(down.contextValue, 'engineRoot.unreachable');
    assert.match(String(down.description), /^unreachable: /);
    const why = third.sessions.current.store.connection;
    assert.ok(why.status === 'unreachable' && String(down.tooltip).includes(why.message), 'the root says why');
    assert.deepEqual(await suite.api.views.roots.containers.getChildren((await roots())[2]), [], 'an unreachable engine has no rows');
    assert.equal(((await suite.api.views.roots.images.getChildren()) as EngineRootNode[]).map((r) => r.engine.name).join(','), [direct, proxy.host, nowhere].join(','), 'the Images view has the same roots');

    // The same container, seen through both addresses: two rows, one per engine, with different ids.
    const viaFirst = await whenEngines('the row under the first engine', () => rowOf(first, id));
    const viaSecond = await whenEngines('the row under the second engine', () => rowOf(second, id));
    assert.notEqual(viaFirst, viaSecond);
    assert.equal(suite.api.views.roots.containers.engineOfNode(viaFirst), first);
    assert.equal(suite.api.views.roots.containers.engineOfNode(viaSecond), second);
    const itemIds = await Promise.all([viaFirst, viaSecond].map(async (n) => (await suite.api.views.roots.containers.getTreeItem(n)).id));
    assert.notEqual(itemIds[0], itemIds[1], 'tree item ids differ per engine');

    // A command on the second engine's row: its request goes through the second engine (the proxy).
    const mark = proxy.requests.length;
    const started = await run<string[]>('wharf.container.start', viaSecond);
    assert.deepEqual(started, [id]);
    assert.ok(proxy.requestsSince(mark).some((r) => r.method === 'POST' && r.path.endsWith(`/containers/${id}/start`)), 'the start went to the row\'s engine');
    assert.equal(suite.api.engines.focused, second, 'the engine acted on is the focused one');
    assert.equal(suite.api.sessions.current, second.sessions.current, 'single-engine code (status bar, commands) reads the focused engine');
    await whenEngines('both engines see it running', () => first.sessions.current.store.container(id)?.state === 'running' && second.sessions.current.store.container(id)?.state === 'running');
  });

  it('one engine going down leaves the others as they are; back to one engine, no extra level', async () => {
    const proxy = new SocketProxy(socketPath(direct));
    await proxy.listen();
    await settings().update('engines', [direct, proxy.host], vscode.ConfigurationTarget.Global);
    cleanup.push(async () => {
      await settings().update('engines', undefined, vscode.ConfigurationTarget.Global);
      await proxy.close();
    });
    const [first, second] = await whenEngines('two engines connected', () => suite.api.engines.engines.length === 2
      && suite.api.engines.engines.every((e) => e.sessions.current.store.connection.status === 'connected') && suite.api.engines.engines);
    const firstConnection = first.sessions.current.store.connection;
    const firstChanges: StoreChange[] = [];
    const subscription = first.sessions.current.store.onDidChange((changes) => firstChanges.push(...changes));
    cleanup.push(() => subscription.dispose());
    await proxy.close();
    await whenEngines('the second engine\'s root says it lost its engine', async () => (await rootItem(second)).contextValue !== 'engineRoot.connected');
    const id = await makeContainer(uniqueName('meanwhile'), { start: false });
    cleanup.push(() => removeQuietly(id));
    await whenEngines('the first engine still lists new rows', () => rowOf(first, id));
    assert.equal(first.sessions.current.store.connection, firstConnection, 'the first engine\'s connection is untouched');
    assert.ok(!firstChanges.some((c) => c.kind === 'connection'));
    assert.equal((await rootItem(first)).contextValue, 'engineRoot.connected');

    await proxy.listen();
    await whenEngines('the second engine comes back with the new row', () => second.sessions.current.store.connection.status === 'connected' && rowOf(second, id));

    await settings().update('engines', undefined, vscode.ConfigurationTarget.Global);
    await whenEngines('one engine again', () => !suite.api.engines.multiple);
    await whenEngines('connected', () => suite.api.sessions.current.store.connection.status === 'connected');
    const top = await suite.api.views.roots.containers.getChildren();
    assert.ok(top.every((n) => (n as { type: string }).type !== 'engineRoot'), 'no engine roots with one engine');
    assert.ok(top.length > 0, 'the rows themselves are the top level');
  });
});

