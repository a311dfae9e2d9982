// One way for every operation to talk to the engine: a deadline on the request (a hung engine
// must never hang Wharf), an optional caller cancellation, and failures mapped to typed errors.
import type Docker from 'dockerode';
import { toWharfError, type ErrorContext } from './errors';

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
 * A raw request through dockerode's modem, for the few calls whose dockerode wrapper does not
 * forward an abort signal (image inspect and history, network inspect).
 */
export function dial<T>(docker: Docker, request: DialOptions, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    docker.modem.dial(
      { path: request.path, method: request.method, statusCodes: request.statusCodes, options: request.query ?? {}, isStream: request.isStream, abortSignal: signal } as never,
      (err: unknown, data: unknown) => (err ? reject(err) : resolve(data as T)),
    );
  });
}
