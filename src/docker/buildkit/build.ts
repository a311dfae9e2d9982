// The BuildKit build, in its own bundle (dist/buildkit.js) that the extension loads on the first
// BuildKit build only: the session (session.ts) and the status decoder (status.ts) stay out of
// activation. It speaks plain data to the main bundle (no classes shared across the two bundles,
// where instanceof would not hold): the caller folds the statuses and makes the errors.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type Docker from 'dockerode';
import { openSession, type SessionSecret } from './session';
import { decodeStatus, type StatusResponse } from './status';

export type { StatusResponse } from './status';

export interface BuildKitCall {
  /** The packed build context (a tar stream). */
  context: NodeJS.ReadableStream;
  /** The /build query without version, session and buildid, which this adds. */
  query: Record<string, unknown>;
  secrets?: readonly SessionSecret[];
  sshAgentSocket?: string;
  /** Aborting stops the build on the engine (/build/cancel) and closes the stream and session. */
  signal: AbortSignal;
  /** Called once the engine has answered with headers: the build is under way. */
  onStarted?: () => void;
  onStatus: (status: StatusResponse) => void;
  /** A non-trace line (`stream` text some engines send besides the trace). */
  onText?: (text: string) => void;
}

export interface BuildKitOutcome {
  imageId?: string;
  /** The errorDetail message the stream ended with, when the build failed. */
  error?: string;
}

interface StreamLine {
  id?: string;
  aux?: unknown;
  stream?: string;
  error?: string;
  errorDetail?: { message?: string };
}

function dial<T>(docker: Docker, options: Record<string, unknown>): Promise<T> {
  return new Promise((resolve, reject) => {
    docker.modem.dial(options as never, (err: unknown, data: unknown) => (err ? reject(err) : resolve(data as T)));
  });
}

/** Asks the engine to stop build `id`; best effort, the closed stream stops it too. */
async function cancelOnEngine(docker: Docker, id: string): Promise<void> {
  const signal = AbortSignal.timeout(5000);
  try {
    const answer = await dial<IncomingMessage>(docker, { path: '/build/cancel?', method: 'POST', options: { id }, isStream: true, abortSignal: signal, statusCodes: { 200: true, 404: true, 500: 'server error' } });
    answer.resume();
  } catch {
    // The engine may already have ended the build; closing the request still cancels it.
  }
}

export async function runBuildKitBuild(docker: Docker, call: BuildKitCall): Promise<BuildKitOutcome> {
  const buildId = randomUUID();
  const session = await openSession(docker, { secrets: call.secrets, sshAgentSocket: call.sshAgentSocket, signal: call.signal });
  let stream: IncomingMessage | undefined;
  const onAbort = (): void => {
    void cancelOnEngine(docker, buildId).finally(() => {
      stream?.destroy();
      session.close();
    });
  };
  call.signal.addEventListener('abort', onAbort, { once: true });
  try {
    stream = await dial<IncomingMessage>(docker, {
      path: '/build?',
      method: 'POST',
      file: call.context,
      options: { ...call.query, version: '2', session: session.id, buildid: buildId },
      isStream: true,
      abortSignal: call.signal,
      headers: { 'Content-Type': 'application/x-tar' },
      statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' },
    });
    call.onStarted?.();
    return await readOutcome(stream, call);
  } finally {
    call.signal.removeEventListener('abort', onAbort);
    if (!call.signal.aborted) session.close();
  }
}

function readOutcome(stream: IncomingMessage, call: BuildKitCall): Promise<BuildKitOutcome> {
  return new Promise((resolve, reject) => {
    const outcome: BuildKitOutcome = {};
    let pending = '';
    const handle = (line: string): void => {
      if (!line.trim()) return;
      let event: StreamLine;
      try {
        event = JSON.parse(line) as StreamLine;
      } catch {
        return;
      }
      if (event.errorDetail || event.error) {
        outcome.error ??= event.errorDetail?.message ?? event.error;
      } else if (event.id === 'moby.buildkit.trace' && typeof event.aux === 'string') {
        call.onStatus(decodeStatus(event.aux));
      } else if (event.id === 'moby.image.id') {
        const id = (event.aux as { ID?: unknown } | undefined)?.ID;
        if (typeof id === 'string') outcome.imageId = id;
      } else if (typeof event.stream === 'string') {
        call.onText?.(event.stream);
      }
    };
    stream.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) handle(line);
    });
    stream.once('end', () => { handle(pending); resolve(outcome); });
    stream.once('error', reject);
    stream.once('close', () => {
      if (call.signal.aborted) reject(call.signal.reason);
    });
  });
}
