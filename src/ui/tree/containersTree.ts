// The Containers view: compose projects first (each with its services, each service with its
// containers), the other containers beneath, each a row drawn from the store when asked. A
// project whose files are in the workspace shows even when none of its containers exist.
// Node objects are kept per id so VS Code can match them across
// refreshes (selection and expansion survive) and so a change refreshes only its own rows.
import * as vscode from 'vscode';
import { COMPOSE_LABELS, composeProject } from '../../docker/composeModel';
import type { ContainerModel, StoreChange } from '../../docker/model';
import { nextStatusChangeMs } from '../../docker/statusText';
import type { ComposeWorkspace } from '../composeWorkspace';
import type { Config } from '../config';
import { projectContextValue, projectDescription, projectTooltip, serviceContextValue, serviceDescription } from '../display/composeText';
import { compareContainers, containerContextValue, containerDescription, containerIcon, containerSearchText, containerTooltip } from '../display/containerText';
import { containerStatus } from '../display/containerText';
import type { SessionHolder } from '../session';
import { RefreshPacer } from './refreshPacer';
import { RowClock, systemTimers, type RowTimes, type Timers } from './rowClock';
import { streamContainerStats } from '../../docker/containers';
import { rowStatsText } from '../display/statsText';
import { RowStats } from './rowStats';

export type ContainerTreeNode = ProjectNode | ServiceNode | ContainerNode | MoreNode;
export interface ProjectNode { readonly type: 'project'; readonly project: string }
export interface ServiceNode { readonly type: 'service'; readonly project: string; readonly service: string }
export interface ContainerNode { readonly type: 'container'; readonly id: string }
/** "Show more": the rows of `parent` (a project name, or '' for the top level) beyond those shown. */
export interface MoreNode { readonly type: 'more'; readonly parent: string }

/**
 * Rows listed per level at first, and added by each "Show more". A refresh of a level sends every
 * row it lists to the workbench: bounded, a host with 10,000 containers refreshes (and first shows)
 * as fast as one with 500. The newest come first; the filter searches them all.
 */
export const CONTAINER_PAGE = 500;

const ROOT = '';

/**
 * A container that has just exited is often about to be destroyed (rm -f, --rm, compose down):
 * the engine sends "die" and, ~40-120 ms later here, "destroy". Its row waits this long for the
 * destroy so that both go in one refresh; otherwise the host's 200 ms refresh window (see
 * refreshPacer.ts) would hold the removal back. A plain stop shows this much later, which is
 * small beside a stop's own duration (SIGTERM, then up to 10 s before SIGKILL).
 */
const EXIT_HOLD_MS = 150;
/** A container the engine reports as "removing" (what rm -f shows at "die") will be destroyed. */
const REMOVING_HOLD_MS = 500;
/** How recent an exit counts as "just exited" (the event is read within milliseconds of it). */
const JUST_EXITED_MS = 2000;

/** States in which a Stop is still to take effect. */
const STOPPABLE = new Set<ContainerModel['state']>(['running', 'paused', 'restarting']);
/** After a Stop request succeeded, how long the row may say "stopping" while the exit event is on its way. */
const STOPPED_EVENT_WAIT_MS = 5000;

/** How long a changed row may wait for the destroy that likely follows (0: show it now). */
function holdFor(container: ContainerModel | undefined, now: number): number {
  if (!container) return 0;
  if (container.state === 'removing') return REMOVING_HOLD_MS;
  const justExited = (container.state === 'exited' || container.state === 'dead') && !container.timesApproximate
    && container.finishedAt !== undefined && now - container.finishedAt < JUST_EXITED_MS;
  return justExited ? EXIT_HOLD_MS : 0;
}

