// The clock that keeps "Up 5 minutes" true: driven here by a clock of the test's own, so no test
// waits for real time. It wakes only while visible, when the earliest row can change, and passes
// on only the rows whose text changed.
import * as assert from 'node:assert/strict';
import type { ContainerModel } from '../../../src/docker/model';
import { containerStatusText, humanDuration, nextDurationChangeMs, nextStatusChangeMs } from '../../../src/docker/statusText';
import { RowClock, type Timers } from '../../../src/ui/tree/rowClock';

class FakeTimers implements Timers {
  time = 0;
  private pending: Array<{ at: number; run: () => void; handle: number }> = [];
  private next = 1;
  now(): number { return this.time; }
  setTimeout(run: () => void, ms: number): unknown { const handle = this.next++; this.pending.push({ at: this.time + ms, run, handle }); return handle; }
  clearTimeout(handle: unknown): void { this.pending = this.pending.filter((t) => t.handle !== handle); }
  get scheduled(): number { return this.pending.length; }
  /** Moves the clock forward, running every timer that comes due on the way. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      this.pending.sort((a, b) => a.at - b.at);
      const due = this.pending[0];
      if (!due || due.at > end) break;
      this.pending.shift();
      this.time = due.at;
      due.run();
    }
    this.time = end;
  }
}

const container = (overrides: Partial<ContainerModel>): ContainerModel => ({
  id: 'c', name: 'web', image: 'busybox', imageId: 'sha256:1', command: 'sh', state: 'running', createdAt: 0, startedAt: 0, ports: [], mounts: [], labels: {}, networks: [], ...overrides,
});

describe('status text over time', () => {
  it('knows when the engine\'s wording next changes', () => {
    for (const elapsed of [0, 999, 1000, 59_999, 60_000, 119_999, 3_599_999, 3_600_000, 5_399_999, 5_400_000, 86_400_000 * 3 + 1234]) {
      const next = nextDurationChangeMs(elapsed);
      assert.ok(next > 0, `${elapsed}`);
      // Nothing changes before the time given...
      assert.equal(humanDuration(elapsed + next - 1), humanDuration(elapsed), `${elapsed}: steady until +${next}`);
    }
    // ...and below an hour something does at that time.
    for (const elapsed of [0, 500, 1000, 30_500, 59_999, 60_000, 61_000, 3_540_000]) {
      assert.notEqual(humanDuration(elapsed + nextDurationChangeMs(elapsed)), humanDuration(elapsed), `${elapsed}`);
    }
    assert.equal(nextStatusChangeMs(container({ state: 'created', startedAt: undefined }), 5000), Number.POSITIVE_INFINITY);
    assert.equal(nextStatusChangeMs(container({ state: 'exited', finishedAt: 1000 }), 1500), 500);
  });
});

describe('row clock', () => {
  /** Rows are containers; the "view" remembers the text each row was drawn with. */
  function setup(rows: ContainerModel[]) {
    const timers = new FakeTimers();
    const drawn = new Map<string, string>();
    const draw = (c: ContainerModel): void => { drawn.set(c.id, containerStatusText(c, timers.now())); };
    rows.forEach(draw);
    const fired: string[][] = [];
    const clock = new RowClock<ContainerModel>((now) => ({
      changed: rows.filter((c) => containerStatusText(c, now) !== drawn.get(c.id)),
      nextChangeMs: Math.min(...rows.map((c) => nextStatusChangeMs(c, now))),
    }), (changed) => { fired.push(changed.map((c) => c.id)); changed.forEach(draw); }, timers);
    return { timers, clock, fired, drawn };
  }

  it('re-renders a row when its text changes, and only that row', () => {
    const fresh = container({ id: 'fresh', startedAt: 0 });
    const created = container({ id: 'created', state: 'created', startedAt: undefined });
    const old = container({ id: 'old', startedAt: -10 * 60_000 });
    const { timers, clock, fired, drawn } = setup([fresh, created, old]);
    clock.setVisible(true);
    assert.deepEqual(fired, [], 'nothing changed yet');
    timers.advance(1100);
    assert.deepEqual(fired, [['fresh']]);
    assert.equal(drawn.get('fresh'), 'Up 1 second');
    timers.advance(59_000);
    const all: string[][] = [...fired];
    assert.ok(all.every((ids) => !ids.includes('created')), 'a text that cannot change is never refreshed');
    assert.ok(all.some((ids) => ids.includes('old')), 'the older row changes on its minute');
    assert.equal(drawn.get('old'), 'Up 11 minutes');
    assert.equal(drawn.get('fresh'), 'Up About a minute');
  });

  it('runs only while the view is visible, and catches up when shown again', () => {
    const fresh = container({ id: 'fresh', startedAt: 0 });
    const { timers, clock, fired, drawn } = setup([fresh]);
    assert.equal(clock.armed, false, 'a view never shown needs no timer');
    clock.setVisible(true);
    assert.equal(clock.armed, true);
    clock.setVisible(false);
    assert.equal(clock.armed, false);
    assert.equal(timers.scheduled, 0);
    timers.advance(5 * 60_000);
    assert.deepEqual(fired, [], 'nothing re-rendered while hidden');
    clock.setVisible(true);
    assert.deepEqual(fired, [['fresh']], 'shown again: brought up to date at once');
    assert.equal(drawn.get('fresh'), 'Up 5 minutes');
  });

  it('wakes sooner for a row drawn after it was armed', () => {
    const rows = [container({ id: 'old', startedAt: -30 * 60_000 })];
    const { timers, clock, fired, drawn } = setup(rows);
    clock.setVisible(true);
    const fresh = container({ id: 'fresh', startedAt: timers.now() });
    rows.push(fresh);
    drawn.set('fresh', containerStatusText(fresh, timers.now()));
    clock.wakeWithin(nextStatusChangeMs(fresh, timers.now()));
    timers.advance(1100);
    assert.deepEqual(fired, [['fresh']]);
  });
});
