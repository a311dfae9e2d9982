// The Swarm view: Stacks, Services (each with its tasks), Nodes, Secrets and Configs of the
// engine's swarm, straight from the live Swarm store. Outside a swarm (or on a worker) it lists
// nothing and its welcome content says so, with Initialize / Join (the context key
// wharf.swarm.state picks the lines).
import * as vscode from 'vscode';
import { stacksOf, type ServiceModel, type SwarmDataModel } from '../../docker/swarm/model';
import { nodeDescription, serviceDescription, serviceIcon, taskDescription, taskIcon, taskLabel } from '../display/swarmText';
import { escapeMarkdown, formatAge, markdownCode, shortId } from '../display/format';
import type { SwarmSession } from '../swarmSession';

export type SwarmGroup = 'stacks' | 'services' | 'nodes' | 'secrets' | 'configs';
export interface SwarmGroupNode { readonly type: 'group'; readonly group: SwarmGroup }
export interface StackNode { readonly type: 'stack'; readonly name: string }
/** A service row; `stack` when it is listed under its stack rather than under Services. */
export interface SwarmServiceNode { readonly type: 'swarmService'; readonly id: string; readonly stack?: string }
export interface TaskNode { readonly type: 'task'; readonly id: string; readonly serviceId: string; readonly stack?: string }
export interface SwarmNodeNode { readonly type: 'node'; readonly id: string }
export interface SwarmDataNode { readonly type: 'secret' | 'config'; readonly id: string }
export type SwarmTreeNode = SwarmGroupNode | StackNode | SwarmServiceNode | TaskNode | SwarmNodeNode | SwarmDataNode;

const GROUPS: SwarmGroup[] = ['stacks', 'services', 'nodes', 'secrets', 'configs'];

