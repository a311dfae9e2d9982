// A unix-socket proxy in front of a real engine socket, for the store's tests and benchmarks:
// it counts the HTTP requests that pass, can hold the answers to chosen requests (a late answer),
// and can sever every connection (a cut event stream) or refuse new ones (an engine that is down).
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export interface ProxiedRequest { method: string; path: string }

export class SocketProxy {
  readonly socketPath: string;
  readonly requests: ProxiedRequest[] = [];
  private server?: net.Server;
  private readonly pairs = new Set<{ client: net.Socket; engine: net.Socket }>();
  private holdWhen?: (request: ProxiedRequest) => boolean;
  private readonly held: (() => void)[] = [];

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

  requestsSince(index: number): ProxiedRequest[] {
    return this.requests.slice(index);
  }

  private accept(client: net.Socket): void {
    const engine = net.connect(this.target);
    const pair = { client, engine };
    this.pairs.add(pair);
    let holding = false;
    let buffered: Buffer[] = [];
    client.on('data', (chunk: Buffer) => {
      // Request lines start a chunk (no pipelining from Node's client); bodies never match.
      const match = /^(GET|POST|PUT|DELETE|HEAD) (\S+) HTTP\/1\.[01]\r\n/.exec(chunk.toString('latin1', 0, Math.min(chunk.length, 2048)));
      if (match) {
        const request = { method: match[1], path: match[2] };
        this.requests.push(request);
        if (this.holdWhen?.(request)) {
          holding = true;
          this.held.push(() => {
            holding = false;
            for (const part of buffered) client.write(part);
            buffered = [];
          });
        }
      }
      engine.write(chunk);
    });
    engine.on('data', (chunk: Buffer) => {
      if (holding) buffered.push(chunk); else client.write(chunk);
    });
    const end = (): void => {
      this.pairs.delete(pair);
      client.destroy();
      engine.destroy();
    };
    client.on('close', end);
    engine.on('close', () => {
      if (!holding) end(); else this.held.push(end);
    });
    client.on('error', end);
    engine.on('error', end);
  }
}
