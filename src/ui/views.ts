// Creates the five views of the Wharf container and keeps the context keys that drive their
// welcome content and menus (engine status, filter active) in step with the store.
import * as vscode from 'vscode';
import type { ConnectionState } from '../docker/model';
import type { ComposeWorkspace } from './composeWorkspace';
import type { Config } from './config';
import { demoEngineOffer } from './engineRecovery';
import type { EngineSet, SessionHolder } from './session';
import { EngineRootsProvider, engineOfNode, type EngineRootNode } from './tree/engineRoots';
import { ContainersTreeProvider, type ContainerNode, type ContainerTreeNode } from './tree/containersTree';
import { EngineTreeProvider } from './tree/engineTree';
import { FocusedRows } from './tree/focusedRow';
import { systemTimers } from './tree/rowClock';
import { ImagesTreeProvider, type ImageTreeNode } from './tree/imagesTree';
import { NetworksTreeProvider, VolumesTreeProvider, type NetworkNode, type VolumeNode } from './tree/resourcesTree';

export interface WharfViews extends vscode.Disposable {
  /** The focused engine's providers (with one engine, the only ones). */
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
  /** Each view's engine roots (one per engine when wharf.engines lists several). */
  readonly roots: {
    readonly containers: EngineRootsProvider<ContainerTreeNode>; readonly images: EngineRootsProvider<ImageTreeNode>;
    readonly volumes: EngineRootsProvider<VolumeNode>; readonly networks: EngineRootsProvider<NetworkNode>;
  };
  /** The context keys this module set, as last set (what the when-clauses see; for tests). */
  readonly contextKeys: Readonly<Record<string, unknown>>;
}

