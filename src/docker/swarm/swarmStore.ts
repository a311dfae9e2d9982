// The live Swarm model of one engine, beside the engine store (store.ts) and built the same way:
// read everything once, then the /events stream says what to read again; bursts are coalesced,
// reads never overlap (one batch at a time, so a late answer cannot undo a newer one), and a
// stream that ends reconnects with backoff and reads everything again.
//
// One exception to "only events": a task's state reaches the manager a moment after its
// container's event (the node's agent reports in batches), so a read right after the event may
// still say "starting". When a read triggered by an event finds tasks between states, those
// services' tasks are read again after a short, doubling wait, at most SETTLE_READS times, and
// not at all once they settle. An idle swarm is asked nothing.
import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import { ReconnectBackoff, RECONNECT_SCHEDULE } from '../backoff';
import { isWharfError, toWharfError } from '../errors';
import { JsonLineSplitter } from '../events';
import type { Disposable } from '../model';
import { swarmStream } from './api';
import { readMembership } from './membership';
import { stacksOf, type NodeModel, type ServiceModel, type StackModel, type SwarmChange, type SwarmDataModel, type SwarmKind, type SwarmMembership, type TaskModel } from './model';
import { listNodes } from './nodes';
import { listServices, listTasks } from './services';
import { listSwarmData } from './swarmData';
import { SWARM_EVENT_TYPES, swarmTouchesOf, type SwarmTouch } from './swarmEvents';

export interface SwarmStoreOptions {
  docker: Docker;
  deadlineMs?: number;
  coalesceMs?: number;
  /** First wait before a task that is between states is read again (doubles each time). */
  settleMs?: number;
  log?: (line: string) => void;
}

const SETTLE_READS = 6;
const TRANSITIONAL = new Set(['new', 'allocated', 'pending', 'assigned', 'accepted', 'preparing', 'ready', 'starting']);

/** Whether a task is on its way somewhere: the engine will change it without a further event here. */
export function isSettling(task: TaskModel): boolean {
  if (task.desiredState === 'running') return TRANSITIONAL.has(task.state) && !task.error;
  return task.state === 'running' || TRANSITIONAL.has(task.state);
}

interface Pending { membership: boolean; all: boolean; services: boolean; tasksOf: Set<string>; nodes: boolean; secrets: boolean; configs: boolean }

const nothingPending = (): Pending => ({ membership: false, all: false, services: false, tasksOf: new Set(), nodes: false, secrets: false, configs: false });

export class SwarmStore implements Disposable {
  private membershipState: SwarmMembership | undefined;
  private serviceList: ServiceModel[] = [];
  private readonly taskMap = new Map<string, TaskModel[]>();
  private nodeList: NodeModel[] = [];
  private secretList: SwarmDataModel[] = [];
  private configList: SwarmDataModel[] = [];
  private lastError: string | undefined;

  private pending: Pending = nothingPending();
  private flushTimer?: NodeJS.Timeout;
  private flushing?: Promise<void>;
  private readonly settleTimers = new Map<string, NodeJS.Timeout>();
  private readonly settleCounts = new Map<string, number>();
  private abort?: AbortController;
  private stream?: Readable;
  private reconnectTimer?: NodeJS.Timeout;
  private readonly backoff = new ReconnectBackoff(RECONNECT_SCHEDULE);
  private disposed = false;
  private readonly listeners = new Set<(change: SwarmChange) => void>();
  private readonly readyPromise: Promise<void>;
  private settleReady?: () => void;
  private readonly log: (line: string) => void;

  constructor(private readonly options: SwarmStoreOptions) {
    this.log = options.log ?? (() => undefined);
    this.readyPromise = new Promise((resolve) => { this.settleReady = resolve; });
    void this.connect();
  }

  /** Undefined until the engine has been asked. */
  get membership(): SwarmMembership | undefined { return this.membershipState; }
  /** The last read that failed (the model keeps what it had), for the view to say. */
  get error(): string | undefined { return this.lastError; }
  services(): readonly ServiceModel[] { return this.serviceList; }
  service(id: string): ServiceModel | undefined { return this.serviceList.find((s) => s.id === id); }
  /** A service's tasks, newest first within each slot. */
  tasks(serviceId: string): readonly TaskModel[] { return this.taskMap.get(serviceId) ?? []; }
  allTasks(): readonly TaskModel[] { return [...this.taskMap.values()].flat(); }
  nodes(): readonly NodeModel[] { return this.nodeList; }
  secrets(): readonly SwarmDataModel[] { return this.secretList; }
  configs(): readonly SwarmDataModel[] { return this.configList; }
  stacks(): StackModel[] { return stacksOf(this.serviceList); }

