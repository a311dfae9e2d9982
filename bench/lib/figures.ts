// Summaries and the closing table every benchmark prints. Benchmarks report, they never judge:
// nothing here compares a figure with its target.

export interface Figures { median: number; p90: number; min: number; max: number; n: number }

/** Median and p90 (nearest rank) of the samples. */
export function figures(samples: number[]): Figures {
  if (samples.length === 0) return { median: NaN, p90: NaN, min: NaN, max: NaN, n: 0 };
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  // An even count's median is the mean of the middle two, so 10 runs do not report the 5th.
  const mid = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, p90: at(0.9), min: sorted[0], max: sorted[sorted.length - 1], n: sorted.length };
}

/** "12.3 ms" with a precision that suits the size. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return `${Math.abs(value) < 10 ? value.toFixed(2) : Math.abs(value) < 100 ? value.toFixed(1) : Math.round(value)} ms`;
}

export function ratio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a';
}

/** A plain-text table, columns padded to their widest cell. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => (c ?? '').padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Epoch milliseconds with sub-millisecond precision (the engine's timeNano is on the same clock). */
export function epochMs(): number {
  return performance.timeOrigin + performance.now();
}
