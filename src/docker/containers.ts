// Container operations, one function each, every one a single deadline-bounded engine request
// (streams: bounded until the engine answers, then owned by the caller's signal or handle).
// Destructive defaults follow the user's model: nothing is forced and no volume is removed
// unless the caller asks.
import type Docker from 'dockerode';
import type { Duplex } from 'node:stream';
import { pullImage, type PullOptions } from './images';
import { engineRequest, type RequestOptions } from './request';
import { toCreateOptions, type RunSpec } from './runOptions';
import { demux, demuxBuffer, type OutputStream } from './streams';
import { isNoSuchImage } from './engineErrors';

export type { RunSpec } from './runOptions';

export interface RunOptions extends RequestOptions {
  /** Progress of the pull that `run` starts when the image is not local. */
  onPullProgress?: PullOptions['onProgress'];
  /** Credentials lookup options for that pull. */
  auth?: PullOptions['auth'];
}

export interface RunResult {
  id: string;
  /** True when the image had to be pulled first. */
  pulled: boolean;
}

/**
 * `docker run`: always a fresh container (create + start). An image that is not local is pulled
 * first, with progress; a container that was created but failed to start is left for the user
 * to inspect, as the CLI does.
 */
export async function runContainer(docker: Docker, spec: RunSpec, options: RunOptions = {}): Promise<RunResult> {
  const create = (): Promise<Docker.Container> =>
    engineRequest(`create container from ${spec.image}`, (abortSignal) => docker.createContainer({ ...toCreateOptions(spec), abortSignal }), options);
  let pulled = false;
  let container: Docker.Container;
  try {
    container = await create();
  } catch (err) {
    if (!isNoSuchImage(err)) throw err;
    await pullImage(docker, spec.image, { onProgress: options.onPullProgress, signal: options.signal, auth: options.auth, deadlineMs: options.deadlineMs });
    pulled = true;
    container = await create();
  }
  await engineRequest(`start container ${container.id}`, (abortSignal) => container.start({ abortSignal }), options);
  return { id: container.id, pulled };
}

/** Create without starting (docker create). */
export async function createContainer(docker: Docker, spec: RunSpec, options: RequestOptions = {}): Promise<string> {
  const container = await engineRequest(`create container from ${spec.image}`, (abortSignal) => docker.createContainer({ ...toCreateOptions(spec), abortSignal }), options);
  return container.id;
}

/** Starts an existing container; a stopped one keeps its filesystem and configuration. */
export async function startContainer(docker: Docker, id: string, options: RequestOptions = {}): Promise<void> {
  await engineRequest(`start container ${id}`, (abortSignal) => docker.getContainer(id).start({ abortSignal }), options);
}

/** What the engine waits when neither the caller nor the container sets a stop timeout. */
const ENGINE_DEFAULT_STOP_SECONDS = 10;
/** A container with StopTimeout -1 is waited for without limit; Wharf still gives up after this. */
const UNLIMITED_STOP_CAP_SECONDS = 600;

/** `t` only when given: the engine then uses the container's own StopTimeout (10 s by default). */
function grace(timeoutSeconds: number | undefined): { t?: number } {
  return timeoutSeconds === undefined ? {} : { t: timeoutSeconds };
}

/**
 * The grace period the engine will wait before it kills: the caller's timeout, else the
 * container's own StopTimeout (`docker run --stop-timeout`), else the engine's 10 s.
 */
export function stopGraceSeconds(timeoutSeconds: number | undefined, containerStopTimeout: number | undefined | null): number {
  const seconds = timeoutSeconds ?? containerStopTimeout ?? ENGINE_DEFAULT_STOP_SECONDS;
  return seconds < 0 ? UNLIMITED_STOP_CAP_SECONDS : seconds;
}

/**
 * The deadline must outlast the grace period, or Wharf would give up before the engine does.
 * Without a caller's timeout the container's own StopTimeout decides, so it is read first (one
 * inspect; if that fails the stop itself reports why).
 */
async function graceDeadline(docker: Docker, id: string, options: RequestOptions, timeoutSeconds: number | undefined): Promise<RequestOptions> {
  let own: number | undefined;
  if (timeoutSeconds === undefined) {
    // Its own default deadline: the caller's deadlineMs is for the stop beyond the grace period.
    own = await inspectContainer(docker, id, { signal: options.signal }).then((info) => (info.Config as { StopTimeout?: number } | undefined)?.StopTimeout, () => undefined);
  }
  return { ...options, deadlineMs: (options.deadlineMs ?? 30_000) + stopGraceSeconds(timeoutSeconds, own) * 1000 };
}