  onDidChange(listener: (change: SwarmChange) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Settles once the first full read is done (or failed: `error` says why). */
  ready(): Promise<void> { return this.readyPromise; }

  /** Reads everything again now (after Wharf's own Init, Join or Leave, or the Refresh button). */
  refresh(): Promise<void> {
    this.pending.membership = true;
    this.pending.all = true;
    return this.flushNow();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.flushTimer);
    clearTimeout(this.reconnectTimer);
    for (const timer of this.settleTimers.values()) clearTimeout(timer);
    this.abort?.abort();
    this.stream?.destroy();
    this.listeners.clear();
    this.settleReady?.();
  }

  // ---- the event stream ------------------------------------------------------------------

  private async connect(): Promise<void> {
    if (this.disposed) return;
    const abort = new AbortController();
    this.abort = abort;
    try {
      // The stream first, the reads second: whatever happens during the reads is in the stream.
      const stream = await swarmStream(this.options.docker, '/events', { filters: JSON.stringify({ type: SWARM_EVENT_TYPES }) }, 'watch swarm events', { deadlineMs: this.options.deadlineMs ?? 10_000, signal: abort.signal });
      if (this.disposed) { stream.destroy(); return; }
      this.stream = stream;
      const splitter = new JsonLineSplitter((event) => { for (const touch of swarmTouchesOf(event)) this.enqueue(touch); });
      stream.on('data', (chunk: Buffer) => splitter.push(chunk));
      const ended = (): void => {
        if (this.disposed || this.abort !== abort) return;
        abort.abort();
        this.log('swarm event stream ended; reconnecting');
        this.scheduleReconnect();
      };
      stream.once('end', ended);
      stream.once('close', ended);
      stream.once('error', ended);
      this.backoff.connected();
      await this.refresh();
    } catch (err) {
      if (this.disposed) return;
      this.lastError = toWharfError(err).message;
      this.log(`swarm: ${this.lastError}`);
      this.emit({ kinds: ['membership'] });
      this.settleReady?.();
      this.scheduleReconnect();
    }
  }

