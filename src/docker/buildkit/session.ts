// A BuildKit session over the engine's /session endpoint: the engine upgrades the connection to
// HTTP/2 and calls gRPC methods on Wharf (which is the server there) when the build asks for a
// secret (`RUN --mount=type=secret`), the ssh agent (`RUN --mount=type=ssh`) or registry
// credentials. Served with Node's own http2 and hand-written messages (wire.ts) instead of
// @grpc/grpc-js and protobufjs: five small methods do not need a gRPC runtime.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as http2 from 'node:http2';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { readFields, stringOf, writeFields } from './wire';

export interface SessionSecret {
  id: string;
  /** The file whose content the build reads at /run/secrets/<id>. */
  src: string;
}

export interface SessionOptions {
  secrets?: readonly SessionSecret[];
  /** The ssh agent socket forwarded as `default` (`--ssh default`), usually $SSH_AUTH_SOCK. */
  sshAgentSocket?: string;
  signal?: AbortSignal;
}

export interface BuildSession {
  id: string;
  close(): void;
}

const GRPC_OK = 0;
const GRPC_NOT_FOUND = 5;
const GRPC_UNIMPLEMENTED = 12;
const GRPC_INTERNAL = 13;

const HEALTH = '/grpc.health.v1.Health/Check';
const GET_SECRET = '/moby.buildkit.secrets.v1.Secrets/GetSecret';
const CHECK_AGENT = '/moby.sshforward.v1.SSH/CheckAgent';
const FORWARD_AGENT = '/moby.sshforward.v1.SSH/ForwardAgent';

type Stream = http2.ServerHttp2Stream;

/** gRPC's length-prefixed messages out of a byte stream, as they complete. */
function messageReader(onMessage: (message: Buffer) => void): (chunk: Buffer) => void {
  let pending = Buffer.alloc(0);
  return (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 5 && pending.length >= 5 + pending.readUInt32BE(1)) {
      const length = pending.readUInt32BE(1);
      onMessage(pending.subarray(5, 5 + length));
      pending = pending.subarray(5 + length);
    }
  };
}

function frame(message: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.writeUInt32BE(message.length, 1);
  return Buffer.concat([header, message]);
}

function fail(stream: Stream, code: number, message: string): void {
  if (stream.headersSent) { stream.close(); return; }
  stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': String(code), 'grpc-message': encodeURIComponent(message) }, { endStream: true });
}

function answer(stream: Stream, message: Buffer): void {
  stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
  stream.once('wantTrailers', () => stream.sendTrailers({ 'grpc-status': String(GRPC_OK) }));
  stream.end(frame(message));
}

/** The first request message of a unary call. */
function unary(stream: Stream, handle: (request: Buffer) => Promise<Buffer>): void {
  let handled = false;
  stream.on('data', messageReader((request) => {
    if (handled) return;
    handled = true;
    handle(request).then((response) => answer(stream, response), (err: unknown) => {
      const code = (err as { grpcCode?: number }).grpcCode ?? GRPC_INTERNAL;
      fail(stream, code, err instanceof Error ? err.message : String(err));
    });
  }));
}

function grpcError(code: number, message: string): Error {
  return Object.assign(new Error(message), { grpcCode: code });
}

/** Pipes a bidi ForwardAgent call to the agent socket: BytesMessage{data} both ways. */
function forwardAgent(stream: Stream, agentSocket: string): void {
  const agent: Socket = connect(agentSocket);
  agent.once('error', (err) => fail(stream, GRPC_INTERNAL, `ssh agent: ${err.message}`));
  agent.once('connect', () => {
    stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
    stream.once('wantTrailers', () => stream.sendTrailers({ 'grpc-status': String(GRPC_OK) }));
    agent.on('data', (data: Buffer) => stream.write(frame(writeFields([{ field: 1, bytes: data }]))));
    agent.once('end', () => stream.end());
  });
  stream.on('data', messageReader((message) => {
    const data = readFields(message).find((f) => f.field === 1 && 'bytes' in f);
    if (data && 'bytes' in data) agent.write(data.bytes);
  }));
  stream.once('end', () => agent.end());
  stream.once('close', () => agent.destroy());
}

/**
 * Opens a session and serves it until `close()`. The engine is told which methods exist
 * (X-Docker-Expose-Session-Grpc-Method), so it asks only for those; the health check keeps the
 * session alive (BuildKit drops a session whose health check fails).
 */
export function openSession(docker: Docker, options: SessionOptions): Promise<BuildSession> {
  const id = randomUUID();
  const secrets = new Map((options.secrets ?? []).map((s) => [s.id, s.src]));
  const methods = [HEALTH, ...(secrets.size > 0 ? [GET_SECRET] : []), ...(options.sshAgentSocket ? [CHECK_AGENT, FORWARD_AGENT] : [])];
  return new Promise((resolve, reject) => {
    docker.modem.dial({
      path: '/session',
      method: 'POST',
      hijack: true,
      abortSignal: options.signal,
      headers: {
        Upgrade: 'h2c',
        'X-Docker-Expose-Session-Uuid': id,
        'X-Docker-Expose-Session-Name': 'wharf',
        'X-Docker-Expose-Session-Sharedkey': '',
        'X-Docker-Expose-Session-Grpc-Method': methods,
      },
      statusCodes: { 101: true, 200: true, 400: 'bad parameter', 500: 'server error' },
    } as never, (err: unknown, socket: unknown) => {
      if (err) return reject(err);
      const connection = socket as Duplex;
      const server = http2.createServer();
      server.on('stream', (stream, headers) => {
        stream.on('error', () => undefined);
        const method = String(headers[':path']);
        if (method === HEALTH) return unary(stream, async () => writeFields([{ field: 1, varint: 1 }]));
        if (method === GET_SECRET) {
          return unary(stream, async (request) => {
            const secretId = stringOf(readFields(request), 1);
            const src = secrets.get(secretId);
            if (src === undefined) throw grpcError(GRPC_NOT_FOUND, `secret ${secretId} not provided`);
            return writeFields([{ field: 1, bytes: await readFile(src) }]);
          });
        }
        if (method === CHECK_AGENT && options.sshAgentSocket) {
          return unary(stream, async (request) => {
            const agentId = stringOf(readFields(request), 1);
            if (agentId !== 'default' && agentId !== '') throw grpcError(GRPC_NOT_FOUND, `ssh ${agentId} not provided (only default is forwarded)`);
            return Buffer.alloc(0);
          });
        }
        if (method === FORWARD_AGENT && options.sshAgentSocket) return forwardAgent(stream, options.sshAgentSocket);
        stream.on('data', () => undefined);
        fail(stream, GRPC_UNIMPLEMENTED, `${method} is not served by Wharf`);
      });
      server.on('sessionError', () => connection.destroy());
      server.emit('connection', connection);
      let closed = false;
      resolve({
        id,
        close: () => {
          if (closed) return;
          closed = true;
          server.close();
          connection.destroy();
        },
      });
    });
  });
}