export function createViews(engines: EngineSet, config: Config, composeFiles?: ComposeWorkspace): WharfViews {
  const sessions: SessionHolder = engines.sessions;
  const disposables: vscode.Disposable[] = [];
  let filterText = '';
  let containersVisible = false;
  const containerRoots = new EngineRootsProvider<ContainerTreeNode>(engines, (s) => {
    const provider = new ContainersTreeProvider(s, config, systemTimers, composeFiles);
    provider.setFilter(filterText);
    provider.setVisible(containersVisible);
    return provider;
  });
  const imageRoots = new EngineRootsProvider<ImageTreeNode>(engines, (s) => new ImagesTreeProvider(s, config));
  const volumeRoots = new EngineRootsProvider<VolumeNode>(engines, (s) => new VolumesTreeProvider(s));
  const networkRoots = new EngineRootsProvider<NetworkNode>(engines, (s) => new NetworksTreeProvider(s));
  const engineRoots = new EngineRootsProvider(engines, (s) => new EngineTreeProvider(s));
  const focusedProvider = <T extends object, P>(roots: EngineRootsProvider<T>): P => roots.providerOf(engines.focused) as P;
  // The views are typed by their engine's rows: a root node is never a command's target (no menu matches it).
  type ViewOf<T> = vscode.TreeView<T>;
  const containersView = vscode.window.createTreeView<ContainerTreeNode | EngineRootNode>('wharf.containers', { treeDataProvider: containerRoots, canSelectMany: true, showCollapseAll: true }) as unknown as ViewOf<ContainerTreeNode>;
  const imagesView = vscode.window.createTreeView<ImageTreeNode | EngineRootNode>('wharf.images', { treeDataProvider: imageRoots, canSelectMany: true, showCollapseAll: true }) as unknown as ViewOf<ImageTreeNode>;
  const volumesView = vscode.window.createTreeView<VolumeNode | EngineRootNode>('wharf.volumes', { treeDataProvider: volumeRoots, canSelectMany: true }) as unknown as ViewOf<VolumeNode>;
  const networksView = vscode.window.createTreeView<NetworkNode | EngineRootNode>('wharf.networks', { treeDataProvider: networkRoots, canSelectMany: true }) as unknown as ViewOf<NetworkNode>;
  const engineView = vscode.window.createTreeView('wharf.engine', { treeDataProvider: engineRoots });
  const focusedRows = new FocusedRows();
  disposables.push(containerRoots, imageRoots, volumeRoots, networkRoots, engineRoots, containersView, imagesView, volumesView, networksView, engineView, focusedRows);
  // The engine of the item last selected in any view is the one commands and the status bar speak of.
  for (const view of [containersView, imagesView, volumesView, networksView, engineView] as Array<vscode.TreeView<unknown>>) {
    disposables.push(view.onDidChangeSelection((e) => { const engine = engineOfNode(e.selection[0]); if (engine) engines.focus(engine); }));
  }
  const containerProviders = (): ContainersTreeProvider[] => containerRoots.providers() as ContainersTreeProvider[];
  const focusedContainer = async (): Promise<ContainerNode | undefined> => {
    // Hidden, the view lists nothing until shown again: no focus to read then.
    if (!containersView.visible) return undefined;
    await focusedProvider<ContainerTreeNode, ContainersTreeProvider>(containerRoots).rowsListed();
    const node = await focusedRows.of('wharf.containers') as ContainerTreeNode | undefined;
    return node?.type === 'container' ? node : undefined;
  };
  const setContainersVisible = (visible: boolean): void => {
    containersVisible = visible;
    for (const provider of containerProviders()) provider.setVisible(visible);
  };
  setContainersVisible(containersView.visible);
  disposables.push(containersView.onDidChangeVisibility((e) => setContainersVisible(e.visible)));

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
  const describeContainers = (): void => {
    containersView.description = unreachableAddress ?? (filterText ? vscode.l10n.t('filter: {0}', filterText) : undefined);
  };
  const showConnection = (connection: ConnectionState): void => {
    const diagnosis = connection.status === 'unreachable' ? connection.diagnosis : undefined;
    setKey('wharf.engine.status', connection.status);
    setKey('wharf.engine.cause', connection.status === 'unreachable' ? diagnosis?.cause ?? 'other' : '');
    setKey('wharf.engine.source', connection.status === 'unreachable' ? diagnosis?.source ?? '' : '');
    // Kept while the next attempt runs (connecting, reconnecting): the address beside the title
    // stays until an engine answers, instead of flickering with every retry.
    if (connection.status === 'connected') unreachableAddress = undefined;
    else if (connection.status === 'unreachable') {
      unreachableAddress = diagnosis?.address ?? (diagnosis?.context ? vscode.l10n.t('context {0}', diagnosis.context) : vscode.l10n.t('no address'));
    }
    describeContainers();
  };
  setKey('wharf.demoEngine.available', demoEngineOffer() !== undefined);
  let storeSubscription: vscode.Disposable | undefined;
  const bind = (): void => {
    storeSubscription?.dispose();
    const store = sessions.current.store;
    unreachableAddress = undefined; // another session: another address
    showConnection(store.connection);
    storeSubscription = store.onDidChange((changes) => { if (changes.some((c) => c.kind === 'connection')) showConnection(store.connection); });
  };
  bind();
  disposables.push(sessions.onDidChange(bind), { dispose: () => storeSubscription?.dispose() });
  void vscode.commands.executeCommand('setContext', 'wharf.images.showDangling', config.showDanglingImages);
  disposables.push(config.onDidChange(() => void vscode.commands.executeCommand('setContext', 'wharf.images.showDangling', config.showDanglingImages)));

  const setContainerFilter = (text: string): void => {
    for (const provider of containerProviders()) provider.setFilter(text);
    filterText = text;
    describeContainers();
    void vscode.commands.executeCommand('setContext', 'wharf.containers.filtered', text !== '');
  };

  return {
    get containers() { return focusedProvider<ContainerTreeNode, ContainersTreeProvider>(containerRoots); },
    get images() { return focusedProvider<ImageTreeNode, ImagesTreeProvider>(imageRoots); },
    get volumes() { return focusedProvider<VolumeNode, VolumesTreeProvider>(volumeRoots); },
    get networks() { return focusedProvider<NetworkNode, NetworksTreeProvider>(networkRoots); },
    get engine() { return engineRoots.providerOf(engines.focused) as EngineTreeProvider; },
    roots: { containers: containerRoots, images: imageRoots, volumes: volumeRoots, networks: networkRoots },
    containersView, imagesView, volumesView, networksView, setContainerFilter, focusedContainer, contextKeys,
    dispose: () => { for (const d of disposables.reverse()) d.dispose(); },
  };
}
