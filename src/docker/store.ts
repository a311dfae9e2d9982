// The live model of one engine. It lists everything once per connection, then the /events stream
// keeps it current: an event re-reads only the object it names, bursts are coalesced into one
// change notification, and nothing polls. When the stream ends (engine restart, socket gone) it
// reconnects with capped, jittered backoff (backoff.ts) and resyncs fully.
//
// A bad engine costs an object, not the session: an inspect that fails (a 500, a body cut off or
// not JSON) is logged, the object keeps what the last list or inspect said, and the read is tried
// again with the next batch of events. A list that cannot be read is a typed `malformedAnswer`
// failure of the whole load (there is nothing honest to show), retried by the reconnect.
//
// A stalled engine (hung, or behind a forwarder whose far side vanished: a suspended VM, a dead
// ssh tunnel) keeps a unix-socket stream open and silent; TCP keepalive cannot see it there, and
// the engine sends no heartbeat on /events. Polling would break the promise that an idle Wharf
// sends no request at all, so the check is made when it matters: confirmLive(), which the UI
// calls when someone looks (a Wharf view shown, the window focused), sends one /_ping if nothing
// has been heard from the engine for `livenessSilenceMs`; an engine that does not answer in time
// ends the session, and the views say so. Left undetected: a forwarder that keeps taking new
// connections while it silently dropped only the established stream.
//
// Ordering without locks: every event, inspect and list is stamped with a generation number.
// An answer never overrides something that happened after the request was sent: a late inspect
// of a container destroyed meanwhile is dropped, and a full list never undoes an event that
// was applied while the list was in flight.
import { isDeepStrictEqual } from 'node:util';
import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import { createClient, engineInfoOf, negotiateApiVersion, pingApiVersion, readVersion, type Endpoint } from './connect';
import { ReconnectBackoff, RECONNECT_SCHEDULE } from './backoff';
import { diagnoseUnreachable } from './diagnosis';
import { malformedAnswer, toWharfError, WharfError } from './errors';
import { JsonLineSplitter, touchesOf, type Touch } from './events';
import type { ConnectionState, ContainerModel, Disposable, EngineInfo, EngineStore, ImageModel, NetworkModel, ObjectKind, RuntimeInfo, StoreChange, VolumeModel } from './model';
import { containerFromInspect, containerFromSummary, imageFromInspect, imageFromSummary, networkFrom, volumeFrom } from './normalize';
import { dial, engineRequest } from './request';
import { engineLabelsOf, type EngineInfoAnswer } from './system';

export interface StoreOptions {
  endpoint: Endpoint;
  /** Deadline of each request (and of the event stream's first byte). */
  deadlineMs?: number;
  /** First reconnect delay and its cap; the delay doubles in between (see backoff.ts). */
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  /** How long a connection must stay up before the reconnect delays start from the first again. */
  backoffStableMs?: number;
  /** confirmLive() pings the engine only after this long without a word from it. */
  livenessSilenceMs?: number;
  /** How long to gather a burst of events before applying it. */
  coalesceMs?: number;
  /** At most this many inspects in flight at once. */
  inspectConcurrency?: number;
  log?: (line: string) => void;
}

type AnyModel = ContainerModel | ImageModel | VolumeModel | NetworkModel;

interface Session {
  docker: Docker;
  /** Known once /version has answered (the session is connected by then). */
  engine?: EngineInfo;
  abort: AbortController;
  stream?: Readable;
  failed?: boolean;
}

class ChangeSet {
  private readonly byKind = new Map<ObjectKind, { added: Set<string>; updated: Set<string>; removed: Set<string> }>();

  private of(kind: ObjectKind): { added: Set<string>; updated: Set<string>; removed: Set<string> } {
    let entry = this.byKind.get(kind);
    if (!entry) this.byKind.set(kind, (entry = { added: new Set(), updated: new Set(), removed: new Set() }));
    return entry;
  }

  added(kind: ObjectKind, id: string): void {
    const entry = this.of(kind);
    if (entry.removed.delete(id)) entry.updated.add(id); else entry.added.add(id);
  }

  updated(kind: ObjectKind, id: string): void {
    const entry = this.of(kind);
    if (!entry.added.has(id)) entry.updated.add(id);
  }

  removed(kind: ObjectKind, id: string): void {
    const entry = this.of(kind);
    if (entry.added.delete(id)) return; // appeared and vanished within one batch: nothing to show
    entry.updated.delete(id);
    entry.removed.add(id);
  }

