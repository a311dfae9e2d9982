// A project's logs as one stream through the engine API: every container's lines, each tagged
// with its service and container, the backlog merged in time order, then followed. Each line is
// read with the engine's timestamp, which orders the backlog and keeps the follow from repeating
// a line the backlog already gave.
import type Docker from 'dockerode';
import { containerLogs, type StreamHandle } from './containers';
import { OutputDecoder, type OutputStream } from './streams';

export interface LogSource {
  id: string;
  /** The prefix shown before each line: the service, or service and replica ("web-2"). */
  label: string;
  service: string;
}

export interface ProjectLogLine {
  source: LogSource;
  stream: OutputStream;
  /** Without its line ending. */
  text: string;
  /** Engine time, "seconds.nanoseconds" as a comparable pair. */
  time: [number, number];
}

/** "2026-12-06T13:00:00.123456789Z text" → its time and the text; lines without a stamp get time 0. */
export function splitTimestamp(line: string): { time: [number, number]; text: string } {
  const space = line.indexOf(' ');
  const stamp = space > 0 ? line.slice(0, space) : '';
  const dot = stamp.indexOf('.');
  const whole = Date.parse(dot > 0 ? `${stamp.slice(0, dot)}Z` : stamp);
  if (!stamp.endsWith('Z') || Number.isNaN(whole)) return { time: [0, 0], text: line };
  const fraction = dot > 0 ? stamp.slice(dot + 1, -1) : '';
  return { time: [whole / 1000, Number(fraction.padEnd(9, '0').slice(0, 9))], text: line.slice(space + 1) };
}

function compareTime(a: [number, number], b: [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}

/** Splits decoded text into whole lines per output, keeping the unfinished rest for the next chunk. */
class LineSplitter {
  private readonly rest: Record<OutputStream, string> = { stdout: '', stderr: '' };
  private readonly decoder = new OutputDecoder((stream, text) => this.take(stream, text));
  constructor(private readonly onLine: (stream: OutputStream, line: string) => void) {}
  push(stream: OutputStream, data: Buffer): void { this.decoder.push(stream, data); }
  end(): void {
    this.decoder.end();
    for (const stream of ['stdout', 'stderr'] as const) if (this.rest[stream]) { this.onLine(stream, this.rest[stream]); this.rest[stream] = ''; }
  }
  private take(stream: OutputStream, text: string): void {
    const lines = (this.rest[stream] + text).split('\n');
    this.rest[stream] = lines.pop() ?? '';
    for (const line of lines) this.onLine(stream, line.replace(/\r$/, ''));
  }
}

export interface ProjectLogsOptions {
  /** Lines of backlog per container (default 100), or 'all'. */
  tail?: number | 'all';
  follow?: boolean;
}

/**
 * Follows the logs of a project's containers. A follow ends when its container stops; sync() with
 * the project's containers (on every store change) follows again those that run and are not
 * followed, from the last line already given, so restarts and scale-ups join the stream.
 */
export class ProjectLogs {
  private readonly handles = new Map<string, StreamHandle>();
  /** Containers followed or being opened. */
  private readonly following = new Set<string>();
  /** The time of the last line given per container: a new follow starts after it. */
  private readonly lastSeen = new Map<string, [number, number]>();
  private disposed = false;

  constructor(private readonly docker: Docker, private readonly onLine: (line: ProjectLogLine) => void, private readonly options: ProjectLogsOptions = {}) {}

  /** Gives the backlog of `sources` merged in time order, then (with follow) follows each. */
  async start(sources: LogSource[]): Promise<void> {
    const backlog: ProjectLogLine[] = [];
    await Promise.all(sources.map(async (source) => {
      const splitter = new LineSplitter((stream, raw) => {
        const { time, text } = splitTimestamp(raw);
        backlog.push({ source, stream, text, time });
      });
      try {
        await containerLogs(this.docker, source.id, (stream, data) => splitter.push(stream, data), { tail: this.options.tail ?? 100, timestamps: true });
      } catch { /* a container removed meanwhile has no backlog to give */ }
      splitter.end();
    }));
    // A stable sort: lines with the same time keep each container's own order.
    backlog.sort((a, b) => compareTime(a.time, b.time));
    for (const line of backlog) this.give(line);
    if (this.options.follow) await this.sync(sources);
  }

  /** Follows every source not followed now (`sources`: the project's running containers). */
  async sync(sources: LogSource[]): Promise<void> {
    await Promise.all(sources.map((s) => this.follow(s)));
  }

  /** Whether the container's logs are followed (or being opened). */
  isFollowing(id: string): boolean {
    return this.following.has(id);
  }

  dispose(): void {
    this.disposed = true;
    for (const handle of this.handles.values()) handle.dispose();
    this.handles.clear();
  }

  private give(line: ProjectLogLine): void {
    const last = this.lastSeen.get(line.source.id);
    if (!last || compareTime(line.time, last) > 0) this.lastSeen.set(line.source.id, line.time);
    this.onLine(line);
  }

  /**
   * Follows from just after the last line given; with none given, from the container's first
   * line (there is nothing to repeat, and nothing written meanwhile is lost).
   */
  private async follow(source: LogSource): Promise<void> {
    if (this.disposed || this.following.has(source.id)) return;
    this.following.add(source.id);
    const after = this.lastSeen.get(source.id);
    const splitter = new LineSplitter((stream, raw) => {
      const { time, text } = splitTimestamp(raw);
      if (after && compareTime(time, after) <= 0) return; // given already
      this.give({ source, stream, text, time });
    });
    const since = after ? new Date(Math.floor(after[0] * 1000)) : undefined;
    try {
      const handle = await containerLogs(this.docker, source.id, (stream, data) => splitter.push(stream, data),
        { follow: true, timestamps: true, tail: 'all', ...(since ? { since } : {}) });
      if (this.disposed) { handle.dispose(); return; }
      this.handles.set(source.id, handle);
      void handle.done.then(() => {
        splitter.end();
        this.handles.delete(source.id);
        this.following.delete(source.id);
      });
    } catch {
      this.following.delete(source.id); // removed before its logs could be opened
    }
  }
}
