// The compact CPU/memory figure on running container rows. One stats stream per running row the
// Containers view has drawn, only while the view is visible, at most MAX_ROW_STREAMS at once (the
// first rows drawn: those at the top of the view); hidden, every stream closes. A stream is one
// long request the engine answers once a second, so a visible view with running rows adds no
// request per minute, and a view with none, or hidden, adds nothing at all. A row is refreshed
// only when its figure's text changes. No vscode import: unit-tested with fake streams.
import type { StatsSummary, StreamHandle } from '../../docker/containers';

/**
 * The most rows with a live figure at once. The extension API does not say which rows are on
 * screen; rows drawn since they were listed are the best it offers, and a view seldom shows more
 * running containers than this without scrolling.
 */
export const MAX_ROW_STREAMS = 12;

export type OpenStream = (id: string, onSample: (sample: StatsSummary) => void) => Promise<StreamHandle>;

interface Entry { handle?: StreamHandle; closed: boolean }

export class RowStats {
  private visible = false;
  private enabled = true;
  /** Running rows drawn, in the order first drawn. */
  private readonly drawn = new Set<string>();
  private readonly streams = new Map<string, Entry>();
  private readonly figures = new Map<string, string>();
  /** Samples received since the start (for tests: how long the streams have delivered). */
  samplesReceived = 0;

  constructor(
    private readonly open: OpenStream,
    private readonly onChange: (id: string) => void,
    private readonly format: (sample: StatsSummary) => string,
    private readonly max = MAX_ROW_STREAMS,
  ) {}

  /** The figure a row shows now, if it has one. */
  figure(id: string): string | undefined {
    return this.figures.get(id);
  }

  /** How many streams are open (or opening). */
  get streamCount(): number {
    return this.streams.size;
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    this.sync();
  }

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.sync();
  }

  /** A row was drawn: running or not, as the store says. */
  rowDrawn(id: string, running: boolean): void {
    if (running === this.drawn.has(id)) return;
    if (running) this.drawn.add(id); else this.forget(id);
    this.sync();
  }

  /** The row is gone (removed, or its container is no longer running): it is being redrawn already. */
  forget(id: string): void {
    this.drawn.delete(id);
    this.close(id, false);
    this.sync();
  }

  dispose(): void {
    this.drawn.clear();
    for (const id of [...this.streams.keys()]) this.close(id);
  }

  private sync(): void {
    const wanted = new Set(this.visible && this.enabled ? [...this.drawn].slice(0, this.max) : []);
    for (const id of [...this.streams.keys()]) if (!wanted.has(id)) this.close(id);
    for (const id of wanted) if (!this.streams.has(id)) this.start(id);
  }

  private start(id: string): void {
    const entry: Entry = { closed: false };
    this.streams.set(id, entry);
    this.open(id, (sample) => {
      if (entry.closed) return;
      this.samplesReceived++;
      const text = this.format(sample);
      if (this.figures.get(id) === text) return;
      this.figures.set(id, text);
      this.onChange(id);
    }).then((handle) => {
      if (entry.closed) { handle.dispose(); return; }
      entry.handle = handle;
      // The container stopped (or the engine went away): the figure goes, without a redraw of its
      // own — the store's event for that stop redraws the row. A redraw here, a moment before the
      // destroy of a removed container, opened the host's 200 ms refresh window and held the
      // removal back by that much (explorer bench: remove returned → row gone 246 ms, 46 ms
      // without). A row drawn running again starts anew.
      void handle.done.then(() => { if (this.streams.get(id) === entry) { this.drawn.delete(id); this.close(id, false); } });
    }, () => {
      if (this.streams.get(id) === entry) { this.drawn.delete(id); this.close(id, false); }
    });
  }

  /** Closes a row's stream; `redraw` false when the row is being redrawn anyway. */
  private close(id: string, redraw = true): void {
    const entry = this.streams.get(id);
    if (entry) {
      entry.closed = true;
      entry.handle?.dispose();
      this.streams.delete(id);
    }
    if (this.figures.delete(id) && redraw) this.onChange(id);
  }
}
