// Several engines in one view: a root per engine (its name and state), under it the rows of that
// engine's own provider, built on that engine's own session. With one engine there is no extra
// level: the view is that engine's provider, unchanged. Any view adopts this by handing over how
// to build its provider for one engine:
//   new EngineRootsProvider(engines, (sessions) => new MyTreeProvider(sessions))
// Node objects stay the per-engine provider's own (commands receive them as before); which engine
// one belongs to is kept here, in a WeakMap read by engineOfNode.
import * as vscode from 'vscode';
import { engineStateText } from '../display/engineState';
import type { Engine, EngineSet, SessionHolder } from '../session';

export interface EngineRootNode { readonly type: 'engineRoot'; readonly engine: Engine }

type Provider<T> = vscode.TreeDataProvider<T> & Partial<vscode.Disposable>;

const nodeEngines = new WeakMap<object, Engine>();

/** The engine a tree node (given to a command or selected) belongs to, when it came from an engine-roots view. */
export function engineOfNode(node: unknown): Engine | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  if ((node as Partial<EngineRootNode>).type === 'engineRoot') return (node as EngineRootNode).engine;
  return nodeEngines.get(node);
}

export function isEngineRoot(node: unknown): node is EngineRootNode {
  return typeof node === 'object' && node !== null && (node as Partial<EngineRootNode>).type === 'engineRoot';
}

interface PerEngine<T> { provider: Provider<T>; root: EngineRootNode; subscriptions: vscode.Disposable[] }

export class EngineRootsProvider<T extends object> implements vscode.TreeDataProvider<T | EngineRootNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<T | EngineRootNode | Array<T | EngineRootNode> | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly perEngine = new Map<Engine, PerEngine<T>>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly engines: EngineSet, private readonly make: (sessions: SessionHolder, engine: Engine) => Provider<T>) {
    this.sync();
    this.subscription = engines.onDidChangeEngines(() => { this.sync(); this.changed.fire(undefined); });
  }

  /** engineOfNode, as this view's own copy of the module answers it (tests load their own copy). */
  engineOfNode(node: unknown): Engine | undefined {
    return engineOfNode(node);
  }

  /** The provider showing `engine`'s rows. */
  providerOf(engine: Engine): Provider<T> {
    return this.entry(engine).provider;
  }

  /** Every engine's provider, in the engines' order. */
  providers(): Array<Provider<T>> {
    return this.engines.engines.map((e) => this.entry(e).provider);
  }

  getTreeItem(node: T | EngineRootNode): vscode.TreeItem | Thenable<vscode.TreeItem> {
    if (isEngineRoot(node)) return this.rootItem(node.engine);
    const engine = this.engineOf(node);
    const item = this.entry(engine).provider.getTreeItem(node);
    if (!this.engines.multiple) return item;
    // The same container id can exist in two engines (one engine listed under two names): ids must differ.
    const scoped = (it: vscode.TreeItem): vscode.TreeItem => { if (it.id !== undefined) it.id = `${engine.name}\0${it.id}`; return it; };
    return item instanceof vscode.TreeItem ? scoped(item) : Promise.resolve(item).then(scoped);
  }

  async getChildren(node?: T | EngineRootNode): Promise<Array<T | EngineRootNode>> {
    if (node === undefined && this.engines.multiple) return this.engines.engines.map((e) => this.entry(e).root);
    const engine = node === undefined ? this.engines.engines[0] : isEngineRoot(node) ? node.engine : this.engineOf(node);
    const children = (await this.entry(engine).provider.getChildren(isEngineRoot(node) ? undefined : node)) ?? [];
    for (const child of children) nodeEngines.set(child, engine);
    return children;
  }

  async getParent(node: T | EngineRootNode): Promise<T | EngineRootNode | undefined> {
    if (isEngineRoot(node)) return undefined;
    const engine = this.engineOf(node);
    const provider = this.entry(engine).provider;
    const parent = provider.getParent ? await provider.getParent(node) : undefined;
    if (parent) { nodeEngines.set(parent, engine); return parent; }
    return this.engines.multiple ? this.entry(engine).root : undefined;
  }

  private rootItem(engine: Engine): vscode.TreeItem {
    const text = engineStateText(engine.sessions.current.store.connection);
    const item = new vscode.TreeItem(engine.name, vscode.TreeItemCollapsibleState.Expanded);
    item.id = `engineRoot:${engine.name}`;
    item.description = text.description;
    item.tooltip = `${engine.name}\n${text.tooltip}`;
    item.contextValue = `engineRoot.${text.state}`;
    item.iconPath = text.state === 'connected' ? new vscode.ThemeIcon('vm-active', new vscode.ThemeColor('charts.green'))
      : text.state === 'unreachable' ? new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('problemsWarningIcon.foreground'))
        : new vscode.ThemeIcon('sync~spin');
    item.accessibilityInformation = { label: `${engine.name}, ${text.description}` };
    return item;
  }

  /** A node not (yet) listed by this view is the focused engine's: what reveal() of a fresh row means. */
  private engineOf(node: T): Engine {
    const engine = nodeEngines.get(node);
    return engine && this.perEngine.has(engine) ? engine : this.engines.focused;
  }

  private entry(engine: Engine): PerEngine<T> {
    let entry = this.perEngine.get(engine);
    if (!entry) {
      const root: EngineRootNode = { type: 'engineRoot', engine };
      const provider = this.make(engine.sessions, engine);
      const created: PerEngine<T> = { provider, root, subscriptions: [] };
      entry = created;
      this.perEngine.set(engine, created);
      if (provider.onDidChangeTreeData) {
        created.subscriptions.push(provider.onDidChangeTreeData((nodes) => {
          // The provider's own root is this engine's root node when there are several.
          if (nodes === undefined || nodes === null) this.changed.fire(this.engines.multiple ? created.root : undefined);
          else this.changed.fire(nodes as T | T[]);
        }));
      }
      const watchStore = (): vscode.Disposable => engine.sessions.current.store.onDidChange((changes) => {
        if (this.engines.multiple && changes.some((c) => c.kind === 'connection')) this.changed.fire(created.root);
      });
      let storeSubscription = watchStore();
      created.subscriptions.push(engine.sessions.onDidChange(() => {
        storeSubscription.dispose();
        storeSubscription = watchStore();
        if (this.engines.multiple) this.changed.fire(created.root);
      }), { dispose: () => storeSubscription.dispose() });
    }
    return entry;
  }

  /** Builds providers for engines added, disposes those of engines gone. */
  private sync(): void {
    const listed = new Set(this.engines.engines);
    for (const [engine, entry] of this.perEngine) {
      if (listed.has(engine)) continue;
      for (const s of entry.subscriptions) s.dispose();
      entry.provider.dispose?.();
      this.perEngine.delete(engine);
    }
    for (const engine of this.engines.engines) this.entry(engine);
  }

  dispose(): void {
    this.subscription.dispose();
    for (const entry of this.perEngine.values()) {
      for (const s of entry.subscriptions) s.dispose();
      entry.provider.dispose?.();
    }
    this.perEngine.clear();
    this.changed.dispose();
  }
}