export async function stopContainer(docker: Docker, id: string, options: RequestOptions & { timeoutSeconds?: number } = {}): Promise<void> {
  const deadline = await graceDeadline(docker, id, options, options.timeoutSeconds);
  await engineRequest(`stop container ${id}`, (abortSignal) => docker.getContainer(id).stop({ ...grace(options.timeoutSeconds), abortSignal }), deadline);
}

export async function restartContainer(docker: Docker, id: string, options: RequestOptions & { timeoutSeconds?: number } = {}): Promise<void> {
  const deadline = await graceDeadline(docker, id, options, options.timeoutSeconds);
  await engineRequest(`restart container ${id}`, (abortSignal) => docker.getContainer(id).restart({ ...grace(options.timeoutSeconds), abortSignal }), deadline);
}

export async function killContainer(docker: Docker, id: string, options: RequestOptions & { killSignal?: string } = {}): Promise<void> {
  await engineRequest(`kill container ${id}`, (abortSignal) => docker.getContainer(id).kill({ signal: options.killSignal ?? 'SIGKILL', abortSignal }), options);
}

export async function pauseContainer(docker: Docker, id: string, options: RequestOptions = {}): Promise<void> {
  await engineRequest(`pause container ${id}`, (abortSignal) => docker.getContainer(id).pause({ abortSignal }), options);
}

export async function unpauseContainer(docker: Docker, id: string, options: RequestOptions = {}): Promise<void> {
  await engineRequest(`unpause container ${id}`, (abortSignal) => docker.getContainer(id).unpause({ abortSignal }), options);
}

export interface RemoveContainerOptions extends RequestOptions {
  /** Kill a running container first. Default false: removing a running container fails. */
  force?: boolean;
  /** Also remove its anonymous volumes. Default false: data in volumes survives. */
  removeVolumes?: boolean;
}

export async function removeContainer(docker: Docker, id: string, options: RemoveContainerOptions = {}): Promise<void> {
  await engineRequest(`remove container ${id}`, (abortSignal) => docker.getContainer(id).remove({ force: options.force ?? false, v: options.removeVolumes ?? false, abortSignal }), options);
}

export async function renameContainer(docker: Docker, id: string, newName: string, options: RequestOptions = {}): Promise<void> {
  await engineRequest(`rename container ${id}`, (abortSignal) => docker.getContainer(id).rename({ name: newName, abortSignal }), options);
}

export function inspectContainer(docker: Docker, id: string, options: RequestOptions = {}): Promise<Docker.ContainerInspectInfo> {
  return engineRequest(`inspect container ${id}`, (abortSignal) => docker.getContainer(id).inspect({ abortSignal }), options);
}

export interface LogOptions extends RequestOptions {
  follow?: boolean;
  /** Number of lines from the end, or 'all'. */
  tail?: number | 'all';
  /** Epoch seconds, a Date (millisecond precision is kept), or the engine's own "seconds.nanoseconds" (engineTimestampOf). */
  since?: number | Date | string;
  timestamps?: boolean;
}

/** A following log or stats stream; dispose() closes it. */
export interface StreamHandle {
  /** Settles when the stream ends (container stopped, disposed, or failed). */
  readonly done: Promise<void>;
  /**
   * Flow control for a reader that is behind: stops reading from the engine until resume(). The
   * engine keeps what follows (a log follow reads from the log file; a container never blocks on it).
   */
  pause(): void;
  resume(): void;
  dispose(): void;
}

/**
 * Container logs, stdout and stderr told apart (the engine multiplexes them unless the container
 * has a TTY, where there is only one stream and everything is stdout). Without `follow` resolves
 * once all output is delivered; with `follow` returns a handle that streams until disposed.
 */
export async function containerLogs(docker: Docker, id: string, onChunk: (stream: OutputStream, data: Buffer) => void, options: LogOptions = {}): Promise<StreamHandle> {
  const info = await inspectContainer(docker, id, options);
  const container = docker.getContainer(id);
  const since = options.since instanceof Date ? engineTimestamp(options.since) : options.since;
  // Unset options are left out, not sent empty: Podman rejects `since=`. The engine's default
  // tail is everything.
  const base = { stdout: true, stderr: true, timestamps: options.timestamps ?? false,
    ...(options.tail !== undefined && options.tail !== 'all' ? { tail: options.tail } : {}),
    ...(since !== undefined ? { since } : {}) };
  if (!options.follow) {
    const payload = await engineRequest(`read the logs of ${id}`, (abortSignal) => container.logs({ ...base, follow: false, abortSignal }), options);
    const buffer = Buffer.isBuffer(payload) ? payload : Buffer.from(String(payload));
    if (info.Config.Tty) onChunk('stdout', buffer);
    else await demuxBuffer(docker, buffer, onChunk);
    return { done: Promise.resolve(), pause: () => undefined, resume: () => undefined, dispose: () => undefined };
  }
  const closer = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, closer.signal]) : closer.signal;
  const stream = await engineRequest(`follow the logs of ${id}`, (abortSignal) => container.logs({ ...base, follow: true, abortSignal }), { ...options, signal });
  if (info.Config.Tty) stream.on('data', (data: Buffer) => onChunk('stdout', data));
  else demux(docker, stream, onChunk);
  return streamHandle(stream, closer);
}

