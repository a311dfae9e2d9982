// What a Wharf terminal shows, paced. A Pseudoterminal has no backpressure: every onDidWrite is
// sent on to the renderer however far behind it is, so a container printing as fast as it can
// (`yes`, a log flood) would fill the extension host's IPC queue and the renderer's write buffer
// without bound, and xterm.js itself discards data past 50 MB. Instead the text waits here, is
// passed on at most `sliceChars` per `intervalMs`, and when more than `highWaterChars` wait the
// source is paused until the queue is down to `lowWaterChars`. Nothing is dropped: like the docker
// CLI in a real terminal, the output then lags behind the container rather than losing lines.
// A paused log follow leaves the engine reading the log file later; a paused TTY exec stream
// blocks the process's writes, as a real terminal does.
// No vscode import: the pacing is unit-tested in plain Node.

/** Where the text comes from: paused while the terminal is behind. */
export interface PausableSource {
  pause(): void;
  resume(): void;
}

export interface PacingLimits {
  /** At most this much text per write to the terminal. */
  readonly sliceChars: number;
  /** Between two writes under load (one frame at 60 Hz). */
  readonly intervalMs: number;
  /** Pause the source when more than this waits. */
  readonly highWaterChars: number;
  /** Resume it when no more than this waits. */
  readonly lowWaterChars: number;
}

/**
 * About 4 M characters a second at most, far more than anyone reads and well within what the
 * renderer draws; 1 M characters waiting at most (plus the one socket read that was under way when
 * the source paused: up to 64 KiB of bytes, 1.5 times that as text once newlines become CRLF).
 */
export const TERMINAL_PACING: PacingLimits = { sliceChars: 64 * 1024, intervalMs: 16, highWaterChars: 1024 * 1024, lowWaterChars: 256 * 1024 };

/** What the host tests read to check the bound (the test hook of a terminal's flow control). */
export interface FlowStats {
  readonly pendingChars: number;
  readonly maxPendingChars: number;
  readonly pauses: number;
  readonly resumes: number;
  readonly writtenChars: number;
}

export class PacedOutput implements FlowStats {
  private queue: string[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private source?: PausableSource;
  private drainWaiters: (() => void)[] = [];
  private paused = false;
  private disposed = false;
  pendingChars = 0;
  maxPendingChars = 0;
  pauses = 0;
  resumes = 0;
  writtenChars = 0;

  constructor(
    private readonly write: (text: string) => void,
    readonly limits: PacingLimits = TERMINAL_PACING,
    private readonly schedule: (run: () => void, ms: number) => ReturnType<typeof setTimeout> = setTimeout,
  ) {}

  /** The source to pause when the terminal is behind; text may have arrived before it is known. */
  attach(source: PausableSource): void {
    this.source = source;
    this.applyFlowControl();
  }

  push(text: string): void {
    if (this.disposed || !text) return;
    this.queue.push(text);
    this.pendingChars += text.length;
    this.maxPendingChars = Math.max(this.maxPendingChars, this.pendingChars);
    this.applyFlowControl();
    // Idle: shown at once. Under load the next write waits for the timer.
    if (this.timer === undefined) this.writeSlice();
  }

  stats(): FlowStats {
    return { pendingChars: this.pendingChars, maxPendingChars: this.maxPendingChars, pauses: this.pauses, resumes: this.resumes, writtenChars: this.writtenChars };
  }

  /** Resolves once everything pushed so far was passed to the terminal (or the output was disposed). */
  drained(): Promise<void> {
    if (this.pendingChars === 0) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.queue = [];
    this.pendingChars = 0;
    for (const resolve of this.drainWaiters.splice(0)) resolve();
  }

  private writeSlice(): void {
    this.timer = undefined;
    if (this.disposed || this.pendingChars === 0) return;
    let budget = this.limits.sliceChars;
    const parts: string[] = [];
    while (budget > 0 && this.queue.length > 0) {
      const head = this.queue[0];
      if (head.length <= budget) {
        parts.push(head);
        this.queue.shift();
        budget -= head.length;
      } else {
        // Never cut between the halves of a surrogate pair: the terminal would show two U+FFFD.
        const cut = isHighSurrogate(head.charCodeAt(budget - 1)) ? budget - 1 : budget;
        if (cut === 0) break;
        parts.push(head.slice(0, cut));
        this.queue[0] = head.slice(cut);
        budget = 0;
      }
    }
    const text = parts.join('');
    this.pendingChars -= text.length;
    this.writtenChars += text.length;
    this.applyFlowControl();
    // Armed after every write, even with nothing left: a flood of small chunks, each arriving on
    // its own, must wait its turn too, or the pacing would only apply to big ones.
    this.timer = this.schedule(() => this.writeSlice(), this.limits.intervalMs);
    this.write(text);
    if (this.pendingChars === 0) for (const resolve of this.drainWaiters.splice(0)) resolve();
  }

  private applyFlowControl(): void {
    if (!this.source) return;
    if (!this.paused && this.pendingChars > this.limits.highWaterChars) {
      this.paused = true;
      this.pauses += 1;
      this.source.pause();
    } else if (this.paused && this.pendingChars <= this.limits.lowWaterChars) {
      this.paused = false;
      this.resumes += 1;
      this.source.resume();
    }
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
