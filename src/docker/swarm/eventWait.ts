// Waiting for the engine to change something, without a timer: try, and if the engine is not
// there yet, try again on each event of the kinds given, until the attempt succeeds or the
// deadline passes.
import type Docker from 'dockerode';
import { JsonLineSplitter } from '../events';
import { WharfError } from '../errors';
import { DEFAULT_DEADLINE_MS, type RequestOptions } from '../request';
import { swarmStream } from './api';

export async function retryOnEvents(docker: Docker, filters: Record<string, string[]>, attempt: () => Promise<boolean>, options: RequestOptions = {}): Promise<void> {
  const ms = Math.max(options.deadlineMs ?? DEFAULT_DEADLINE_MS, DEFAULT_DEADLINE_MS);
  const closer = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, closer.signal]) : closer.signal;
  // The stream opens first: a change between the attempt and the subscription is not missed.
  const stream = await swarmStream(docker, '/events', { filters: JSON.stringify(filters) }, 'watch the engine\'s events', { signal });
  try {
    await new Promise<void>((resolve, reject) => {
      let busy = false;
      let again = false;
      const timer = setTimeout(() => reject(new WharfError('timeout', `The engine did not get there within ${ms / 1000} s.`)), ms);
      const tryNow = (): void => {
        if (busy) { again = true; return; }
        busy = true;
        attempt().then((done) => {
          busy = false;
          if (done) { clearTimeout(timer); resolve(); } else if (again) { again = false; tryNow(); }
        }, (err: unknown) => { clearTimeout(timer); reject(err); });
      };
      const splitter = new JsonLineSplitter(() => tryNow());
      stream.on('data', (chunk: Buffer) => splitter.push(chunk));
      stream.once('error', (err) => { clearTimeout(timer); reject(err); });
      tryNow();
    });
  } finally {
    closer.abort();
    stream.destroy();
  }
}