  toList(): StoreChange[] {
    const list: StoreChange[] = [];
    for (const [kind, entry] of this.byKind) {
      if (entry.added.size + entry.updated.size + entry.removed.size === 0) continue;
      list.push({ kind, added: [...entry.added], updated: [...entry.updated], removed: [...entry.removed] });
    }
    return list;
  }
}

const NOT_FOUND = Symbol('notFound');

export class DockerEngineStore implements EngineStore {
  private readonly containerMap = new Map<string, ContainerModel>();
  private readonly imageMap = new Map<string, ImageModel>();
  /** Tag → the id of the image that holds it: a tag moving finds its old holder without a scan. */
  private readonly tagHolders = new Map<string, string>();
  private readonly volumeMap = new Map<string, VolumeModel>();
  private readonly networkMap = new Map<string, NetworkModel>();
  private readonly arrays = new Map<ObjectKind, readonly AnyModel[]>();

  private generation = 0;
  private inFlight = 0;
  /** kind:id → generation of the request whose answer was last applied to it. */
  private readonly touchedAt = new Map<string, number>();
  /** kind:id → generation at which the engine said it was destroyed. */
  private readonly destroyedAt = new Map<string, number>();

  private connectionState: ConnectionState = { status: 'connecting', attempt: 1 };
  private listedContainers = false;
  private session?: Session;
  private readonly backoff: ReconnectBackoff;
  private reconnectTimer?: NodeJS.Timeout;
  /** When the engine last said anything: an event, or the answer to any of the store's reads. */
  private lastHeardAt = Date.now();
  private liveCheck?: Promise<void>;
  /** kind:id → the inspect that failed, how often it was tried since its object's last event, and when. */
  private readonly unreadable = new Map<string, { touch: Touch; tries: number; failedAt: number }>();
  private disposed = false;

  private pending = new Map<string, Touch>();
  private flushTimer?: NodeJS.Timeout;
  private flushing = false;

  private readonly listeners = new Set<(changes: StoreChange[]) => void>();
  private readonly readyPromise: Promise<void>;
  private settleReady?: { resolve: () => void; reject: (err: unknown) => void };
  private connectWaiters: { resolve: () => void; reject: (err: unknown) => void }[] = [];

  private readonly deadlineMs: number;
  private readonly livenessSilenceMs: number;
  private readonly coalesceMs: number;
  private readonly inspectConcurrency: number;
  private readonly log: (line: string) => void;

  constructor(private readonly options: StoreOptions) {
    this.deadlineMs = options.deadlineMs ?? 10_000;
    this.backoff = new ReconnectBackoff({
      initialMs: options.backoffInitialMs ?? RECONNECT_SCHEDULE.initialMs,
      maxMs: options.backoffMaxMs ?? RECONNECT_SCHEDULE.maxMs,
      stableMs: options.backoffStableMs ?? RECONNECT_SCHEDULE.stableMs,
    });
    this.livenessSilenceMs = options.livenessSilenceMs ?? LIVENESS_SILENCE_MS;
    this.coalesceMs = options.coalesceMs ?? 5;
    this.inspectConcurrency = options.inspectConcurrency ?? 16;
    this.log = options.log ?? (() => undefined);
    this.readyPromise = new Promise<void>((resolve, reject) => (this.settleReady = { resolve, reject }));
    this.readyPromise.catch(() => undefined); // the caller may never ask; the state says it too
    void this.connect();
  }

  get connection(): ConnectionState {
    return this.connectionState;
  }

  containers(): readonly ContainerModel[] { return this.arrayOf('container', this.containerMap); }
  container(id: string): ContainerModel | undefined { return this.containerMap.get(id); }
  get containersListed(): boolean { return this.listedContainers; }
  images(): readonly ImageModel[] { return this.arrayOf('image', this.imageMap); }
  image(id: string): ImageModel | undefined { return this.imageMap.get(id); }
  volumes(): readonly VolumeModel[] { return this.arrayOf('volume', this.volumeMap); }
  networks(): readonly NetworkModel[] { return this.arrayOf('network', this.networkMap); }