  private scheduleReconnect(): void {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => void this.connect(), this.backoff.nextDelayMs());
  }

  private enqueue(touch: SwarmTouch): void {
    switch (touch.kind) {
      case 'membership': this.pending.membership = true; break;
      case 'service': this.pending.services = true; this.pending.tasksOf.add(touch.id); this.settleCounts.delete(touch.id); break;
      case 'node': this.pending.nodes = true; this.pending.all = true; break;
      case 'secret': this.pending.secrets = true; break;
      case 'config': this.pending.configs = true; break;
    }
    this.scheduleFlush();
  }

  /**
   * Someone looks at the swarm (its view shown, the window focused): one read of where the engine
   * stands. A swarm left or joined outside Wharf says so with no event (an init does: a node
   * update and the ingress network's creation), so this is where such a change is noticed.
   */
  checkMembership(): void {
    this.pending.membership = true;
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushTimer || this.disposed) return;
    this.flushTimer = setTimeout(() => { this.flushTimer = undefined; void this.flushNow(); }, this.options.coalesceMs ?? 20);
  }

  // ---- reads -----------------------------------------------------------------------------

  /** Applies everything pending, one batch at a time. */
  private async flushNow(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.disposed) return;
    const batch = this.pending;
    this.pending = nothingPending();
    this.flushing = this.read(batch).finally(() => { this.flushing = undefined; });
    await this.flushing;
  }

  private async read(batch: Pending): Promise<void> {
    const docker = this.options.docker;
    const options = { deadlineMs: this.options.deadlineMs ?? 10_000, signal: this.abort?.signal };
    const kinds = new Set<SwarmKind>();
    let touchedServices: string[] | undefined;
    try {
      if (batch.membership || this.membershipState === undefined) {
        const membership = await readMembership(docker, options);
        if (JSON.stringify(membership) !== JSON.stringify(this.membershipState)) {
          const wasManager = this.membershipState?.state === 'manager';
          this.membershipState = membership;
          kinds.add('membership');
          if (membership.state === 'manager' && !wasManager) batch.all = true;
        }
      }
      if (this.membershipState?.state !== 'manager') {
        if (this.serviceList.length || this.nodeList.length || this.secretList.length || this.configList.length || this.taskMap.size) {
          this.serviceList = []; this.nodeList = []; this.secretList = []; this.configList = []; this.taskMap.clear();
          for (const k of ['service', 'task', 'node', 'secret', 'config'] as const) kinds.add(k);
        }
      } else {
        const all = batch.all;
        const [services, nodes, secrets, configs] = await Promise.all([
          all || batch.services ? listServices(docker, options) : undefined,
          all || batch.nodes ? listNodes(docker, options) : undefined,
          all || batch.secrets ? listSwarmData(docker, 'secret', options) : undefined,
          all || batch.configs ? listSwarmData(docker, 'config', options) : undefined,
        ]);
        // Tasks only of services that exist: the engine refuses a task filter naming a removed one.
        const known = new Set((services ?? this.serviceList).map((s) => s.id));
        const wanted = [...batch.tasksOf].filter((id) => known.has(id));
        // A service removed meanwhile fails the filtered read: then all tasks, filtered here.
        const tasksOf = (ids: string[]): Promise<TaskModel[]> => listTasks(docker, { service: ids }, options).catch(async () => (await listTasks(docker, {}, options)).filter((t) => ids.includes(t.serviceId)));
        const tasks = all ? await listTasks(docker, {}, options) : wanted.length ? await tasksOf(wanted) : batch.tasksOf.size ? [] : undefined;
        if (services && changed(this.serviceList, (this.serviceList = services.sort(byName)))) kinds.add('service');
        if (nodes && changed(this.nodeList, (this.nodeList = nodes.sort((a, b) => a.hostname.localeCompare(b.hostname) || a.id.localeCompare(b.id))))) kinds.add('node');
        if (secrets && changed(this.secretList, (this.secretList = secrets.sort(byName)))) kinds.add('secret');
        if (configs && changed(this.configList, (this.configList = configs.sort(byName)))) kinds.add('config');
        const touched = new Set<string>();
        if (tasks) {
          const ids = all ? new Set([...this.taskMap.keys(), ...tasks.map((t) => t.serviceId)]) : batch.tasksOf;
          for (const id of ids) {
            const next = tasks.filter((t) => t.serviceId === id).sort(taskOrder);
            if (!changed(this.taskMap.get(id) ?? [], next)) continue;
            if (next.length) this.taskMap.set(id, next); else this.taskMap.delete(id);
            touched.add(id);
            kinds.add('task');
          }
          for (const id of ids) this.settleLater(id);
        }
        // A service gone takes its tasks along (its tasks' list may still name them for a moment).
        for (const id of [...this.taskMap.keys()]) if (!this.serviceList.some((s) => s.id === id)) { this.taskMap.delete(id); kinds.add('task'); }
        if (touched.size) touchedServices = [...touched];
      }
      this.lastError = undefined;
    } catch (err) {
      if (isWharfError(err, 'notSwarmManager') && !batch.membership) {
        // The engine left the swarm (or was demoted) without an event saying so: read where it stands.
        this.pending.membership = true;
        this.scheduleFlush();
      } else {
        this.lastError = toWharfError(err).message;
        this.log(`swarm: could not read: ${this.lastError}`);
        kinds.add('membership');
        // What this batch was to read is read in full with the next event (or look, or refresh).
        this.pending.all = true;
      }
    } finally {
      this.settleReady?.();
    }
    if (kinds.size) this.emit({ kinds: [...kinds], services: touchedServices });
  }

  /** A service whose tasks are between states is read again shortly (see the file's comment). */
  private settleLater(serviceId: string): void {
    if (this.disposed || this.settleTimers.has(serviceId)) return;
    if (!this.tasks(serviceId).some(isSettling)) { this.settleCounts.delete(serviceId); return; }
    const count = this.settleCounts.get(serviceId) ?? 0;
    if (count >= SETTLE_READS) return;
    this.settleCounts.set(serviceId, count + 1);
    this.settleTimers.set(serviceId, setTimeout(() => {
      this.settleTimers.delete(serviceId);
      this.pending.services = true;
      this.pending.tasksOf.add(serviceId);
      void this.flushNow();
    }, (this.options.settleMs ?? 100) * 2 ** count));
  }

  private emit(change: SwarmChange): void {
    for (const listener of [...this.listeners]) {
      try { listener(change); } catch (err) { this.log(`swarm listener failed: ${String(err)}`); }
    }
  }
}

const byName = (a: { name: string }, b: { name: string }): number => a.name.localeCompare(b.name);

function taskOrder(a: TaskModel, b: TaskModel): number {
  return (a.slot ?? 0) - (b.slot ?? 0) || (a.nodeId ?? '').localeCompare(b.nodeId ?? '') || (b.updatedAt ?? 0) - (a.updatedAt ?? 0);
}

function changed(before: readonly unknown[], after: readonly unknown[]): boolean {
  return JSON.stringify(before) !== JSON.stringify(after);
}
