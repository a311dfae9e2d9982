// The Contexts view: the docker CLI's contexts (src/docker/contexts.ts), the current one marked,
// and the one Wharf alone uses (wharf.engine.context) marked too. It re-reads the store when the
// docker config changes on disk (fs watch, no polling), so a `docker context use` in a terminal
// shows here at once; and when Wharf follows the CLI's current context, Wharf reconnects.
import * as vscode from 'vscode';
import { addressSource } from '../docker/connect';
import { createDockerContext, dockerConfigDir, readDockerContexts, removeDockerContext, useDockerContext, watchDockerConfig, type DockerContext, type NewContext } from '../docker/contexts';
import type { Config } from './config';
import type { EngineSet } from './session';

export interface ContextNode { readonly type: 'context'; readonly name: string }

export class DockerContextsView implements vscode.TreeDataProvider<ContextNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private contexts: DockerContext[] = [];
  private watchedDir: string | undefined;
  private watcher: { dispose(): void } | undefined;
  private current: string | undefined;
  private readonly nodes = new Map<string, ContextNode>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly config: Config, private readonly engines: EngineSet) {
    this.refresh();
    this.subscriptions.push(config.onDidChange((keys) => { if (keys.some((k) => k.startsWith('engine.'))) this.changed.fire(undefined); }));
  }

  /** $DOCKER_CONFIG or ~/.docker, read each time: the environment decides, as for the CLI. */
  get configDir(): string {
    return dockerConfigDir();
  }

  list(): readonly DockerContext[] {
    return this.contexts;
  }

  /** Reads the store again (and watches the config folder in effect now). */
  refresh(): void {
    const dir = this.configDir;
    if (dir !== this.watchedDir) {
      this.watcher?.dispose();
      this.watchedDir = dir;
      try { this.watcher = watchDockerConfig(dir, () => this.reread()); } catch { this.watcher = undefined; }
    }
    this.reread();
  }

  private reread(): void {
    const engine = this.engines.focused.sessions.current.endpoint;
    this.contexts = readDockerContexts(this.configDir, process.env.DOCKER_HOST || (engine?.source === 'defaultSocket' ? engine.url : undefined));
    const current = this.contexts.find((c) => c.current)?.name;
    const moved = this.current !== undefined && current !== this.current;
    this.current = current;
    this.changed.fire(undefined);
    // Wharf follows the CLI's current context when nothing else names its engine: reconnect.
    if (moved && !this.engines.multiple) {
      const source = addressSource({ host: this.config.engineHost, context: this.config.engineContext }).source;
      if (source === 'currentContext' || source === 'defaultSocket') this.engines.sessions.restart();
    }
  }

  getChildren(node?: ContextNode): ContextNode[] {
    if (node) return [];
    return this.contexts.map((c) => {
      let n = this.nodes.get(c.name);
      if (!n) this.nodes.set(c.name, n = { type: 'context', name: c.name });
      return n;
    });
  }

  getTreeItem(node: ContextNode): vscode.TreeItem {
    const context = this.contexts.find((c) => c.name === node.name);
    const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.None);
    item.id = `context:${node.name}`;
    if (!context) return item;
    const wharfOnly = this.config.engineContext === node.name;
    const marks = [context.current ? vscode.l10n.t('current') : undefined, wharfOnly ? vscode.l10n.t('Wharf') : undefined].filter(Boolean);
    item.description = [...marks, context.host].filter(Boolean).join(' · ');
    item.tooltip = [context.description, context.host, context.tls ? vscode.l10n.t('TLS files in the context store') : undefined].filter(Boolean).join('\n');
    item.iconPath = context.current ? new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('charts.green'))
      : wharfOnly ? new vscode.ThemeIcon('pass') : new vscode.ThemeIcon('circle-large-outline');
    item.contextValue = `dockerContext${context.current ? ' current' : ''}${node.name === 'default' ? ' default' : ''}`;
    item.accessibilityInformation = { label: [node.name, ...marks].join(', ') };
    return item;
  }

  switchTo(name: string, scope: 'docker' | 'wharf'): Promise<void> | void {
    if (scope === 'wharf') return this.config.useEngineContext(name === 'default' ? undefined : name);
    useDockerContext(this.configDir, name);
    // Docker-wide: Wharf follows the CLI again (its own choice would hide the switch).
    this.reread();
    if (this.config.engineContext || this.config.engineHost) return this.config.useEngineContext(undefined);
  }

  create(context: NewContext): void {
    createDockerContext(this.configDir, context);
    this.reread();
  }

  remove(name: string): void {
    removeDockerContext(this.configDir, name);
    this.reread();
  }

  dispose(): void {
    this.watcher?.dispose();
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
