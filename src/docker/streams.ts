// The engine's streaming answers: JSON-lines progress (pull, push, build, stats) and the
// multiplexed stdout/stderr framing of logs and exec.
import { PassThrough, Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type Docker from 'dockerode';

/** One line of a pull, push or build progress stream, as the engine sends it. */
export interface ProgressEvent {
  id?: string;
  status?: string;
  progress?: string;
  progressDetail?: { current?: number; total?: number };
  stream?: string;
  error?: string;
  errorDetail?: { message?: string; code?: number };
  aux?: Record<string, unknown>;
}

/** Thrown when the stream itself reports a failure (an `error` line) after a 200 answer. */
export class StreamError extends Error {
  constructor(message: string, readonly events: readonly ProgressEvent[]) {
    super(message);
    this.name = 'StreamError';
  }
}

/** The stream sent nothing for too long; named so errors.ts maps it to a timeout. */
export class StreamIdle extends Error {
  constructor(readonly ms: number) {
    super(`the engine sent no progress for ${Math.round(ms / 1000)} s`);
    this.name = 'DeadlineExceeded';
  }
}

/**
 * Reads a JSON-lines stream to its end, calling `onEvent` for each object. Resolves with all
 * events; rejects with StreamError on the first `error` line, with StreamIdle after `idleMs`
 * without data, or with the abort reason when `signal` aborts (the request is destroyed).
 */
export function readJsonLines(stream: NodeJS.ReadableStream, onEvent?: (event: ProgressEvent) => void, signal?: AbortSignal, idleMs?: number): Promise<ProgressEvent[]> {
  return new Promise((resolve, reject) => {
    const events: ProgressEvent[] = [];
    let pending = '';
    let settled = false;
    // A stream that goes silent for idleMs (an engine stuck mid-pull) fails instead of hanging.
    let idleTimer: NodeJS.Timeout | undefined;
    const armIdle = (): void => {
      if (!idleMs) return;
      clearTimeout(idleTimer);
      idleTimer = setTimeout(() => {
        finish(new StreamIdle(idleMs));
        (stream as Readable).destroy?.();
      }, idleMs);
    };
    const finish = (err?: unknown): void => {
      if (settled) return;
      settled = true;
      clearTimeout(idleTimer);
      signal?.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else resolve(events);
    };
    const onAbort = (): void => {
      finish(signal?.reason ?? new Error('aborted'));
      (stream as Readable).destroy?.();
    };
    const handleLine = (line: string): void => {
      if (!line.trim() || settled) return;
      let event: ProgressEvent;
      try {
        event = JSON.parse(line) as ProgressEvent;
      } catch {
        return; // a partial or non-JSON line carries nothing we can show
      }
      events.push(event);
      if (event.error || event.errorDetail) {
        finish(new StreamError(event.errorDetail?.message ?? event.error ?? 'unknown error', events));
        return;
      }
      onEvent?.(event);
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    armIdle();
    stream.on('data', (chunk: Buffer | string) => {
      armIdle();
      pending += chunk.toString();
      const lines = pending.split(/\r?\n/);
      pending = lines.pop() ?? '';
      for (const line of lines) handleLine(line);
    });
    stream.on('end', () => {
      handleLine(pending);
      finish();
    });
    stream.on('error', (err) => finish(err));
  });
}

/** Which output a chunk of a container's log or exec output came from. */
export type OutputStream = 'stdout' | 'stderr';

/**
 * Splits the engine's multiplexed stream (8-byte frame headers, used when the container has no
 * TTY) into stdout and stderr with dockerode's own demuxer.
 */
export function demux(docker: Docker, source: NodeJS.ReadableStream, onChunk: (stream: OutputStream, data: Buffer) => void): void {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (data: Buffer) => onChunk('stdout', data));
  stderr.on('data', (data: Buffer) => onChunk('stderr', data));
  docker.modem.demuxStream(source, stdout, stderr);
}

/**
 * Turns a container's output bytes into text, one UTF-8 decoder per output. A chunk (a frame of
 * the multiplexed stream, one read from a TTY) may end inside a multi-byte character: the
 * dockerd copier cuts lines longer than 16 KiB at a byte count, and a TTY hands over whatever the
 * process wrote so far. Decoding each chunk alone would turn both halves into U+FFFD; the decoder
 * keeps the partial bytes until that same output's next chunk. stdout and stderr are decoded
 * apart because a stderr frame may arrive between the halves of a stdout character.
 */
export class OutputDecoder {
  private readonly decoders: Record<OutputStream, StringDecoder> = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };

  constructor(private readonly onText: (stream: OutputStream, text: string) => void) {}

  push(stream: OutputStream, data: Buffer): void {
    const text = this.decoders[stream].write(data);
    if (text) this.onText(stream, text);
  }

  /** The stream ended: an incomplete character left over is shown as U+FFFD, not dropped. */
  end(): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      const rest = this.decoders[stream].end();
      if (rest) this.onText(stream, rest);
    }
  }
}

/** Demultiplexes a complete (non-follow) answer that dockerode hands over as one Buffer. */
export function demuxBuffer(docker: Docker, payload: Buffer, onChunk: (stream: OutputStream, data: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const source = Readable.from([payload]);
    demux(docker, source, onChunk);
    source.on('end', () => setImmediate(resolve));
    source.on('error', reject);
  });
}
