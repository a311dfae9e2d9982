// The Volumes and Networks views: flat lists, a row per object, straight from the store.
import * as vscode from 'vscode';
import type { NetworkModel, StoreChange, VolumeModel } from '../../docker/model';
import { isBuiltInNetwork } from '../../docker/networks';
import { escapeMarkdown, formatAge, markdownCode, shortId } from '../display/format';
import type { SessionHolder } from '../session';

export interface VolumeNode { readonly type: 'volume'; readonly name: string }
export interface NetworkNode { readonly type: 'network'; readonly id: string }

/** Shared plumbing: stable node per key, refresh rows that changed, the list when the set changed. */
abstract class FlatTreeProvider<N extends object, M> implements vscode.TreeDataProvider<N>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<N | N[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly nodes = new Map<string, N>();
  private storeSubscription: vscode.Disposable | undefined;
  private readonly sessionSubscription: vscode.Disposable;

  constructor(protected readonly sessions: SessionHolder, private readonly kind: 'volume' | 'network') {
    this.bind();
    this.sessionSubscription = sessions.onDidChange(() => { this.bind(); this.changed.fire(undefined); });
  }

  protected abstract list(): readonly M[];
  protected abstract keyOf(model: M): string;
  protected abstract makeNode(key: string): N;
  protected abstract find(node: N): M | undefined;
  protected abstract render(model: M | undefined, node: N): vscode.TreeItem;

  getTreeItem(node: N): vscode.TreeItem {
    return this.render(this.find(node), node);
  }

  getChildren(node?: N): N[] {
    if (node || this.sessions.current.store.connection.status !== 'connected') return [];
    return this.list().map((m) => this.node(this.keyOf(m)));
  }

  getParent(): undefined {
    return undefined;
  }

  dispose(): void {
    this.storeSubscription?.dispose();
    this.sessionSubscription.dispose();
    this.changed.dispose();
  }

  private node(key: string): N {
    let node = this.nodes.get(key);
    if (!node) { node = this.makeNode(key); this.nodes.set(key, node); }
    return node;
  }

  private bind(): void {
    this.storeSubscription?.dispose();
    this.storeSubscription = this.sessions.current.store.onDidChange((changes: StoreChange[]) => {
      let all = false;
      const rows: N[] = [];
      for (const change of changes) {
        if (change.kind === 'connection' || (change.kind === this.kind && (change.all || change.added.length || change.removed.length))) all = true;
        else if (change.kind === this.kind) for (const key of change.updated) { const n = this.nodes.get(key); if (n) rows.push(n); }
        if (change.kind === this.kind) for (const key of change.removed) this.nodes.delete(key);
      }
      if (all) this.changed.fire(undefined);
      else if (rows.length) this.changed.fire(rows);
    });
  }
}

export class VolumesTreeProvider extends FlatTreeProvider<VolumeNode, VolumeModel> {
  constructor(sessions: SessionHolder) { super(sessions, 'volume'); }
  protected list(): readonly VolumeModel[] { return [...this.sessions.current.store.volumes()].sort((a, b) => a.name.localeCompare(b.name)); }
  protected keyOf(model: VolumeModel): string { return model.name; }
  protected makeNode(name: string): VolumeNode { return { type: 'volume', name }; }
  protected find(node: VolumeNode): VolumeModel | undefined { return this.sessions.current.store.volumes().find((v) => v.name === node.name); }
  protected render(volume: VolumeModel | undefined, node: VolumeNode): vscode.TreeItem {
    // Anonymous volumes have 64-hex names: show them short.
    const label = /^[0-9a-f]{64}$/.test(node.name) ? shortId(node.name) : node.name;
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = `volume:${node.name}`;
    item.iconPath = new vscode.ThemeIcon('database');
    item.contextValue = 'volume';
    if (volume) {
      item.description = [volume.driver, volume.createdAt ? formatAge(volume.createdAt) : ''].filter(Boolean).join(' · ');
      item.tooltip = new vscode.MarkdownString(`**${escapeMarkdown(volume.name)}**\n\nDriver: ${markdownCode(volume.driver)}  \nMountpoint: ${markdownCode(volume.mountpoint)}`);
    }
    return item;
  }
}

export class NetworksTreeProvider extends FlatTreeProvider<NetworkNode, NetworkModel> {
  constructor(sessions: SessionHolder) { super(sessions, 'network'); }
  protected list(): readonly NetworkModel[] { return [...this.sessions.current.store.networks()].sort((a, b) => a.name.localeCompare(b.name)); }
  protected keyOf(model: NetworkModel): string { return model.id; }
  protected makeNode(id: string): NetworkNode { return { type: 'network', id }; }
  protected find(node: NetworkNode): NetworkModel | undefined { return this.sessions.current.store.networks().find((n) => n.id === node.id); }
  protected render(network: NetworkModel | undefined, node: NetworkNode): vscode.TreeItem {
    const item = new vscode.TreeItem(network?.name ?? shortId(node.id), vscode.TreeItemCollapsibleState.None);
    item.id = `network:${node.id}`;
    item.iconPath = new vscode.ThemeIcon('type-hierarchy');
    // The engine's own networks cannot be removed: no Remove on them.
    const builtIn = network && isBuiltInNetwork(network.name);
    item.contextValue = builtIn ? 'network builtIn' : 'network';
    if (network) {
      item.description = `${network.driver} · ${network.scope}${network.internal ? ' · internal' : ''}`;
      item.tooltip = new vscode.MarkdownString(`**${escapeMarkdown(network.name)}**\n\nID: ${markdownCode(shortId(network.id))}  \nDriver: ${markdownCode(network.driver)}`);
    }
    return item;
  }
}
