// Creates the five views of the Wharf container and keeps the context keys that drive their
// welcome content and menus (engine status, filter active) in step with the store.
import * as vscode from 'vscode';
import type { ConnectionState } from '../docker/model';
import type { Config } from './config';
import type { SessionHolder } from './session';
import { ContainersTreeProvider, type ContainerTreeNode } from './tree/containersTree';
import { EngineTreeProvider } from './tree/engineTree';
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
}

export function createViews(sessions: SessionHolder, config: Config): WharfViews {
  const disposables: vscode.Disposable[] = [];
  const containers = new ContainersTreeProvider(sessions, config);
  const images = new ImagesTreeProvider(sessions, config);
  const volumes = new VolumesTreeProvider(sessions);
  const networks = new NetworksTreeProvider(sessions);
  const engine = new EngineTreeProvider(sessions);
  const containersView = vscode.window.createTreeView('wharf.containers', { treeDataProvider: containers, canSelectMany: true, showCollapseAll: true });
  const imagesView = vscode.window.createTreeView('wharf.images', { treeDataProvider: images, canSelectMany: true, showCollapseAll: true });
  const volumesView = vscode.window.createTreeView('wharf.volumes', { treeDataProvider: volumes, canSelectMany: true });
  const networksView = vscode.window.createTreeView('wharf.networks', { treeDataProvider: networks, canSelectMany: true });
  const engineView = vscode.window.createTreeView('wharf.engine', { treeDataProvider: engine });
  disposables.push(containers, images, volumes, networks, engine, containersView, imagesView, volumesView, networksView, engineView);
  containers.setVisible(containersView.visible);
  disposables.push(containersView.onDidChangeVisibility((e) => containers.setVisible(e.visible)));

  const engineViews = [containersView, imagesView, volumesView, networksView, engineView];
  const showConnection = (connection: ConnectionState): void => {
    void vscode.commands.executeCommand('setContext', 'wharf.engine.status', connection.status);
    void vscode.commands.executeCommand('setContext', 'wharf.engine.cause', connection.status === 'unreachable' ? connection.code : '');
    // The welcome content is static; the cause itself goes in the view message above it.
    const message = connection.status === 'unreachable' ? `${connection.message}${connection.hint ? ` ${connection.hint}` : ''}` : undefined;
    for (const view of engineViews) view.message = message;
  };
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
    containersView.description = text ? vscode.l10n.t('filter: {0}', text) : undefined;
    void vscode.commands.executeCommand('setContext', 'wharf.containers.filtered', text !== '');
  };

  return {
    containers, containersView, images, imagesView, volumes, volumesView, networks, networksView, engine, setContainerFilter,
    dispose: () => { for (const d of disposables.reverse()) d.dispose(); },
  };
}
