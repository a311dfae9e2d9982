// Paces a tree's change notifications around the extension host's own throttle. VS Code's
// ExtHostTreeView debounces onDidChangeTreeData with 200 ms and a leading edge: a refresh passes
// at once only when none passed in the last 200 ms; any later one waits until 200 ms after the
// *latest* notification. So a row that changes twice in quick succession (a forced removal:
// "die" then "destroy" ~50-120 ms apart; create then start) showed its second change ~200 ms
// after it happened. Holding the second change ourselves until that window has closed puts it
// back on the leading edge: it shows at the window's end instead of 200 ms after it arrived.
// No vscode import: the timing logic is unit-tested in plain Node.

/** The host's window (200 ms, extHostTreeViews.ts) plus a margin so our timer fires after its own. */
export const HOST_REFRESH_WINDOW_MS = 205;

export class RefreshPacer<T> {
  private root = false;
  private readonly nodes = new Set<T>();
  private lastFiredAt = Number.NEGATIVE_INFINITY;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private dueAt = Number.POSITIVE_INFINITY;
  private settledWaiters: (() => void)[] = [];

  constructor(
    /** Receives the nodes to refresh, or undefined for the whole tree. */
    private readonly fire: (nodes: T[] | undefined) => void,
    private readonly windowMs = HOST_REFRESH_WINDOW_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /**
   * Asks for a refresh of `nodes` (undefined: the whole tree). It is passed on at once when the
   * host's window is closed, else when it closes. `holdMs` waits at least that long for a change
   * expected to follow (so both go in one refresh); any request without a hold ends the wait.
   */
  request(nodes: readonly T[] | undefined, holdMs = 0): void {
    if (nodes === undefined) this.root = true;
    else for (const node of nodes) this.nodes.add(node);
    if (!this.root && this.nodes.size === 0) return;
    const now = this.now();
    const due = Math.max(now + holdMs, this.lastFiredAt + this.windowMs);
    if (due <= now) {
      this.flush();
      return;
    }
    if (due < this.dueAt) {
      clearTimeout(this.timer);
      this.dueAt = due;
      this.timer = setTimeout(() => this.flush(), due - now);
    }
  }

  /** Resolves once nothing waits to be passed on (at once when nothing does). */
  settled(): Promise<void> {
    if (this.timer === undefined) return Promise.resolve();
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.nodes.clear();
    this.root = false;
    for (const resolve of this.settledWaiters.splice(0)) resolve();
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.dueAt = Number.POSITIVE_INFINITY;
    const root = this.root;
    const nodes = [...this.nodes];
    this.root = false;
    this.nodes.clear();
    if (!root && nodes.length === 0) {
      for (const resolve of this.settledWaiters.splice(0)) resolve();
      return;
    }
    this.lastFiredAt = this.now();
    try {
      this.fire(root ? undefined : nodes);
    } finally {
      for (const resolve of this.settledWaiters.splice(0)) resolve();
    }
  }
}