  onDidChange(listener: (changes: StoreChange[]) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  ready(): Promise<void> {
    return this.readyPromise;
  }

  async refresh(): Promise<void> {
    if (this.disposed) return;
    const session = this.session;
    if (session && this.connectionState.status === 'connected') {
      try {
        await this.resync(session);
      } catch (err) {
        this.sessionFailed(session, err);
        throw toWharfError(err, { action: 'refresh', endpoint: this.options.endpoint.url });
      }
      return;
    }
    // Not connected: retry now instead of waiting for the backoff timer.
    const connected = new Promise<void>((resolve, reject) => this.connectWaiters.push({ resolve, reject }));
    if (this.reconnectTimer) {
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = undefined;
      void this.connect();
    }
    await connected;
  }

  /**
   * Someone is looking: if the engine has said nothing for `livenessSilenceMs`, one /_ping checks
   * that it still answers (an idle engine is silent, so silence alone proves nothing). A ping that
   * fails ends the session, which reconnects and shows why meanwhile. Otherwise nothing is sent.
   */
  confirmLive(): Promise<void> {
    const session = this.session;
    if (this.disposed || !session || this.connectionState.status !== 'connected') return Promise.resolve();
    if (Date.now() - this.lastHeardAt < this.livenessSilenceMs) return Promise.resolve();
    this.liveCheck ??= (async () => {
      try {
        await engineRequest('check that the engine still answers', (signal) => dial<unknown>(session.docker, { path: '/_ping', method: 'GET', statusCodes: { 200: true, 500: 'server error' }, isStream: true }, signal).then((answer) => {
          (answer as Readable).resume(); // the body ("OK") is not needed, only that it came
        }), { deadlineMs: this.deadlineMs, signal: session.abort.signal });
        this.lastHeardAt = Date.now();
      } catch (err) {
        this.log(`the engine did not answer the liveness check: ${toWharfError(err).message}`);
        this.sessionFailed(session, err);
      } finally {
        this.liveCheck = undefined;
      }
    })();
    return this.liveCheck;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.flushTimer);
    this.session?.abort.abort();
    this.session = undefined;
    this.listeners.clear();
    const err = new WharfError('cancelled', 'The engine store was closed.');
    this.settleReady?.reject(err);
    for (const waiter of this.connectWaiters.splice(0)) waiter.reject(err);
  }

  // ---- connection lifecycle -------------------------------------------------------------

  private async connect(): Promise<void> {
    if (this.disposed) return;
    this.listedContainers = false;
    this.setConnection({ status: 'connecting', attempt: this.backoff.attempts + 1 });
    const abort = new AbortController();
    const endpoint = this.options.endpoint;
    const requestOptions = { deadlineMs: this.deadlineMs, signal: abort.signal };
    let session: Session | undefined;
    try {
      // /_ping names the API version at once; /version (slow on dockerd: it runs runc and
      // docker-init) is then asked alongside the lists instead of before them. An engine without
      // the header is asked /version first, as connectEngine does.
      const pinged = await pingApiVersion(endpoint, requestOptions);
      const versionAnswer = readVersion(endpoint, requestOptions);
      versionAnswer.catch(() => undefined); // awaited below; a failure meanwhile must not go unhandled
      const apiVersion = pinged ?? negotiateApiVersion((await versionAnswer).ApiVersion);
      session = { docker: createClient(endpoint, { apiVersion }), abort };
      if (this.disposed) { abort.abort(); return; }
      this.session = session;
      this.unreadable.clear(); // the new session's full load reads everything again
      // The stream first, the lists second: whatever happens during the lists is in the stream.
      await this.openEvents(session);
      const [, info, version] = await Promise.all([
        this.resync(session),
        this.get<EngineInfoAnswer>(session, '/info', 'read engine info'),
        versionAnswer,
      ]);
      if (this.session !== session) return;
      const negotiated = negotiateApiVersion(version.ApiVersion);
      if (negotiated !== apiVersion) {
        // /_ping and /version disagree (a proxy in between?): /version is the authority from now on.
        this.log(`API version ${apiVersion} from /_ping, ${negotiated} from /version: using ${negotiated}`);
        session.docker = createClient(endpoint, { apiVersion: negotiated });
      }
      session.engine = engineInfoOf(version, negotiated, endpoint);
      const defaultRuntime = info.DefaultRuntime || undefined;
      const runtimes: RuntimeInfo[] = Object.entries(info.Runtimes ?? {}).map(([name, runtime]) => ({ name, path: runtime?.path, isDefault: name === defaultRuntime }));
      this.backoff.connected();
      this.lastHeardAt = Date.now();
      this.setConnection({ status: 'connected', engine: session.engine, runtimes, defaultRuntime, labels: engineLabelsOf(info) });
      this.settleReady?.resolve();
      for (const waiter of this.connectWaiters.splice(0)) waiter.resolve();
    } catch (err) {
      if (this.disposed) return;
      this.sessionFailed(session ?? { abort } as Session, err);
    }
  }