/**
 * An engine RFC 3339 time ("2026-12-06T15:20:01.123456789Z", as in State.FinishedAt) as
 * "seconds.nanoseconds", keeping every digit: a Date would cut it to milliseconds, and a `since`
 * up to a millisecond early lets through lines written in that millisecond. Undefined when the
 * text is not such a time.
 */
export function engineTimestampOf(rfc3339: string): string | undefined {
  const match = /^([^.]+?)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(rfc3339);
  if (!match) return undefined;
  const ms = Date.parse(`${match[1]}${match[3]}`);
  if (Number.isNaN(ms) || ms % 1000 !== 0) return undefined;
  return `${ms / 1000}.${(match[2] ?? '').padEnd(9, '0')}`;
}

/** "seconds.nanoseconds", the engine's timestamp form: the nanoseconds must be all 9 digits. */
export function engineTimestamp(date: Date): string {
  const ms = date.getTime();
  return `${Math.floor(ms / 1000)}.${String((ms % 1000) * 1_000_000).padStart(9, '0')}`;
}

function streamHandle(stream: NodeJS.ReadableStream, closer: AbortController): StreamHandle {
  const done = new Promise<void>((resolve) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    // An aborted request ends in an error; for the owner that is just "closed".
    stream.on('error', () => resolve());
  });
  return {
    done,
    pause: () => stream.pause(),
    resume: () => stream.resume(),
    dispose: () => {
      closer.abort();
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
    },
  };
}

export interface StatsSummary {
  cpuPercent: number;
  memoryUsage: number;
  memoryLimit: number;
  memoryPercent: number;
  networkRx: number;
  networkTx: number;
  blockRead: number;
  blockWrite: number;
  pids: number;
  /** Epoch ms the engine read the numbers. */
  readAt: number;
}

/** The numbers the CLI's `docker stats` shows, computed the same way from one stats sample. */
export function summarizeStats(raw: Docker.ContainerStats): StatsSummary {
  const cpuDelta = raw.cpu_stats.cpu_usage.total_usage - (raw.precpu_stats?.cpu_usage?.total_usage ?? 0);
  const systemDelta = (raw.cpu_stats.system_cpu_usage ?? 0) - (raw.precpu_stats?.system_cpu_usage ?? 0);
  const cpus = raw.cpu_stats.online_cpus || raw.cpu_stats.cpu_usage.percpu_usage?.length || 1;
  const cpuPercent = cpuDelta > 0 && systemDelta > 0 ? (cpuDelta / systemDelta) * cpus * 100 : 0;
  // Like the CLI, page cache the kernel can drop is not counted as used memory.
  const stats = (raw.memory_stats.stats ?? {}) as unknown as Record<string, number | undefined>;
  const cache = stats.total_inactive_file ?? stats.inactive_file ?? 0;
  const memoryUsage = Math.max(0, (raw.memory_stats.usage ?? 0) - cache);
  const memoryLimit = raw.memory_stats.limit ?? 0;
  let networkRx = 0;
  let networkTx = 0;
  for (const net of Object.values(raw.networks ?? {})) {
    networkRx += net.rx_bytes;
    networkTx += net.tx_bytes;
  }
  let blockRead = 0;
  let blockWrite = 0;
  for (const entry of raw.blkio_stats?.io_service_bytes_recursive ?? []) {
    if (/^read$/i.test(entry.op)) blockRead += entry.value;
    if (/^write$/i.test(entry.op)) blockWrite += entry.value;
  }
  return {
    cpuPercent,
    memoryUsage,
    memoryLimit,
    memoryPercent: memoryLimit ? (memoryUsage / memoryLimit) * 100 : 0,
    networkRx,
    networkTx,
    blockRead,
    blockWrite,
    pids: raw.pids_stats?.current ?? 0,
    readAt: Date.parse(raw.read) || Date.now(),
  };
}

/** One stats sample (the engine waits for a second sample to compute CPU use: ~1-2 s). */
export async function containerStats(docker: Docker, id: string, options: RequestOptions = {}): Promise<StatsSummary> {
  const raw = await engineRequest(`read the stats of ${id}`, (abortSignal) => docker.getContainer(id).stats({ stream: false, abortSignal } as { stream: false }), options);
  return summarizeStats(raw);
}

