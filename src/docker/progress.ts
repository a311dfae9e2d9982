// Folds the engine's per-layer pull/push progress lines into one overall percentage, so the UI
// shows a single bar instead of a screenful of layer ids. Pure: tested without an engine.
import type { ProgressEvent } from './streams';

interface LayerState {
  /** Bytes of the layer, once the engine has told us (Downloading/Pushing carry a total). */
  total?: number;
  /** 0..1 of the transfer (download or upload). */
  transferred: number;
  /** 0..1 of extraction (pull only). */
  extracted: number;
  done: boolean;
}

export interface OverallProgress {
  /** 0..100, never decreasing while one operation runs; 100 only when every layer is done. */
  percent: number;
  /** The latest human-readable status line ("Downloading", "Pull complete", "Digest: …"). */
  status: string;
  layers: number;
  layersDone: number;
}

// Transfer dominates the wait; extraction is the short tail of each pulled layer.
const TRANSFER_WEIGHT = 0.8;

const DONE_STATUSES = /^(?:Pull complete|Already exists|Pushed|Layer already exists|Mounted from)/;
const EXTRACTING = /^Extracting/;
const TRANSFERRING = /^(?:Downloading|Pushing)/;
const TRANSFER_DONE = /^(?:Download complete|Verifying Checksum)/;
// Lines with an id that are not layers: "latest: Pulling from x", "Pulling fs layer" is a layer.
const NOT_A_LAYER = /^Pulling from|^Digest:|^Status:|^The push refers to/;

export class ProgressFolder {
  private readonly layers = new Map<string, LayerState>();
  private lastPercent = 0;
  private status = '';

  /** Takes one event; returns the overall progress after it. */
  add(event: ProgressEvent): OverallProgress {
    const status = event.status ?? '';
    if (status) this.status = event.id && !NOT_A_LAYER.test(status) ? `${status} ${event.id}` : status;
    if (event.id && status && !NOT_A_LAYER.test(status) && /^[0-9a-f]{6,}$/.test(event.id)) this.updateLayer(event.id, status, event);
    return this.current();
  }

  /** Marks the operation finished (the stream ended without error). */
  complete(): OverallProgress {
    for (const layer of this.layers.values()) layer.done = true;
    this.lastPercent = 100;
    return this.current();
  }

  current(): OverallProgress {
    const layers = [...this.layers.values()];
    const done = layers.filter((l) => l.done).length;
    return { percent: this.percent(layers), status: this.status, layers: layers.length, layersDone: done };
  }

  private updateLayer(id: string, status: string, event: ProgressEvent): void {
    const layer = this.layers.get(id) ?? { transferred: 0, extracted: 0, done: false };
    this.layers.set(id, layer);
    const { current, total } = event.progressDetail ?? {};
    const fraction = current !== undefined && total ? Math.min(1, current / total) : undefined;
    if (DONE_STATUSES.test(status)) {
      layer.done = true;
      layer.transferred = 1;
      layer.extracted = 1;
    } else if (TRANSFERRING.test(status)) {
      if (total) layer.total = total;
      if (fraction !== undefined) layer.transferred = Math.max(layer.transferred, fraction);
    } else if (TRANSFER_DONE.test(status)) {
      layer.transferred = 1;
    } else if (EXTRACTING.test(status)) {
      layer.transferred = 1;
      if (fraction !== undefined) layer.extracted = Math.max(layer.extracted, fraction);
    }
  }

  private percent(layers: LayerState[]): number {
    if (this.lastPercent === 100 || layers.length === 0) return this.lastPercent;
    // Layers whose size is still unknown weigh as much as the average known one.
    const known = layers.filter((l) => l.total !== undefined);
    const averageSize = known.length ? known.reduce((sum, l) => sum + (l.total ?? 0), 0) / known.length : 1;
    let weighted = 0;
    let weights = 0;
    for (const layer of layers) {
      const weight = layer.total ?? averageSize;
      const fraction = layer.done ? 1 : TRANSFER_WEIGHT * layer.transferred + (1 - TRANSFER_WEIGHT) * layer.extracted;
      weighted += weight * fraction;
      weights += weight;
    }
    const allDone = layers.every((l) => l.done);
    // 100 is kept for the end of the stream: the engine still writes the image after the layers.
    const computed = allDone ? 99 : Math.min(99, Math.floor((100 * weighted) / weights));
    this.lastPercent = Math.max(this.lastPercent, computed);
    return this.lastPercent;
  }
}
