// A unix-socket proxy in front of a real engine socket, for the store's tests and benchmarks:
// it counts the HTTP requests that pass, can hold the answers to chosen requests (a late answer),
// sever every connection (a cut event stream) or refuse new ones (an engine that is down), and
// inject the faults a bad engine produces: an answer of its own instead of the engine's (a 500,
// a body that is not JSON, JSON of the wrong shape), the engine's answer cut off mid-body, the
// engine's answers in a slow drip, and a stall (nothing the engine says gets through any more,
// on open connections too: a hung engine, or a forwarder whose far side vanished).
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export interface ProxiedRequest { method: string; path: string }

export type Fault =
  /** The proxy answers in the engine's place (the request never reaches it), then closes. */
  | { kind: 'answer'; status: number; body: string }
  /** The engine's answer, cut in the middle of its body, then the connection closed. */
  | { kind: 'truncate' }
  /** Everything the engine sends on this connection from now on, `bytes` at a time every `everyMs`. */
  | { kind: 'drip'; bytes: number; everyMs: number };

const REASONS: Record<number, string> = { 200: 'OK', 404: 'Not Found', 500: 'Internal Server Error' };

interface Pair {
  client: net.Socket;
  engine: net.Socket;
  /** What reaches the client goes through here: held, stalled, dripped, cut. */
  deliver(chunk: Buffer): void;
}

export class SocketProxy {
  readonly socketPath: string;
  readonly requests: ProxiedRequest[] = [];
  /** The requests a fault was injected into, in order. */
  readonly faulted: Array<ProxiedRequest & { fault: Fault['kind'] }> = [];
  private server?: net.Server;
  private readonly pairs = new Set<Pair>();
  private holdWhen?: (request: ProxiedRequest) => boolean;
  private readonly held: (() => void)[] = [];
  private faults: Array<{ when: (request: ProxiedRequest) => boolean; fault: Fault }> = [];
  private stalled = false;
  private readonly stalledFlushes: (() => void)[] = [];

  constructor(private readonly target: string, socketPath?: string) {
    this.socketPath = socketPath ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wp-')), 'p.sock');
  }

  get host(): string {
    return `unix://${this.socketPath}`;
  }

  async listen(): Promise<void> {
    fs.rmSync(this.socketPath, { force: true });
    this.server = net.createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.socketPath, () => resolve());
    });
  }

  /** Stops accepting (the socket file goes away: "engine down") and cuts open connections. */
  async close(): Promise<void> {
    this.sever();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Cuts every open connection, the event stream among them. */
  sever(): void {
    for (const pair of this.pairs) {
      pair.client.destroy();
      pair.engine.destroy();
    }
    this.pairs.clear();
  }

  /** From now on, answers to requests matching `when` are held until release(). */
  hold(when: (request: ProxiedRequest) => boolean): void {
    this.holdWhen = when;
  }

  release(): void {
    this.holdWhen = undefined;
    for (const flush of this.held.splice(0)) flush();
  }

  /** From now on, requests matching `when` get `fault` (the first matching fault wins). */
  fault(when: (request: ProxiedRequest) => boolean, fault: Fault): void {
    this.faults.push({ when, fault });
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** From now on nothing the engine sends reaches a client, on open connections too, until unstall(). */
  stall(): void {
    this.stalled = true;
  }

  /** Passes on what the stall kept back (to whoever is still connected) and stops stalling. */
  unstall(): void {
    this.stalled = false;
    for (const flush of this.stalledFlushes.splice(0)) flush();
  }

  requestsSince(index: number): ProxiedRequest[] {
    return this.requests.slice(index);
  }

  private accept(client: net.Socket): void {
    const engine = net.connect(this.target);
    let holding = false;
    let buffered: Buffer[] = [];
    let drip: { queue: Buffer[]; timer?: NodeJS.Timeout; bytes: number; everyMs: number } | undefined;
    let truncating: Buffer[] | undefined;

    const toClient = (chunk: Buffer): void => {
      if (!drip) { client.write(chunk); return; }
      drip.queue.push(chunk);
      const tick = (): void => {
        if (!drip || client.destroyed) return;
        drip.timer = undefined;
        let head = drip.queue.shift();
        if (!head) return;
        if (head.length > drip.bytes) {
          drip.queue.unshift(head.subarray(drip.bytes));
          head = head.subarray(0, drip.bytes);
        }
        client.write(head);
        if (drip.queue.length > 0) drip.timer = setTimeout(tick, drip.everyMs);
      };
      if (!drip.timer) drip.timer = setTimeout(tick, drip.everyMs);
    };
    const cut = (chunk: Buffer): void => {
      truncating = [...(truncating ?? []), chunk];
      const answer = Buffer.concat(truncating);
      const headerEnd = answer.indexOf('\r\n\r\n');
      if (headerEnd < 0 || answer.length - (headerEnd + 4) < 2) return; // not into the body yet
      const body = answer.length - (headerEnd + 4);
      client.end(answer.subarray(0, headerEnd + 4 + Math.floor(body / 2)));
      client.destroy();
      engine.destroy();
    };
    const pair: Pair = {
      client,
      engine,
      deliver: (chunk) => {
        if (this.stalled) { this.stalledFlushes.push(() => pair.deliver(chunk)); return; }
        if (holding) { buffered.push(chunk); return; }
        if (truncating) { cut(chunk); return; }
        toClient(chunk);
      },
    };
    this.pairs.add(pair);

    client.on('data', (chunk: Buffer) => {
      // Request lines start a chunk (no pipelining from Node's client); bodies never match.
      const match = /^(GET|POST|PUT|DELETE|HEAD) (\S+) HTTP\/1\.[01]\r\n/.exec(chunk.toString('latin1', 0, Math.min(chunk.length, 2048)));
      if (match) {
        const request = { method: match[1], path: match[2] };
        this.requests.push(request);
        const fault = this.faults.find((f) => f.when(request))?.fault;
        if (fault) {
          this.faulted.push({ ...request, fault: fault.kind });
          if (fault.kind === 'answer') {
            const body = Buffer.from(fault.body);
            client.end(Buffer.concat([Buffer.from(`HTTP/1.1 ${fault.status} ${REASONS[fault.status] ?? 'Injected'}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`), body]));
            return;
          }
          if (fault.kind === 'truncate') truncating = [];
          else drip = { queue: [], bytes: fault.bytes, everyMs: fault.everyMs };
        }
        if (this.holdWhen?.(request)) {
          holding = true;
          this.held.push(() => {
            holding = false;
            const parts = buffered;
            buffered = [];
            for (const part of parts) pair.deliver(part);
          });
        }
      }
      engine.write(chunk);
    });
    engine.on('data', (chunk: Buffer) => pair.deliver(chunk));
    const end = (): void => {
      this.pairs.delete(pair);
      clearTimeout(drip?.timer);
      client.destroy();
      engine.destroy();
    };
    client.on('close', end);
    engine.on('close', () => {
      // What the engine said before it closed still reaches the client first (while it listens).
      if (holding) this.held.push(end);
      else if (this.stalled) this.stalledFlushes.push(end);
      else if (drip && drip.queue.length > 0 && !client.destroyed) {
        const waitForDrip = (): void => { if (!drip || drip.queue.length === 0 || client.destroyed) end(); else setTimeout(waitForDrip, drip.everyMs); };
        waitForDrip();
      } else end();
    });
    client.on('error', end);
    engine.on('error', end);
  }
}
