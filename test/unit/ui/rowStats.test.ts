// Row figures: streams only while visible, only for running rows drawn, at most the bound, closed
// when hidden or gone; a row refreshes only when its figure's text changes.
import * as assert from 'node:assert/strict';
import type { StatsSummary, StreamHandle } from '../../../src/docker/containers';
import { rowStatsText } from '../../../src/ui/display/statsText';
import { RowStats } from '../../../src/ui/tree/rowStats';

class FakeEngine {
  readonly open = new Map<string, { onSample: (s: StatsSummary) => void; end: () => void; disposed: boolean }>();
  opened: string[] = [];
  stream = (id: string, onSample: (s: StatsSummary) => void): Promise<StreamHandle> => {
    this.opened.push(id);
    let end = (): void => undefined;
    const done = new Promise<void>((resolve) => { end = resolve; });
    const entry = { onSample, end, disposed: false };
    this.open.set(id, entry);
    return Promise.resolve({ done, pause: () => undefined, resume: () => undefined, dispose: () => { entry.disposed = true; this.open.delete(id); end(); } });
  };
}

const sample = (cpuPercent: number, memoryUsage: number): StatsSummary => ({ cpuPercent, memoryUsage, memoryLimit: 1e9, memoryPercent: 0, networkRx: 0, networkTx: 0, blockRead: 0, blockWrite: 0, pids: 1, readAt: 0 });
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('row stats', () => {
  it('opens nothing while hidden, and streams only running rows drawn while visible', async () => {
    const engine = new FakeEngine();
    const stats = new RowStats(engine.stream, () => undefined, rowStatsText);
    stats.rowDrawn('a', true);
    stats.rowDrawn('b', false);
    assert.deepEqual(engine.opened, [], 'hidden: no stream');
    stats.setVisible(true);
    await settle();
    assert.deepEqual(engine.opened, ['a']);
    stats.setVisible(false);
    await settle();
    assert.equal(engine.open.size, 0, 'hidden again: closed');
    assert.equal(stats.streamCount, 0);
  });

  it('holds at most the bound, the first rows drawn; a freed slot goes to the next row', async () => {
    const engine = new FakeEngine();
    const stats = new RowStats(engine.stream, () => undefined, rowStatsText, 3);
    stats.setVisible(true);
    for (const id of ['a', 'b', 'c', 'd', 'e']) stats.rowDrawn(id, true);
    await settle();
    assert.deepEqual([...engine.open.keys()], ['a', 'b', 'c']);
    stats.rowDrawn('b', false);
    await settle();
    assert.deepEqual([...engine.open.keys()].sort(), ['a', 'c', 'd']);
    stats.forget('a');
    await settle();
    assert.deepEqual([...engine.open.keys()].sort(), ['c', 'd', 'e']);
  });

  it('refreshes a row only when its text changes, and drops the figure without a redraw when the stream ends (the stop redraws it)', async () => {
    const engine = new FakeEngine();
    const changed: string[] = [];
    const stats = new RowStats(engine.stream, (id) => changed.push(id), rowStatsText);
    stats.setVisible(true);
    stats.rowDrawn('a', true);
    await settle();
    const feed = engine.open.get('a')!.onSample;
    feed(sample(0.04, 1_234_567));
    feed(sample(0.04, 1_234_999));
    assert.equal(stats.figure('a'), '0.0% · 1.23 MB');
    assert.deepEqual(changed, ['a'], 'the same text twice: one refresh');
    feed(sample(12.6, 1_234_999));
    assert.equal(stats.figure('a'), '13% · 1.23 MB');
    assert.deepEqual(changed, ['a', 'a']);
    engine.open.get('a')!.end();
    await settle();
    assert.equal(stats.figure('a'), undefined);
    assert.deepEqual(changed, ['a', 'a'], 'no redraw of its own: it would hold back the removal that follows');
  });

  it('a stream that answers after the view was hidden is closed at once', async () => {
    let resolveOpen: (h: StreamHandle) => void = () => undefined;
    let disposed = false;
    const stats = new RowStats(() => new Promise<StreamHandle>((resolve) => { resolveOpen = resolve; }), () => undefined, rowStatsText);
    stats.setVisible(true);
    stats.rowDrawn('a', true);
    stats.setVisible(false);
    resolveOpen({ done: new Promise(() => undefined), pause: () => undefined, resume: () => undefined, dispose: () => { disposed = true; } });
    await settle();
    assert.equal(disposed, true);
  });

  it('is off when the setting turns it off', async () => {
    const engine = new FakeEngine();
    const stats = new RowStats(engine.stream, () => undefined, rowStatsText);
    stats.setEnabled(false);
    stats.setVisible(true);
    stats.rowDrawn('a', true);
    await settle();
    assert.deepEqual(engine.opened, []);
    stats.setEnabled(true);
    await settle();
    assert.deepEqual(engine.opened, ['a']);
  });
});
