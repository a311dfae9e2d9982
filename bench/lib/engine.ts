// What benchmarks need from the private engine `npm run bench` (scripts/bench.mjs) started: its
// socket, plain HTTP over it (no dockerode in the measured path), a bounded-concurrency pool for
// creating and removing many containers, and an independent /events reader.
import * as http from 'node:http';

/** The private engine's socket: WHARF_BENCH_DOCKER_SOCKET, else a unix:// DOCKER_HOST. */
export function benchSocket(): string {
  const socket = process.env.WHARF_BENCH_DOCKER_SOCKET ?? (process.env.DOCKER_HOST?.startsWith('unix://') ? process.env.DOCKER_HOST.slice('unix://'.length) : undefined);
  if (!socket) throw new Error('No engine: run through `npm run bench`, or set WHARF_BENCH_DOCKER_SOCKET to the socket of an engine you may fill with containers.');
  return socket;
}

export const benchImage = (): string => process.env.WHARF_BENCH_TEST_IMAGE ?? 'wharf-test/busybox:latest';

export interface RawAnswer { status: number; body: Buffer }

/** One HTTP request over the unix socket with Node's plain client, body read to the end. */
export function rawRequest(socketPath: string, method: string, path: string, body?: unknown, timeoutMs = 120_000): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = http.request({ socketPath, method, path, timeout: timeoutMs, headers: payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/** rawRequest that insists on a 2xx answer and parses JSON when there is a body. */
export async function api<T = unknown>(socketPath: string, method: string, path: string, body?: unknown): Promise<T> {
  const answer = await rawRequest(socketPath, method, path, body);
  if (answer.status < 200 || answer.status >= 300) throw new Error(`${method} ${path}: HTTP ${answer.status} ${answer.body.toString().slice(0, 300)}`);
  return (answer.body.length ? JSON.parse(answer.body.toString()) : undefined) as T;
}

/** Runs `work` over the items with at most `concurrency` in flight; results in item order. */
export async function pool<T, R>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

export interface SeenEvent { type: string; action: string; id: string; timeNano: number; receivedAt: number }

/** An /events reader of its own (not the store's): what the engine did, and when it said so. */
export class EventWatcher {
  readonly events: SeenEvent[] = [];
  private req?: http.ClientRequest;
  private listeners = new Set<(event: SeenEvent) => void>();

  constructor(private readonly socketPath: string, private readonly clock: () => number) {}

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.req = http.request({ socketPath: this.socketPath, method: 'GET', path: '/events' }, (res) => {
        let rest = '';
        res.on('data', (chunk: Buffer) => {
          const receivedAt = this.clock();
          const lines = (rest + chunk.toString()).split('\n');
          rest = lines.pop() ?? '';
          for (const line of lines) {
            if (!line.trim()) continue;
            const raw = JSON.parse(line) as { Type?: string; Action?: string; Actor?: { ID?: string }; timeNano?: number };
            const event = { type: raw.Type ?? '', action: raw.Action ?? '', id: raw.Actor?.ID ?? '', timeNano: raw.timeNano ?? 0, receivedAt };
            this.events.push(event);
            for (const listener of this.listeners) listener(event);
          }
        });
        resolve();
      });
      this.req.on('error', (err) => { if (!this.req?.destroyed) reject(err); });
      this.req.end();
    });
  }

  /** Resolves with the first event (from now on) that matches. */
  next(match: (event: SeenEvent) => boolean): Promise<SeenEvent> {
    return new Promise((resolve) => {
      const listener = (event: SeenEvent): void => {
        if (!match(event)) return;
        this.listeners.delete(listener);
        resolve(event);
      };
      this.listeners.add(listener);
    });
  }

  /** Waits until the engine has said nothing for `quietMs` (at most `limitMs`); returns whether it went quiet. */
  async quiet(quietMs: number, limitMs: number): Promise<boolean> {
    const start = this.clock();
    for (;;) {
      const last = this.events.length ? this.events[this.events.length - 1].receivedAt : start;
      if (this.clock() - Math.max(last, start) >= quietMs) return true;
      if (this.clock() - start > limitMs) return false;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  stop(): void {
    this.req?.destroy();
  }
}
