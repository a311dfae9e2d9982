// One way for every operation to talk to the engine: a deadline on the request (a hung engine
// must never hang Wharf), an optional caller cancellation, and failures mapped to typed errors.
import type { IncomingMessage } from 'node:http';
import type Docker from 'dockerode';
import { malformedAnswer, toWharfError, type ErrorContext } from './errors';

/** How long a plain request may take before Wharf gives up on the engine. */
export const DEFAULT_DEADLINE_MS = 30_000;

export interface RequestOptions {
  /** Deadline for the request (for streams: until the engine answers with headers). */
  deadlineMs?: number;
  /** The caller's cancellation (a Cancel button, a disposed view). */
  signal?: AbortSignal;
}

/** Sharpens the typed error's message: which image or object, at which endpoint. */
export type RequestContext = Pick<ErrorContext, 'image' | 'object' | 'endpoint'>;

export class DeadlineExceeded extends Error {
  constructor(readonly what: string, readonly ms: number) {
    super(`${what}: the engine did not answer within ${ms} ms`);
    this.name = 'DeadlineExceeded';
  }
}

/**
 * Runs one engine request with a deadline. `run` receives the signal to hand to dockerode
 * (`abortSignal`) or to modem.dial. For a streaming request the deadline covers only the wait for
 * the engine's answer: once the promise resolves the timer is cleared and the stream lives on
 * until the caller's signal aborts it or it ends. Every failure reaches the caller as a WharfError.
 */
export async function engineRequest<T>(what: string, run: (signal: AbortSignal) => Promise<T>, options: RequestOptions = {}, context: RequestContext = {}): Promise<T> {
  const ms = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new DeadlineExceeded(what, ms)), ms);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline.signal]) : deadline.signal;
  try {
    // Settle on the signal too: a call that forgets to forward it (or a transport that ignores
    // it) must still not outlive its deadline. Its late answer, if any, is dropped.
    return await new Promise<T>((resolve, reject) => {
      const onAbort = (): void => reject(signal.reason);
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      run(signal).then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  } catch (err) {
    const cause = deadline.signal.aborted && !options.signal?.aborted ? deadline.signal.reason : err;
    throw toWharfError(cause, { action: what, ...context });
  } finally {
    clearTimeout(timer);
  }
}

export interface DialOptions {
  path: string;
  method: 'GET' | 'POST' | 'DELETE' | 'PUT';
  statusCodes: Record<number, boolean | string>;
  query?: Record<string, unknown>;
  isStream?: boolean;
}

/**
 * A raw request through dockerode's modem, for the calls whose dockerode wrapper does not forward
 * an abort signal (image inspect and history, network inspect) and for the store. A JSON answer
 * (every non-stream request here) is read by Wharf, not by the modem: the modem hands over a
 * body that is not JSON as a Buffer, as if it were the answer, and waits for ever on one cut off
 * mid-way. Here both fail at once with a typed `malformedAnswer` error naming `what`.
 */
export function dial<T>(docker: Docker, request: DialOptions, signal: AbortSignal, what = `${request.method} ${request.path}`): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    docker.modem.dial(
      // The modem checks the status either way (reading the error body itself); with isStream it
      // hands over the response instead of its own reading of the body.
      { path: request.path, method: request.method, statusCodes: request.statusCodes, options: request.query ?? {}, isStream: true, abortSignal: signal } as never,
      (err: unknown, data: unknown) => {
        if (err) reject(err);
        else if (request.isStream) resolve(data as T);
        else readJson<T>(data as IncomingMessage, what).then(resolve, reject);
      },
    );
  });
}

/** Reads a whole JSON answer; a body cut off or not JSON is a `malformedAnswer`. */
function readJson<T>(response: IncomingMessage, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let ended = false;
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => {
      ended = true;
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(JSON.parse(text) as T);
      } catch {
        reject(malformedAnswer(what, text.trim() ? 'it is not JSON' : 'it was empty', text.trim() || undefined));
      }
    });
    // The connection closed before the body's end (Content-Length or the last chunk not reached).
    const cutOff = (): void => {
      if (!ended) reject(malformedAnswer(what, `it was cut off after ${chunks.reduce((n, c) => n + c.length, 0)} bytes`));
    };
    response.on('error', cutOff);
    response.on('close', cutOff);
  });
}