  /** The stream ended or a request failed: drop the session, say why, retry after a backoff. */
  private sessionFailed(session: Session, err: unknown): void {
    session.abort.abort();
    if (this.disposed || session.failed || (this.session && this.session !== session)) return;
    session.failed = true;
    this.session = undefined;
    const error = toWharfError(err, { endpoint: this.options.endpoint.url });
    this.log(`engine session ended: ${error.code}: ${error.message}`);
    const delay = this.backoff.nextDelayMs();
    const diagnosis = diagnoseUnreachable({ error, endpoint: this.options.endpoint });
    this.setConnection({ status: 'unreachable', code: error.code, message: error.message, hint: error.hint, retryAt: Date.now() + delay, diagnosis });
    this.settleReady?.reject(error);
    for (const waiter of this.connectWaiters.splice(0)) waiter.reject(error);
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.connect();
    }, delay);
  }

  private async openEvents(session: Session): Promise<void> {
    const stream = await engineRequest('events', (signal) => dial<Readable>(session.docker, {
      path: '/events?',
      method: 'GET',
      statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' },
      query: { filters: { type: ['container', 'image', 'volume', 'network'] } },
      isStream: true,
    }, signal), { deadlineMs: this.deadlineMs, signal: session.abort.signal });
    session.stream = stream;
    // A remote engine that vanishes without closing the connection (a dropped VPN, a suspended
    // host) would leave this TCP stream open and silent for ever: keepalive probes let the OS
    // notice and end it, which starts the reconnect. A no-op on unix sockets and pipes.
    (stream as Readable & { socket?: { setKeepAlive?(enable: boolean, initialDelayMs: number): unknown } }).socket?.setKeepAlive?.(true, 30_000);
    const splitter = new JsonLineSplitter((event) => {
      if (this.session !== session) return;
      for (const touch of touchesOf(event)) this.enqueue(touch);
    }, (line) => this.log(`unreadable event: ${line.slice(0, 200)}`));
    stream.on('data', (chunk: Buffer) => {
      this.lastHeardAt = Date.now();
      splitter.push(chunk);
    });
    const ended = (err?: unknown): void => {
      splitter.end();
      if (this.session === session) this.sessionFailed(session, err ?? Object.assign(new Error('The engine closed the event stream.'), { code: 'ECONNRESET' }));
    };
    stream.once('end', () => ended());
    stream.once('close', () => ended());
    stream.once('error', (err) => ended(err));
  }

  private setConnection(state: ConnectionState): void {
    this.connectionState = state;
    this.emit([{ kind: 'connection', added: [], updated: [], removed: [] }]);
  }

  // ---- events → coalesced batches -------------------------------------------------------

  private enqueue(touch: Touch): void {
    const key = `${touch.kind}:${touch.id}`;
    if (touch.op === 'destroy') this.destroyedAt.set(key, ++this.generation);
    this.unreadable.delete(key);
    // The last word on an object wins: create+destroy in one burst is just destroy.
    this.pending.delete(key);
    this.pending.set(key, touch);
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushTimer || this.flushing || this.pending.size === 0) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      void this.flush();
    }, this.coalesceMs);
  }

  private async flush(): Promise<void> {
    const session = this.session;
    if (!session || this.disposed) return;
    this.flushing = true;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    // Reads that failed before ride along with this batch, a few times at most: an object whose
    // every inspect fails must not add a request to every future batch.
    const retries = [...this.unreadable.entries()].filter(([key, entry]) => entry.tries <= UNREADABLE_RETRIES && !batch.some((t) => `${t.kind}:${t.id}` === key));
    const changes = new ChangeSet();
    for (const touch of batch) if (touch.op === 'destroy') this.remove(touch.kind, touch.id, changes);
    const inspects = [...batch.filter((touch) => touch.op === 'inspect'), ...retries.map(([, entry]) => entry.touch)];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < inspects.length) {
        const touch = inspects[next++];
        await this.reread(session, touch, changes).catch((err: unknown) => this.unreadableObject(session, touch, err));
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.inspectConcurrency, inspects.length) }, worker));
    this.flushing = false;
    this.emit(changes.toList());
    this.scheduleFlush();
  }

  /**
   * One object's read failed while the session lives on: the object keeps what the store knew,
   * and the read is tried again with the next batch. (When the engine itself is gone, the event
   * stream ends too, and that ends the session.)
   */
  private unreadableObject(session: Session, touch: Touch, err: unknown): void {
    if (this.session !== session || this.disposed) return;
    const key = `${touch.kind}:${touch.id}`;
    const error = toWharfError(err);
    const tries = (this.unreadable.get(key)?.tries ?? 0) + 1;
    this.unreadable.set(key, { touch, tries, failedAt: ++this.generation });
    this.log(`could not read ${touch.kind} ${touch.id} (try ${tries}): ${error.code}: ${error.message}`);
  }

  /** Inspects one object; applies the answer unless the object was destroyed after we asked. */
  private reread(session: Session, touch: Touch, changes: ChangeSet): Promise<void> {
    return this.ordered(() => this.rereadNow(session, touch, changes));
  }

  private async rereadNow(session: Session, touch: Touch, changes: ChangeSet): Promise<void> {
    const askedAt = ++this.generation;
    const answer = await this.inspect(session, touch);
    if (this.session !== session) return;
    this.unreadable.delete(`${touch.kind}:${touch.id}`);
    if (answer === NOT_FOUND) {
      // Gone already; its destroy event may be on its way (or was coalesced away).
      if (touch.kind !== 'image' || this.imageMap.has(touch.id)) this.remove(touch.kind, touch.id, changes);
      return;
    }
    const id = touch.kind === 'volume' ? (answer as VolumeModel).name : (answer as { id: string }).id;
    const key = `${touch.kind}:${id}`;
    if ((this.destroyedAt.get(key) ?? -1) > askedAt) return; // the late answer of a destroyed object
    this.touchedAt.set(key, askedAt);
    this.put(touch.kind, answer, changes);
  }

  private async inspect(session: Session, touch: Touch): Promise<AnyModel | typeof NOT_FOUND> {
    const read = async <M>(path: string, what: string, model: (answer: never) => M): Promise<M> => readAs(what, await this.get<unknown>(session, path, what), isObject, `it does not describe a ${touch.kind}`, model);
    try {
      switch (touch.kind) {
        case 'container':
          return await read(`/containers/${touch.id}/json`, 'inspect a container', containerFromInspect);
        case 'image': {
          const known = this.imageMap.get(touch.id)?.containers ?? -1;
          return await read(`/images/${touch.id}/json`, 'inspect an image', (answer) => imageFromInspect(answer, known));
        }
        case 'volume':
          return await read(`/volumes/${touch.id}`, 'inspect a volume', volumeFrom);
        case 'network':
          return await read(`/networks/${touch.id}`, 'inspect a network', networkFrom);
      }
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) return NOT_FOUND;
      throw err;
    }
  }

  private async get<T>(session: Session, path: string, what: string, query?: Record<string, unknown>): Promise<T> {
    const answer = await engineRequest(what, (signal) => dial<T>(session.docker, { path, method: 'GET', statusCodes: { 200: true, 404: 'not found', 500: 'server error' }, query }, signal, what), {
      deadlineMs: this.deadlineMs,
      signal: session.abort.signal,
    });
    this.lastHeardAt = Date.now();
    return answer;
  }

  /** Runs a read whose answer is applied with the ordering marks, counting it as in flight. */
  private async ordered<T>(work: () => Promise<T>): Promise<T> {
    this.inFlight += 1;
    try {
      return await work();
    } finally {
      // With nothing in flight no answer can be late, so the ordering marks can go.
      if (--this.inFlight === 0) {
        this.touchedAt.clear();
        this.destroyedAt.clear();
      }
    }
  }

  // ---- full resync ----------------------------------------------------------------------

  private resync(session: Session): Promise<void> {
    return this.ordered(() => this.resyncNow(session));
  }

  private async resyncNow(session: Session): Promise<void> {
    const listedAt = ++this.generation;
    const others = Promise.all([
      this.get<unknown>(session, '/images/json', 'list images'),
      this.get<unknown>(session, '/volumes', 'list volumes'),
      this.get<unknown>(session, '/networks', 'list networks'),
    ]);
    others.catch(() => undefined); // awaited below; a failure meanwhile must not go unhandled
    const containers = await this.get<unknown>(session, '/containers/json?', 'list containers', { all: true });
    if (this.session !== session) return;
    // Each list is read whole before it is merged: an answer that cannot be read changes nothing of its kind.
    // `null` is how a Go engine encodes an empty list it never allocated: nothing, not a fault.
    const rows = <M>(what: string, answer: unknown, model: (row: never) => M): M[] => readAs(what, answer ?? [], isListOfObjects, 'it is not a list of objects', (list: never[]) => list.map(model));
    const now = Date.now();
    const listedContainers = rows('list containers', containers, (row) => containerFromSummary(row, now));
    // The containers go out first: they are the first rows, and the other lists must not hold them back.
    const first = new ChangeSet();
    this.merge('container', listedContainers.map((model) => this.withKnownTimes(model)), listedAt, first);
    this.listedContainers = true;
    this.emit(first.toList());
    const [images, volumes, networks] = await others;
    if (this.session !== session) return;
    const listed = {
      image: rows('list images', images, imageFromSummary),
      // Podman answers `"Volumes": null` when there are none.
      volume: rows('list volumes', readAs('list volumes', volumes, isObject, 'it is not an object', (answer: { Volumes?: unknown }) => answer.Volumes ?? []), volumeFrom),
      network: rows('list networks', networks, networkFrom),
    };
    // A full list is as fresh as any inspect asked before it: those reads need no retry.
    for (const [key, entry] of this.unreadable) if (entry.failedAt < listedAt) this.unreadable.delete(key);
    const changes = new ChangeSet();
    this.merge('image', listed.image, listedAt, changes);
    this.merge('volume', listed.volume, listedAt, changes);
    this.merge('network', listed.network, listedAt, changes);
    this.emit(changes.toList());
  }

  /**
   * The list has only estimated times; keep the ones we already know (exact, or an earlier
   * estimate) while they agree with the estimate, so a resync does not churn every row. The
   * creation time an inspect gave (exact) is kept while the list's whole second agrees with it,
   * for the same reason (views order by the whole second, so either precision sorts alike).
   */
  private withKnownTimes(listed: ContainerModel): ContainerModel {
    const known = this.containerMap.get(listed.id);
    if (!known) return listed;
    const fresh = known.createdAt !== listed.createdAt && Math.floor(known.createdAt / 1000) * 1000 === listed.createdAt ? { ...listed, createdAt: known.createdAt } : listed;
    if (known.state !== fresh.state || known.exitCode !== fresh.exitCode) return fresh;
    const tolerance = (fresh.timesToleranceMs ?? 0) + 2000;
    const close = (a?: number, b?: number): boolean => a === b || (a !== undefined && b !== undefined && Math.abs(a - b) <= tolerance);
    if (!close(known.startedAt, fresh.startedAt) || !close(known.finishedAt, fresh.finishedAt)) return fresh;
    const merged: ContainerModel = { ...fresh };
    for (const key of ['startedAt', 'finishedAt', 'timesApproximate', 'timesToleranceMs'] as const) {
      if (known[key] === undefined) delete merged[key]; else (merged as unknown as Record<string, unknown>)[key] = known[key];
    }
    return merged;
  }

  private merge(kind: ObjectKind, listed: AnyModel[], listedAt: number, changes: ChangeSet): void {
    const map = this.mapOf(kind);
    const seen = new Set<string>();
    for (const model of listed) {
      const id = idOf(kind, model);
      seen.add(id);
      const key = `${kind}:${id}`;
      if ((this.destroyedAt.get(key) ?? -1) > listedAt) continue; // destroyed while we listed
      if ((this.touchedAt.get(key) ?? -1) > listedAt) continue; // an event's answer is fresher
      this.put(kind, model, changes);
    }
    for (const id of [...map.keys()]) {
      if (seen.has(id)) continue;
      if ((this.touchedAt.get(`${kind}:${id}`) ?? -1) > listedAt) continue; // created while we listed
      this.remove(kind, id, changes);
    }
  }

  // ---- the maps -------------------------------------------------------------------------

  private put(kind: ObjectKind, model: AnyModel, changes: ChangeSet): void {
    const map = this.mapOf(kind);
    const id = idOf(kind, model);
    const existing = map.get(id);
    if (existing && isDeepStrictEqual(existing, model)) return; // identity kept: nothing changed
    if (kind === 'image') this.releaseTags(model as ImageModel, existing as ImageModel | undefined, changes);
    map.set(id, model);
    this.arrays.delete(kind);
    if (existing) changes.updated(kind, id); else changes.added(kind, id);
  }

  /**
   * A tag names one image: when it moves (pull, tag), the old holder loses it without an event.
   * Looked up by tag, so a first load of n images costs O(n), not a scan of all images per image.
   */
  private releaseTags(image: ImageModel, existing: ImageModel | undefined, changes: ChangeSet): void {
    for (const tag of existing?.repoTags ?? []) if (this.tagHolders.get(tag) === image.id) this.tagHolders.delete(tag);
    const moved = new Map<string, Set<string>>();
    for (const tag of image.repoTags) {
      const holder = this.tagHolders.get(tag);
      if (holder !== undefined && holder !== image.id) {
        let tags = moved.get(holder);
        if (!tags) moved.set(holder, tags = new Set());
        tags.add(tag);
      }
      this.tagHolders.set(tag, image.id);
    }
    for (const [holder, tags] of moved) {
      const other = this.imageMap.get(holder);
      if (!other) continue;
      this.imageMap.set(holder, { ...other, repoTags: other.repoTags.filter((tag) => !tags.has(tag)) });
      this.arrays.delete('image');
      changes.updated('image', holder);
    }
  }

  private remove(kind: ObjectKind, id: string, changes: ChangeSet): void {
    const map = this.mapOf(kind);
    if (kind === 'image') for (const tag of (map.get(id) as ImageModel | undefined)?.repoTags ?? []) if (this.tagHolders.get(tag) === id) this.tagHolders.delete(tag);
    if (!map.delete(id)) return;
    this.touchedAt.delete(`${kind}:${id}`);
    this.arrays.delete(kind);
    changes.removed(kind, id);
  }

  private mapOf(kind: ObjectKind): Map<string, AnyModel> {
    switch (kind) {
      case 'container': return this.containerMap as Map<string, AnyModel>;
      case 'image': return this.imageMap as Map<string, AnyModel>;
      case 'volume': return this.volumeMap as Map<string, AnyModel>;
      case 'network': return this.networkMap as Map<string, AnyModel>;
    }
  }

  private arrayOf<T extends AnyModel>(kind: ObjectKind, map: Map<string, T>): readonly T[] {
    let array = this.arrays.get(kind);
    if (!array) this.arrays.set(kind, (array = Object.freeze([...map.values()])));
    return array as readonly T[];
  }

  private emit(changes: StoreChange[]): void {
    if (changes.length === 0) return;
    for (const listener of [...this.listeners]) {
      try {
        listener(changes);
      } catch (err) {
        this.log(`store listener failed: ${String(err)}`);
      }
    }
  }
}

