// Creates the five views of the Wharf container and keeps the context keys that drive their
// welcome content and menus (engine status, filter active) in step with the store.
import * as vscode from 'vscode';
import type { ConnectionState } from '../docker/model';
import type { ComposeWorkspace } from './composeWorkspace';
import type { Config } from './config';
import { demoEngineOffer } from './engineRecovery';
import type { SessionHolder } from './session';
import { ContainersTreeProvider, type ContainerNode, type ContainerTreeNode } from './tree/containersTree';
import { EngineTreeProvider } from './tree/engineTree';
import { FocusedRows } from './tree/focusedRow';
import { systemTimers } from './tree/rowClock';
import { ImagesTreeProvider, type ImageTreeNode } from './tree/imagesTree';
import { NetworksTreeProvider, VolumesTreeProvider, type NetworkNode, type VolumeNode } from './tree/resourcesTree';

export interface WharfViews extends vscode.Disposable {
  readonly containers: ContainersTreeProvider;
  readonly containersView: vscode.TreeView<ContainerTreeNode>;
  readonly images: ImagesTreeProvider;
  readonly imagesView: vscode.TreeView<ImageTreeNode>;
  readonly volumes: VolumesTreeProvider;
  readonly volumesView: vscode.TreeView<VolumeNode>;
  readonly networks: NetworksTreeProvider;
  readonly engine: EngineTreeProvider;
  readonly networksView: vscode.TreeView<NetworkNode>;
  setContainerFilter(text: string): void;
  /**
   * The container row the Containers view's keyboard focus is on, once its rows are listed: what a
   * right-click or the arrow keys point at (src/ui/tree/focusedRow.ts).
   */
  focusedContainer(): Promise<ContainerNode | undefined>;
  /** The context keys this module set, as last set (what the when-clauses see; for tests). */
  readonly contextKeys: Readonly<Record<string, unknown>>;
}

export function createViews(sessions: SessionHolder, config: Config, composeFiles?: ComposeWorkspace): WharfViews {
  const disposables: vscode.Disposable[] = [];
  const containers = new ContainersTreeProvider(sessions, config, systemTimers, composeFiles);
  const images = new ImagesTreeProvider(sessions, config);
  const volumes = new VolumesTreeProvider(sessions);
  const networks = new NetworksTreeProvider(sessions);
  const engine = new EngineTreeProvider(sessions);
  const containersView = vscode.window.createTreeView('wharf.containers', { treeDataProvider: containers, canSelectMany: true, showCollapseAll: true });
  const imagesView = vscode.window.createTreeView('wharf.images', { treeDataProvider: images, canSelectMany: true, showCollapseAll: true });
  const volumesView = vscode.window.createTreeView('wharf.volumes', { treeDataProvider: volumes, canSelectMany: true });
  const networksView = vscode.window.createTreeView('wharf.networks', { treeDataProvider: networks, canSelectMany: true });
  const engineView = vscode.window.createTreeView('wharf.engine', { treeDataProvider: engine });
  const focusedRows = new FocusedRows();
  disposables.push(containers, images, volumes, networks, engine, containersView, imagesView, volumesView, networksView, engineView, focusedRows);
  const focusedContainer = async (): Promise<ContainerNode | undefined> => {
    // Hidden, the view lists nothing until shown again: no focus to read then.
    if (!containersView.visible) return undefined;
    await containers.rowsListed();
    const node = await focusedRows.of('wharf.containers') as ContainerTreeNode | undefined;
    return node?.type === 'container' ? node : undefined;
  };
  containers.setVisible(containersView.visible);
  disposables.push(containersView.onDidChangeVisibility((e) => containers.setVisible(e.visible)));

  // One recovery state, in the Containers view's welcome content (package.json viewsWelcome): its
  // lines are picked by these context keys. No view gets a `message` then: a message hides the
  // welcome content. The address tried is the only changing part, so it goes in the view's
  // description, beside the title.
  const contextKeys: Record<string, unknown> = {};
  const setKey = (key: string, value: unknown): void => {
    contextKeys[key] = value;
    void vscode.commands.executeCommand('setContext', key, value);
  };
  let unreachableAddress: string | undefined;
  let filterText = '';
  const describeContainers = (): void => {
    containersView.description = unreachableAddress ?? (filterText ? vscode.l10n.t('filter: {0}', filterText) : undefined);
  };
  const showConnection = (connection: ConnectionState): void => {
    const diagnosis = connection.status === 'unreachable' ? connection.diagnosis : undefined;
    setKey('wharf.engine.status', connection.status);
    setKey('wharf.engine.cause', connection.status === 'unreachable' ? diagnosis?.cause ?? 'other' : '');
    setKey('wharf.engine.source', connection.status === 'unreachable' ? diagnosis?.source ?? '' : '');
    unreachableAddress = connection.status !== 'unreachable' ? undefined
      : diagnosis?.address ?? (diagnosis?.context ? vscode.l10n.t('context {0}', diagnosis.context) : vscode.l10n.t('no address'));
    describeContainers();
  };
  setKey('wharf.demoEngine.available', demoEngineOffer() !== undefined);
  let storeSubscription: vscode.Disposable | undefined;
  const bind = (): void => {
    storeSubscription?.dispose();
    const store = sessions.current.store;
    showConnection(store.connection);
    storeSubscription = store.onDidChange((changes) => { if (changes.some((c) => c.kind === 'connection')) showConnection(store.connection); });
  };
  bind();
  disposables.push(sessions.onDidChange(bind), { dispose: () => storeSubscription?.dispose() });
  void vscode.commands.executeCommand('setContext', 'wharf.images.showDangling', config.showDanglingImages);
  disposables.push(config.onDidChange(() => void vscode.commands.executeCommand('setContext', 'wharf.images.showDangling', config.showDanglingImages)));

  const setContainerFilter = (text: string): void => {
    containers.setFilter(text);
    filterText = text;
    describeContainers();
    void vscode.commands.executeCommand('setContext', 'wharf.containers.filtered', text !== '');
  };

  return {
    containers, containersView, images, imagesView, volumes, volumesView, networks, networksView, engine, setContainerFilter, focusedContainer, contextKeys,
    dispose: () => { for (const d of disposables.reverse()) d.dispose(); },
  };
}
