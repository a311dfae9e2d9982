// Waiting for a state, the one way every engine and host test does it. The probe is asked again
// on every wake-up the caller names (a store change, new diagnostics) and in between every few
// milliseconds; the limit only turns a hang into a readable failure and never decides a pass: it
// is far above what any awaited state takes on a loaded 2-core machine.

/** How long a wait may last before it is reported as a hang. */
export const HANG_LIMIT_MS = 60_000;

export interface WaitOptions {
  /** Overrides HANG_LIMIT_MS (only where a state legitimately takes longer). */
  readonly limitMs?: number;
  /** Subscribes `resume` to an event after which the probe is worth asking again. */
  readonly wake?: (resume: () => void) => { dispose(): void };
  /** What the failure message shows of the current state. */
  readonly detail?: () => string;
}

type Probe<T> = () => T | undefined | false | null | Promise<T | undefined | false | null>;

export async function waitFor<T>(what: string, probe: Probe<T>, options: WaitOptions | number = {}): Promise<T> {
  const { limitMs = HANG_LIMIT_MS, wake, detail } = typeof options === 'number' ? { limitMs: options } : options;
  const start = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false && value !== null) return value;
    if (Date.now() - start > limitMs) throw new Error(`gave up waiting for ${what} after ${limitMs} ms${detail ? `; now: ${detail()}` : ''}`);
    let resume!: () => void;
    const woken = new Promise<void>((resolve) => { resume = resolve; });
    const timer = setTimeout(resume, 20);
    const subscription = wake?.(resume);
    await woken;
    clearTimeout(timer);
    subscription?.dispose();
  }
}
