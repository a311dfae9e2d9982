// When to try the engine again after a connection failed or ended. Pure: the clock and the
// randomness are injected, so the schedule is unit-tested exactly.
//
// - Exponential and capped: 250 ms, 500 ms, 1 s, … up to 15 s between attempts, so an engine that
//   is down is not hammered, and one that comes back is found within 15 s.
// - Jittered ("equal jitter": half the delay fixed, half random): every VS Code window, and every
//   remote client of a restarted engine, would otherwise retry in lock-step.
// - A stability window: the schedule starts again from the first delay only when the connection
//   that just ended had stayed up for 10 s. An engine that accepts the connection and drops it at
//   once (a crash loop, a proxy refusing the stream) would otherwise be reconnected to every
//   250 ms for ever, with a full resync each time.

export interface BackoffSchedule {
  /** The first delay (before jitter). */
  readonly initialMs: number;
  /** The cap (before jitter). */
  readonly maxMs: number;
  /** How long a connection must stay up before the delays start from the first again. */
  readonly stableMs: number;
}

export const RECONNECT_SCHEDULE: BackoffSchedule = { initialMs: 250, maxMs: 15_000, stableMs: 10_000 };

export class ReconnectBackoff {
  private failures = 0;
  private connectedAt: number | undefined;

  constructor(
    private readonly schedule: BackoffSchedule = RECONNECT_SCHEDULE,
    /** In [0, 1), like Math.random. */
    private readonly random: () => number = Math.random,
    private readonly now: () => number = Date.now,
  ) {}

  /** Failed attempts (or short-lived connections) since the last stable connection. */
  get attempts(): number {
    return this.failures;
  }

  /** A connection is up; whether it resets the schedule is decided when it ends. */
  connected(): void {
    this.connectedAt = this.now();
  }

  /** An attempt failed or a connection ended: how long to wait before the next attempt. */
  nextDelayMs(): number {
    if (this.connectedAt !== undefined && this.now() - this.connectedAt >= this.schedule.stableMs) this.failures = 0;
    this.connectedAt = undefined;
    // The exponent stops growing once the cap is reached (and long before 2 ** n overflows).
    const ceiling = Math.min(this.schedule.maxMs, this.schedule.initialMs * 2 ** Math.min(this.failures, 30));
    this.failures += 1;
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }
}