export class SwarmTreeProvider implements vscode.TreeDataProvider<SwarmTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SwarmTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** One node object per row key, so VS Code keeps a row's expansion and selection across changes. */
  private readonly nodes = new Map<string, SwarmTreeNode>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly swarm: SwarmSession) {
    this.subscription = swarm.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(node?: SwarmTreeNode): SwarmTreeNode[] {
    const store = this.swarm.current;
    if (!store || store.membership?.state !== 'manager') return [];
    if (!node) return GROUPS.map((group) => this.node({ type: 'group', group }));
    switch (node.type) {
      case 'group':
        switch (node.group) {
          case 'stacks': return store.stacks().map((s) => this.node({ type: 'stack', name: s.name }));
          case 'services': return store.services().map((s) => this.node({ type: 'swarmService', id: s.id }));
          case 'nodes': return store.nodes().map((n) => this.node({ type: 'node', id: n.id }));
          case 'secrets': return store.secrets().map((s) => this.node({ type: 'secret', id: s.id }));
          case 'configs': return store.configs().map((c) => this.node({ type: 'config', id: c.id }));
        }
        return [];
      case 'stack':
        return (store.stacks().find((s) => s.name === node.name)?.services ?? []).map((s) => this.node({ type: 'swarmService', id: s.id, stack: node.name }));
      case 'swarmService':
        return store.tasks(node.id).map((t) => this.node({ type: 'task', id: t.id, serviceId: node.id, stack: node.stack }));
      default:
        return [];
    }
  }

  getParent(node: SwarmTreeNode): SwarmTreeNode | undefined {
    switch (node.type) {
      case 'group': return undefined;
      case 'stack': return this.node({ type: 'group', group: 'stacks' });
      case 'swarmService': return node.stack ? this.node({ type: 'stack', name: node.stack }) : this.node({ type: 'group', group: 'services' });
      case 'task': return this.node({ type: 'swarmService', id: node.serviceId, stack: node.stack });
      case 'node': return this.node({ type: 'group', group: 'nodes' });
      default: return this.node({ type: 'group', group: node.type === 'secret' ? 'secrets' : 'configs' });
    }
  }

  getTreeItem(node: SwarmTreeNode): vscode.TreeItem {
    const store = this.swarm.current;
    switch (node.type) {
      case 'group': {
        const titles: Record<SwarmGroup, [string, string, number]> = {
          stacks: [vscode.l10n.t('Stacks'), 'layers', store?.stacks().length ?? 0],
          services: [vscode.l10n.t('Services'), 'server-process', store?.services().length ?? 0],
          nodes: [vscode.l10n.t('Nodes'), 'server', store?.nodes().length ?? 0],
          secrets: [vscode.l10n.t('Secrets'), 'lock', store?.secrets().length ?? 0],
          configs: [vscode.l10n.t('Configs'), 'settings', store?.configs().length ?? 0],
        };
        const [label, icon, count] = titles[node.group];
        const item = new vscode.TreeItem(label, node.group === 'stacks' || node.group === 'services' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `swarm:${node.group}`;
        item.description = String(count);
        item.iconPath = new vscode.ThemeIcon(icon);
        item.contextValue = `swarmGroup ${node.group}`;
        return item;
      }
      case 'stack': {
        const services = store ? stacksOf(store.services()).find((s) => s.name === node.name)?.services ?? [] : [];
        const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `swarm:stack:${node.name}`;
        item.description = vscode.l10n.t('{0} services · {1}/{2} tasks running', services.length, sum(services, 'running'), sum(services, 'desired'));
        item.iconPath = new vscode.ThemeIcon('layers');
        item.contextValue = 'swarmStack';
        return item;
      }
      case 'swarmService': {
        const service = store?.service(node.id);
        const label = service ? (node.stack && service.name.startsWith(`${node.stack}_`) ? service.name.slice(node.stack.length + 1) : service.name) : shortId(node.id);
        const item = new vscode.TreeItem(label, node.stack ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `swarm:service:${node.id}${node.stack ? `@${node.stack}` : ''}`;
        if (service) {
          item.description = serviceDescription(service);
          item.iconPath = serviceIcon(service);
          item.tooltip = serviceTooltip(service);
          item.contextValue = ['swarmService', service.mode, service.hasPreviousSpec ? 'rollback' : ''].filter(Boolean).join(' ');
        }
        return item;
      }
      case 'task': {
        const task = store?.tasks(node.serviceId).find((t) => t.id === node.id);
        const item = new vscode.TreeItem(task ? taskLabel(store?.service(node.serviceId), task) : shortId(node.id), vscode.TreeItemCollapsibleState.None);
        item.id = `swarm:task:${node.id}${node.stack ? `@${node.stack}` : ''}`;
        if (task) {
          const host = store?.nodes().find((n) => n.id === task.nodeId);
          item.description = taskDescription(task, host);
          item.iconPath = taskIcon(task);
          item.tooltip = new vscode.MarkdownString([`**${escapeMarkdown(item.label as string)}**`, `${vscode.l10n.t('State')}: ${markdownCode(task.state)} (${vscode.l10n.t('desired')} ${markdownCode(task.desiredState)})`, task.message ? `${vscode.l10n.t('Message')}: ${escapeMarkdown(task.message)}` : '', task.error ? `${vscode.l10n.t('Error')}: ${escapeMarkdown(task.error)}` : '', `${vscode.l10n.t('Image')}: ${markdownCode(task.image)}`].filter(Boolean).join('  \n'));
          item.contextValue = `swarmTask ${task.state}`;
        }
        return item;
      }
      case 'node': {
        const swarmNode = store?.nodes().find((n) => n.id === node.id);
        const item = new vscode.TreeItem(swarmNode?.hostname ?? shortId(node.id), vscode.TreeItemCollapsibleState.None);
        item.id = `swarm:node:${node.id}`;
        if (swarmNode) {
          item.description = nodeDescription(swarmNode);
          item.iconPath = new vscode.ThemeIcon(swarmNode.role === 'manager' ? 'server-environment' : 'server', new vscode.ThemeColor(swarmNode.status === 'ready' ? (swarmNode.availability === 'active' ? 'charts.green' : 'charts.yellow') : 'charts.red'));
          item.tooltip = new vscode.MarkdownString(`**${escapeMarkdown(swarmNode.hostname)}**\n\nID: ${markdownCode(swarmNode.id)}`);
          item.contextValue = `swarmNode ${swarmNode.role} ${swarmNode.availability}${swarmNode.leader ? ' leader' : ''}`;
        }
        return item;
      }
      default: {
        const list: readonly SwarmDataModel[] = node.type === 'secret' ? store?.secrets() ?? [] : store?.configs() ?? [];
        const data = list.find((d) => d.id === node.id);
        const item = new vscode.TreeItem(data?.name ?? shortId(node.id), vscode.TreeItemCollapsibleState.None);
        item.id = `swarm:${node.type}:${node.id}`;
        item.iconPath = new vscode.ThemeIcon(node.type === 'secret' ? 'lock' : 'file');
        if (data) item.description = [data.stack ? vscode.l10n.t('stack {0}', data.stack) : '', data.createdAt ? formatAge(data.createdAt) : ''].filter(Boolean).join(' · ');
        item.contextValue = node.type === 'secret' ? 'swarmSecret' : 'swarmConfig';
        return item;
      }
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private node<N extends SwarmTreeNode>(node: N): N {
    const key = JSON.stringify(node);
    const known = this.nodes.get(key);
    if (known) return known as N;
    this.nodes.set(key, node);
    return node;
  }
}

function sum(services: readonly ServiceModel[], key: 'running' | 'desired'): number {
  return services.reduce((n, s) => n + (s[key] ?? 0), 0);
}

function serviceTooltip(service: ServiceModel): vscode.MarkdownString {
  const lines = [
    `**${escapeMarkdown(service.name)}**`,
    `ID: ${markdownCode(shortId(service.id))}`,
    `${vscode.l10n.t('Image')}: ${markdownCode(service.image)}`,
    service.constraints.length ? `${vscode.l10n.t('Constraints')}: ${service.constraints.map(markdownCode).join(', ')}` : '',
    service.updateMessage ? `${vscode.l10n.t('Update')}: ${escapeMarkdown(service.updateMessage)}` : '',
  ];
  return new vscode.MarkdownString(lines.filter(Boolean).join('  \n'));
}
