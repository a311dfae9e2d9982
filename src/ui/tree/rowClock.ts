// Keeps time-dependent row text ("Up 5 minutes") true without asking the engine anything: the
// store holds when a run started or ended, and the text is computed from that and the clock. One
// timer, armed only while the view is visible, wakes when the earliest row's text can change;
// only the rows whose text did change are passed on. No vscode import: unit-tested in plain Node
// with a clock of its own.

export interface Timers {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** What the rows say at `now`: the ones whose text differs from what the view shows, and when the next may change. */
export interface RowTimes<T> { changed: T[]; nextChangeMs: number }

/**
 * A timer can fire a little before its time (timers are rounded to whole milliseconds); waking
 * this much later makes sure the boundary has passed, so one wake-up is enough per change.
 */
const AFTER_BOUNDARY_MS = 15;

export class RowClock<T> {
  private visible = false;
  private timer: unknown;
  private dueAt = Number.POSITIVE_INFINITY;

  constructor(
    private readonly rows: (now: number) => RowTimes<T>,
    private readonly fire: (rows: T[]) => void,
    private readonly timers: Timers = systemTimers,
  ) {}

  /** Whether a wake-up is pending (only ever while the view is visible). */
  get armed(): boolean {
    return this.timer !== undefined;
  }

  /** Visible: catch up at once (rows may have aged while hidden) and arm; hidden: disarm. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible) this.tick();
    else this.disarm();
  }

  /** A row was drawn whose text can change in `delayMs`: wake by then (cheap: one comparison). */
  wakeWithin(delayMs: number): void {
    if (this.visible && Number.isFinite(delayMs) && this.timers.now() + delayMs < this.dueAt) this.arm(delayMs);
  }

  dispose(): void {
    this.visible = false;
    this.disarm();
  }

  private tick(): void {
    this.timer = undefined;
    this.dueAt = Number.POSITIVE_INFINITY;
    if (!this.visible) return;
    const { changed, nextChangeMs } = this.rows(this.timers.now());
    if (changed.length > 0) this.fire(changed);
    this.arm(nextChangeMs);
  }

  private arm(delayMs: number): void {
    this.disarm();
    if (!Number.isFinite(delayMs)) return;
    this.dueAt = this.timers.now() + delayMs;
    this.timer = this.timers.setTimeout(() => this.tick(), Math.max(0, delayMs) + AFTER_BOUNDARY_MS);
  }

  private disarm(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.dueAt = Number.POSITIVE_INFINITY;
  }
}