/** Stats every second until disposed or the container stops. */
export async function streamContainerStats(docker: Docker, id: string, onSample: (sample: StatsSummary) => void, options: RequestOptions = {}): Promise<StreamHandle> {
  const closer = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, closer.signal]) : closer.signal;
  const stream = await engineRequest(`stream the stats of ${id}`, (abortSignal) => docker.getContainer(id).stats({ stream: true, abortSignal } as { stream: true }), { ...options, signal });
  let pending = '';
  stream.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line.trim()) onSample(summarizeStats(JSON.parse(line) as Docker.ContainerStats));
    }
  });
  return streamHandle(stream, closer);
}

export interface ProcessList {
  titles: string[];
  processes: string[][];
}

export async function containerTop(docker: Docker, id: string, options: RequestOptions & { psArgs?: string } = {}): Promise<ProcessList> {
  const top = await engineRequest(`list the processes of ${id}`, (abortSignal) => docker.getContainer(id).top({ ...(options.psArgs ? { ps_args: options.psArgs } : {}), abortSignal }), options);
  return { titles: top.Titles, processes: top.Processes };
}

export interface ExecSpec {
  command: string[];
  env?: Record<string, string>;
  user?: string;
  workingDir?: string;
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

function execCreateOptions(spec: ExecSpec, tty: boolean): Docker.ExecCreateOptions {
  return {
    Cmd: spec.command,
    Env: spec.env ? Object.entries(spec.env).map(([k, v]) => `${k}=${v}`) : undefined,
    User: spec.user,
    WorkingDir: spec.workingDir,
    AttachStdin: tty,
    AttachStdout: true,
    AttachStderr: true,
    Tty: tty,
  };
}

/** Runs a command in a running container without a TTY and collects its output and exit code. */
export async function execCollect(docker: Docker, id: string, spec: ExecSpec, options: RequestOptions = {}): Promise<ExecResult> {
  const exec = await engineRequest(`create an exec in ${id}`, (abortSignal) => docker.getContainer(id).exec({ ...execCreateOptions(spec, false), abortSignal }), options);
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  // The whole run is bounded by the deadline, not just the answer: a collected exec is meant to finish.
  return engineRequest(`run ${spec.command[0]} in ${id}`, async (abortSignal) => {
    const stream = await exec.start({ hijack: true, stdin: false, abortSignal });
    await new Promise<void>((resolve, reject) => {
      demux(docker, stream, (which, data) => (which === 'stdout' ? out : err).push(data));
      stream.on('end', resolve);
      stream.on('close', resolve);
      stream.on('error', reject);
      abortSignal.addEventListener('abort', () => { stream.destroy(); reject(abortSignal.reason); }, { once: true });
    });
    const info = await exec.inspect({ abortSignal });
    return { exitCode: info.ExitCode ?? -1, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
  }, options);
}

/** An interactive shell session: a raw duplex (TTY) stream plus resize, owned by the caller. */
export interface ExecSession {
  /** Write keystrokes, read the terminal's output (one stream: a TTY merges stdout and stderr). */
  readonly stream: Duplex;
  resize(columns: number, rows: number): Promise<void>;
  /** Resolves with the command's exit code once the stream has closed. */
  exitCode(): Promise<number>;
  dispose(): void;
}

export async function execInteractive(docker: Docker, id: string, spec: ExecSpec & { columns?: number; rows?: number }, options: RequestOptions = {}): Promise<ExecSession> {
  const exec = await engineRequest(`create an exec in ${id}`, (abortSignal) => docker.getContainer(id).exec({ ...execCreateOptions(spec, true), abortSignal }), options);
  const stream = (await engineRequest(`attach to the exec in ${id}`, (abortSignal) =>
    exec.start({ hijack: true, stdin: true, Tty: true, abortSignal, ...(spec.columns && spec.rows ? { ConsoleSize: [spec.rows, spec.columns] } : {}) } as Docker.ExecStartOptions), options)) as Duplex;
  const closed = new Promise<void>((resolve) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', () => resolve());
  });
  return {
    stream,
    resize: (columns, rows) => engineRequest(`resize the terminal in ${id}`, (abortSignal) => exec.resize({ w: columns, h: rows, abortSignal }) as Promise<unknown>, options).then(() => undefined),
    exitCode: async () => {
      await closed;
      const info = await engineRequest(`inspect the exec in ${id}`, (abortSignal) => exec.inspect({ abortSignal }), options);
      return info.ExitCode ?? -1;
    },
    dispose: () => stream.destroy(),
  };
}

/** For the list calls: only objects with these labels ("key" or "key=value"): a compose project, a test run. */
export interface PruneOptions extends RequestOptions {
  labels?: string[];
}

/** The engine's `label` filter, when the caller scoped the list. */
export function labelFilter(options: PruneOptions): { label?: string[] } {
  return options.labels?.length ? { label: options.labels } : {};
}