export class ContainersTreeProvider implements vscode.TreeDataProvider<ContainerTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ContainerTreeNode | ContainerTreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly projectNodes = new Map<string, ProjectNode>();
  /** project + NUL + service → its node. */
  private readonly serviceNodes = new Map<string, ServiceNode>();
  private readonly containerNodes = new Map<string, ContainerNode>();
  /** Which parent (project name, or ROOT) each shown container was listed under: where a removal must refresh. */
  private readonly shownUnder = new Map<string, string>();
  private filterText = '';
  private readonly subscriptions: vscode.Disposable[] = [];
  private storeSubscription: vscode.Disposable | undefined;
  private readonly pacer = new RefreshPacer<ContainerTreeNode>((nodes) => {
    // A root refresh makes the extension host forget every row until the workbench lists them again.
    if (nodes === undefined) this.relisting ??= deferred();
    this.changed.fire(nodes);
  });
  /** Pending from a root refresh until the rows are listed again (see rowsListed). */
  private relisting: { promise: Promise<void>; resolve: () => void } | undefined;
  /** The description each row was last drawn with: the clock refreshes only rows whose text changes. */
  private readonly drawn = new Map<string, string>();
  private readonly clock: RowClock<ContainerTreeNode>;
  /** Rows per page (CONTAINER_PAGE; tests set a small one). */
  pageSize = CONTAINER_PAGE;
  /** Rows listed per level (project name, or ROOT), when more than a page. */
  private readonly pageSizes = new Map<string, number>();
  private readonly moreNodes = new Map<string, MoreNode>();
  /** How many rows each level's "Show more" stands for, as last listed. */
  private readonly notShown = new Map<string, number>();
  /** Containers Wharf asked to stop and the engine has not reported stopped yet. */
  private readonly stopping = new Set<string>();
  /** The live CPU/memory figure of running rows (streams only while the view is visible). */
  readonly rowStats: RowStats;

  constructor(private readonly sessions: SessionHolder, private readonly config: Config, private readonly timers: Timers = systemTimers, private readonly composeFiles?: ComposeWorkspace) {
    this.clock = new RowClock((now) => this.rowTimes(now), (nodes) => this.pacer.request(nodes), timers);
    this.rowStats = new RowStats((id, onSample) => {
      const docker = this.sessions.current.docker();
      return docker ? streamContainerStats(docker, id, onSample) : Promise.reject(new Error('not connected'));
    }, (id) => this.refreshRow(id), rowStatsText);
    this.rowStats.setEnabled(config.showContainerStats);
    this.bindStore();
    if (composeFiles) this.subscriptions.push(composeFiles.onDidChange(() => this.refreshAll()));
    this.subscriptions.push(sessions.onDidChange(() => { this.rowStats.dispose(); this.bindStore(); this.refreshAll(); }));
    this.subscriptions.push(config.onDidChange((keys) => {
      if (keys.some((k) => k.startsWith('containers.'))) {
        this.rowStats.setEnabled(config.showContainerStats);
        this.refreshAll();
      }
    }));
  }

  get filter(): string {
    return this.filterText;
  }

  setFilter(text: string): void {
    this.filterText = text.trim().toLowerCase();
    this.pageSizes.clear();
    this.refreshAll();
  }

  refreshAll(): void {
    this.pacer.request(undefined);
  }

  /** Lists CONTAINER_PAGE more rows of the level the "Show more" row belongs to. */
  showMore(node: MoreNode): void {
    this.pageSizes.set(node.parent, (this.pageSizes.get(node.parent) ?? this.pageSize) + this.pageSize);
    if (node.parent === ROOT) this.pacer.request(undefined);
    else this.pacer.request([this.projectNode(node.parent)]);
  }

  getTreeItem(node: ContainerTreeNode): vscode.TreeItem {
    const store = this.sessions.current.store;
    if (node.type === 'more') {
      const hidden = this.notShown.get(node.parent) ?? 0;
      const item = new vscode.TreeItem(vscode.l10n.t('Show {0} more…', Math.min(hidden, this.pageSize)), vscode.TreeItemCollapsibleState.None);
      item.id = `more:${node.parent}`;
      item.description = vscode.l10n.t('{0} not shown; the filter searches all', hidden);
      item.iconPath = new vscode.ThemeIcon('ellipsis');
      item.contextValue = 'more';
      item.command = { command: 'wharf.containers.showMore', title: vscode.l10n.t('Show more'), arguments: [node] };
      return item;
    }
    if (node.type === 'project') {
      const facts = this.projectFacts(node.project);
      const running = facts.engine?.running ?? 0;
      const item = new vscode.TreeItem(node.project, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `project:${node.project}`;
      item.description = projectDescription(facts);
      item.iconPath = new vscode.ThemeIcon('layers', running > 0 ? new vscode.ThemeColor('charts.green') : undefined);
      item.contextValue = projectContextValue(facts);
      return item;
    }
    if (node.type === 'service') {
      const service = composeProject(store.containers(), node.project)?.services.find((s) => s.name === node.service);
      // Expanded even while it has no container: a row first drawn without children would stay
      // collapsed once Up gives it some.
      const item = new vscode.TreeItem(node.service, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `service:${node.project}\0${node.service}`;
      item.description = serviceDescription(service);
      item.iconPath = new vscode.ThemeIcon('symbol-method', service && service.running > 0 ? new vscode.ThemeColor('charts.green') : undefined);
      item.contextValue = serviceContextValue(service, this.projectFacts(node.project).files.length > 0);
      return item;
    }
    const container = store.container(node.id);
    const item = new vscode.TreeItem(container?.name ?? node.id.slice(0, 12), vscode.TreeItemCollapsibleState.None);
    item.id = `container:${node.id}`;
    if (!container) return item;
    const stopping = this.stopping.has(node.id);
    const icon = stopping ? { id: 'loading~spin', color: 'charts.orange' } : containerIcon(container);
    item.iconPath = new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
    const now = this.timers.now();
    this.rowStats.rowDrawn(node.id, container.state === 'running');
    item.description = this.describe(container, now);
    this.drawn.set(node.id, item.description);
    // A row just drawn ("Up Less than a second") may change before any other.
    if (!stopping) this.clock.wakeWithin(nextStatusChangeMs(container, now));
    item.contextValue = containerContextValue(container, stopping);
    item.accessibilityInformation = { label: `${container.name}, ${stopping ? vscode.l10n.t('stopping') : container.state}${container.health ? `, ${container.health}` : ''}, ${container.image}` };
    // Enter and a click (a double-click with workbench.list.openMode "doubleClick") open it.
    item.command = { command: 'wharf.container.inspect', title: vscode.l10n.t('Inspect'), arguments: [node] };
    return item;
  }

  private describe(container: ContainerModel, now: number): string {
    const stopping = this.stopping.has(container.id);
    const status = stopping ? vscode.l10n.t('Stopping…') : containerStatus(container, now);
    // A stopping row says only that: its figures are about to end.
    const figure = stopping ? undefined : this.rowStats.figure(container.id);
    return containerDescription(container, figure ? `${status} · ${figure}` : status);
  }

  /**
   * The view is shown or hidden: the clock that keeps "Up 5 minutes" true, and the rows' stats
   * streams, run only while shown.
   */
  setVisible(visible: boolean): void {
    this.clock.setVisible(visible);
    this.rowStats.setVisible(visible);
  }

  /** Whether the time refresh is armed (it is only while the view is visible). */
  get timeRefreshArmed(): boolean {
    return this.clock.armed;
  }

  /** Rows drawn whose text reads differently at `now`, and when the next one may. */
  private rowTimes(now: number): RowTimes<ContainerTreeNode> {
    const store = this.sessions.current.store;
    const changed: ContainerTreeNode[] = [];
    let nextChangeMs = Number.POSITIVE_INFINITY;
    for (const [id, text] of this.drawn) {
      const container = store.container(id);
      const node = this.containerNodes.get(id);
      if (!container || !node) continue;
      if (this.describe(container, now) !== text) changed.push(node);
      if (!this.stopping.has(id)) nextChangeMs = Math.min(nextChangeMs, nextStatusChangeMs(container, now));
    }
    return { changed, nextChangeMs };
  }

  /**
   * The row says "stopping…" from now until the engine reports the container stopped (or the stop
   * fails): a container that ignores SIGTERM otherwise looks untouched for the whole grace period.
   */
  showStopping(id: string, stop: Promise<unknown>): void {
    this.stopping.add(id);
    this.refreshRow(id);
    stop.then(() => {
      // Stopped, as the engine answered; its exit event normally arrives before or just after.
      if (this.stopping.has(id) && STOPPABLE.has(this.sessions.current.store.container(id)?.state ?? 'exited')) {
        this.timers.setTimeout(() => this.endStopping(id), STOPPED_EVENT_WAIT_MS);
      } else this.endStopping(id);
    }, () => this.endStopping(id));
  }

  isStopping(id: string): boolean {
    return this.stopping.has(id);
  }

  private endStopping(id: string): void {
    if (this.stopping.delete(id)) this.refreshRow(id);
  }

  private refreshRow(id: string): void {
    const node = this.containerNodes.get(id);
    if (node) this.pacer.request([node]);
  }

  /** Resolves once every change seen so far has been passed to the view (refreshes are paced). */
  settled(): Promise<void> {
    return this.pacer.settled();
  }

  /** The markdown hover is built only when the user hovers, not for every row drawn. */
  resolveTreeItem(item: vscode.TreeItem, node: ContainerTreeNode): vscode.TreeItem {
    if (node.type === 'project') {
      const markdown = new vscode.MarkdownString(projectTooltip(this.projectFacts(node.project)));
      markdown.isTrusted = false;
      item.tooltip = markdown;
      return item;
    }
    if (node.type !== 'container') return item;
    const container = this.sessions.current.store.container(node.id);
    if (container) {
      const markdown = new vscode.MarkdownString(containerTooltip(container, containerStatus(container), this.config.browserHost));
      markdown.supportHtml = false;
      markdown.isTrusted = false;
      item.tooltip = markdown;
    }
    return item;
  }

  /**
   * Resolves once the rows are listed again after the last root refresh (at once when they are):
   * until then a row's menu command can arrive without its row (src/ui/tree/focusedRow.ts).
   */
  rowsListed(): Promise<void> {
    return this.relisting?.promise ?? Promise.resolve();
  }

  getChildren(node?: ContainerTreeNode): ContainerTreeNode[] {
    if (!node) {
      this.relisting?.resolve();
      this.relisting = undefined;
    }
    const store = this.sessions.current.store;
    // The first rows show as soon as the containers are listed, before the connection is complete.
    if (store.connection.status !== 'connected' && !(store.connection.status === 'connecting' && store.containersListed)) return [];
    if (node?.type === 'container' || node?.type === 'more') return [];
    const grouping = this.config.containerGrouping === 'composeProject';
    const visible = store.containers().filter((c) => !this.filterText || containerSearchText(c).includes(this.filterText));
    const sorted = [...visible].sort(this.compare());
    if (node?.type === 'service') {
      return sorted.filter((c) => c.composeProject === node.project && serviceOf(c) === node.service).map((c) => this.containerNode(c, node.project));
    }
    if (node?.type === 'project') {
      const members = sorted.filter((c) => c.composeProject === node.project);
      // Services the files define but that have no container yet show too, when no filter hides them.
      const defined = this.filterText ? [] : this.composeFiles?.project(node.project)?.services ?? [];
      const services = [...new Set([...members.flatMap((c) => { const s = serviceOf(c); return s ? [s] : []; }), ...defined])].sort((a, b) => a.localeCompare(b));
      return [...services.map((s) => this.serviceNode(node.project, s)), ...this.paged(node.project, members.filter((c) => !serviceOf(c)))];
    }
    if (!grouping) return this.paged(ROOT, sorted);
    const fromFiles = this.filterText ? [] : (this.composeFiles?.projects ?? []).map((p) => p.name);
    const projects = [...new Set([...sorted.flatMap((c) => (c.composeProject ? [c.composeProject] : [])), ...fromFiles])].sort((a, b) => a.localeCompare(b));
    return [...projects.map((p) => this.projectNode(p)), ...this.paged(ROOT, sorted.filter((c) => !c.composeProject))];
  }

  /** The first rows of a level, and a "Show more" row for the rest. */
  private paged(parent: string, containers: readonly ContainerModel[]): ContainerTreeNode[] {
    const limit = this.pageSizes.get(parent) ?? this.pageSize;
    const shown = containers.slice(0, limit).map((c) => this.containerNode(c, parent));
    this.notShown.set(parent, Math.max(0, containers.length - limit));
    if (containers.length <= limit) return shown;
    let more = this.moreNodes.get(parent);
    if (!more) this.moreNodes.set(parent, more = { type: 'more', parent });
    return [...shown, more];
  }

  getParent(node: ContainerTreeNode): ContainerTreeNode | undefined {
    if (node.type === 'project') return undefined;
    if (node.type === 'more') return node.parent === ROOT ? undefined : this.projectNode(node.parent);
    if (node.type === 'service') return this.projectNode(node.project);
    const container = this.sessions.current.store.container(node.id);
    if (container?.composeProject && this.config.containerGrouping === 'composeProject') {
      const service = serviceOf(container);
      return service ? this.serviceNode(container.composeProject, service) : this.projectNode(container.composeProject);
    }
    return undefined;
  }

  /** The engine's and the workspace's knowledge of a project (see ComposeWorkspace.facts). */
  projectFacts(project: string): ReturnType<ComposeWorkspace['facts']> {
    const containers = this.sessions.current.store.containers();
    return this.composeFiles?.facts(containers, project) ?? { name: project, engine: composeProject(containers, project), files: [] };
  }

  private compare(): (a: ContainerModel, b: ContainerModel) => number {
    return compareContainers(this.config.containerSort);
  }

  /** The node for a container id (for reveal and for commands given an id). */
  nodeFor(id: string): ContainerNode | undefined {
    return this.containerNodes.get(id) ?? (this.sessions.current.store.container(id) ? this.containerNode(this.sessions.current.store.container(id)!, undefined) : undefined);
  }

  dispose(): void {
    this.relisting?.resolve();
    this.clock.dispose();
    this.rowStats.dispose();
    this.storeSubscription?.dispose();
    for (const s of this.subscriptions) s.dispose();
    this.pacer.dispose();
    this.changed.dispose();
  }

  private bindStore(): void {
    this.storeSubscription?.dispose();
    this.storeSubscription = this.sessions.current.store.onDidChange((changes) => this.onStoreChange(changes));
  }

  private onStoreChange(changes: StoreChange[]): void {
    const refresh = new Set<ContainerTreeNode>();
    let root = false;
    const grouping = this.config.containerGrouping === 'composeProject';
    // Sorting by status or filtering can move a row when it changes: refresh its parent then.
    const orderDependsOnState = this.config.containerSort === 'status' || this.filterText !== '';
    const store = this.sessions.current.store;
    const parentOf = (id: string): string => {
      const known = this.shownUnder.get(id);
      if (known !== undefined) return known;
      const project = store.container(id)?.composeProject;
      return grouping && project ? project : ROOT;
    };
    const refreshParent = (key: string): void => {
      if (key === ROOT) root = true;
      else if (!store.containers().some((c) => c.composeProject === key)) root = true; // the group itself appears or goes
      else if (this.projectNodes.has(key)) refresh.add(this.projectNodes.get(key)!);
      else root = true;
    };
    // Only rows being removed or just exited: worth waiting briefly for their destroy.
    let hold = Number.POSITIVE_INFINITY;
    const now = Date.now();
    for (const change of changes) {
      if (change.kind === 'connection' || (change.kind === 'container' && change.all)) { root = true; hold = 0; continue; }
      if (change.kind !== 'container') continue;
      if (change.added.length > 0 || change.removed.length > 0) hold = 0;
      for (const id of change.updated) hold = Math.min(hold, holdFor(store.container(id), now));
      for (const id of [...change.added, ...change.removed]) refreshParent(parentOf(id));
      for (const id of change.removed) { this.containerNodes.delete(id); this.shownUnder.delete(id); this.drawn.delete(id); this.stopping.delete(id); this.rowStats.forget(id); }
      for (const id of change.updated) {
        if (this.stopping.has(id) && !STOPPABLE.has(store.container(id)?.state ?? 'exited')) this.stopping.delete(id);
        const parent = parentOf(id);
        if (parent !== ROOT) refreshParent(parent); // the project's "n/m running" changes with its members
        if (orderDependsOnState) refreshParent(parent);
        else {
          const existing = this.containerNodes.get(id);
          if (existing) refresh.add(existing);
        }
      }
    }
    if (!Number.isFinite(hold)) hold = 0;
    if (root) this.pacer.request(undefined, hold);
    else if (refresh.size > 0) this.pacer.request([...refresh], hold);
  }

  private projectNode(project: string): ProjectNode {
    let node = this.projectNodes.get(project);
    if (!node) {
      node = { type: 'project', project };
      this.projectNodes.set(project, node);
    }
    return node;
  }

  private serviceNode(project: string, service: string): ServiceNode {
    const key = `${project}\0${service}`;
    let node = this.serviceNodes.get(key);
    if (!node) {
      node = { type: 'service', project, service };
      this.serviceNodes.set(key, node);
    }
    return node;
  }

  private containerNode(container: ContainerModel, parent: string | undefined): ContainerNode {
    let node = this.containerNodes.get(container.id);
    if (!node) {
      node = { type: 'container', id: container.id };
      this.containerNodes.set(container.id, node);
    }
    if (parent !== undefined) this.shownUnder.set(container.id, parent);
    return node;
  }
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => { resolve = r; });
  return { promise, resolve };
}

function serviceOf(container: ContainerModel): string | undefined {
  return container.labels[COMPOSE_LABELS.service] || undefined;
}