/** Silence after which confirmLive() asks the engine (an idle engine may be silent for hours). */
const LIVENESS_SILENCE_MS = 30_000;
/** How many later batches a failed read rides along with before it waits for its own object's event. */
const UNREADABLE_RETRIES = 3;

function isObject(answer: unknown): boolean {
  return typeof answer === 'object' && answer !== null && !Array.isArray(answer);
}

function isListOfObjects(answer: unknown): boolean {
  return Array.isArray(answer) && answer.every(isObject);
}

/**
 * Turns one answer into models, or fails with a typed `malformedAnswer`: JSON of the wrong shape,
 * or fields the model cannot be built from, is named as the engine's fault rather than surfacing
 * as a TypeError from deep inside normalize.ts.
 */
function readAs<A, M>(what: string, answer: unknown, shaped: (answer: unknown) => boolean, problem: string, model: (answer: A) => M): M {
  if (!shaped(answer)) throw malformedAnswer(what, problem, JSON.stringify(answer));
  try {
    return model(answer as A);
  } catch (err) {
    throw malformedAnswer(what, `it could not be read (${err instanceof Error ? err.message : String(err)})`, JSON.stringify(answer));
  }
}

function idOf(kind: ObjectKind, model: AnyModel): string {
  return kind === 'volume' ? (model as VolumeModel).name : (model as { id: string }).id;
}

/** Opens the live model of the engine at `endpoint`; it connects (and keeps reconnecting) by itself. */
export function createEngineStore(options: StoreOptions): DockerEngineStore {
  return new DockerEngineStore(options);
}
