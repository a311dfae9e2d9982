// The Engine view: which engine Wharf talks to (Docker or Podman, version, API, OS, endpoint)
// and the OCI runtimes it offers, the default one marked: the runtimes Run lets users pick.
import * as vscode from 'vscode';
import type { StoreChange } from '../../docker/model';
import { isDemoEngine } from '../display/engineText';
import type { SessionHolder } from '../session';

export interface EngineFactNode { readonly type: 'fact'; readonly key: string }
export interface RuntimesNode { readonly type: 'runtimes' }
export interface RuntimeNode { readonly type: 'runtime'; readonly name: string }
export type EngineTreeNode = EngineFactNode | RuntimesNode | RuntimeNode;

const FACTS = ['demo', 'engine', 'version', 'api', 'os', 'endpoint'] as const;

export class EngineTreeProvider implements vscode.TreeDataProvider<EngineTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<EngineTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly runtimesNode: RuntimesNode = { type: 'runtimes' };
  private readonly factNodes = new Map(FACTS.map((key) => [key, { type: 'fact', key } as EngineFactNode]));
  private readonly runtimeNodes = new Map<string, RuntimeNode>();
  private storeSubscription: vscode.Disposable | undefined;
  private readonly sessionSubscription: vscode.Disposable;

  constructor(private readonly sessions: SessionHolder) {
    this.bind();
    this.sessionSubscription = sessions.onDidChange(() => { this.bind(); this.changed.fire(undefined); });
  }

  getTreeItem(node: EngineTreeNode): vscode.TreeItem {
    const connection = this.sessions.current.store.connection;
    const engine = connection.status === 'connected' ? connection.engine : undefined;
    if (node.type === 'runtimes') {
      const item = new vscode.TreeItem(vscode.l10n.t('OCI runtimes'), vscode.TreeItemCollapsibleState.Expanded);
      item.id = 'engine:runtimes';
      item.iconPath = new vscode.ThemeIcon('server-process');
      return item;
    }
    if (node.type === 'runtime') {
      const runtime = connection.status === 'connected' ? connection.runtimes.find((r) => r.name === node.name) : undefined;
      const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.None);
      item.id = `engine:runtime:${node.name}`;
      item.iconPath = new vscode.ThemeIcon(runtime?.isDefault ? 'star-full' : 'circle-outline');
      item.description = [runtime?.isDefault ? vscode.l10n.t('default') : '', runtime?.path ?? ''].filter(Boolean).join(' · ');
      item.contextValue = 'runtime';
      return item;
    }
    if (node.key === 'demo') {
      const item = new vscode.TreeItem(vscode.l10n.t('Demo engine'), vscode.TreeItemCollapsibleState.None);
      item.id = 'engine:demo';
      item.description = vscode.l10n.t('started by npm start, removed when it stops');
      item.iconPath = new vscode.ThemeIcon('beaker', new vscode.ThemeColor('charts.yellow'));
      item.tooltip = vscode.l10n.t('A throwaway engine that `npm start` started with sample images and containers. Stopping `npm start` (Ctrl-C) stops it and deletes everything in it.');
      return item;
    }
    const labels: Record<string, [string, string, string]> = {
      engine: [vscode.l10n.t('Engine'), engine?.kind === 'podman' ? 'Podman' : 'Docker', 'vm'],
      version: [vscode.l10n.t('Version'), engine?.version ?? '', 'versions'],
      api: [vscode.l10n.t('API version'), engine?.apiVersion ?? '', 'plug'],
      os: [vscode.l10n.t('OS'), engine ? `${engine.os}/${engine.arch}` : '', 'device-desktop'],
      endpoint: [vscode.l10n.t('Endpoint'), engine?.endpoint ?? '', 'link'],
    };
    const [label, value, icon] = labels[node.key];
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = `engine:${node.key}`;
    item.description = value;
    item.iconPath = new vscode.ThemeIcon(icon);
    item.tooltip = `${label}: ${value}`;
    return item;
  }

  getChildren(node?: EngineTreeNode): EngineTreeNode[] {
    const connection = this.sessions.current.store.connection;
    if (connection.status !== 'connected') return [];
    if (!node) {
      const facts = [...this.factNodes.values()].filter((fact) => fact.key !== 'demo' || isDemoEngine(connection.labels));
      return [...facts, this.runtimesNode];
    }
    if (node.type === 'runtimes') {
      return connection.runtimes.map((r) => {
        let n = this.runtimeNodes.get(r.name);
        if (!n) { n = { type: 'runtime', name: r.name }; this.runtimeNodes.set(r.name, n); }
        return n;
      });
    }
    return [];
  }

  getParent(node: EngineTreeNode): EngineTreeNode | undefined {
    return node.type === 'runtime' ? this.runtimesNode : undefined;
  }

  dispose(): void {
    this.storeSubscription?.dispose();
    this.sessionSubscription.dispose();
    this.changed.dispose();
  }

  private bind(): void {
    this.storeSubscription?.dispose();
    this.storeSubscription = this.sessions.current.store.onDidChange((changes: StoreChange[]) => {
      if (changes.some((c) => c.kind === 'connection')) this.changed.fire(undefined);
    });
  }
}
