// The reconnect schedule as pure logic: a hand-set clock and hand-picked "random" numbers.
import * as assert from 'node:assert/strict';
import { RECONNECT_SCHEDULE, ReconnectBackoff } from '../../../src/docker/backoff';

function backoff(randoms: number[] = [], schedule = RECONNECT_SCHEDULE): { backoff: ReconnectBackoff; clock: { now: number } } {
  const clock = { now: 0 };
  const queue = [...randoms];
  return { backoff: new ReconnectBackoff(schedule, () => queue.shift() ?? 0.5, () => clock.now), clock };
}

describe('ReconnectBackoff', () => {
  it('doubles from 250 ms to the 15 s cap, each delay between half and all of its step', () => {
    const low = backoff(Array(10).fill(0)).backoff;
    const high = backoff(Array(10).fill(0.999999)).backoff;
    const steps = [250, 500, 1000, 2000, 4000, 8000, 15_000, 15_000, 15_000, 15_000];
    assert.deepEqual(steps.map(() => low.nextDelayMs()), steps.map((s) => s / 2));
    assert.deepEqual(steps.map(() => high.nextDelayMs()), steps);
  });

  it('spreads two clients that failed together', () => {
    const a = backoff([0.1, 0.1, 0.1]).backoff;
    const b = backoff([0.9, 0.9, 0.9]).backoff;
    for (let i = 0; i < 3; i++) assert.notEqual(a.nextDelayMs(), b.nextDelayMs());
  });

  it('starts again from the first delay only after a connection that stayed up for the stability window', () => {
    const { backoff: b, clock } = backoff(Array(20).fill(0.999999));
    assert.deepEqual([b.nextDelayMs(), b.nextDelayMs(), b.nextDelayMs()], [250, 500, 1000]);
    // Up, then down again after 2 s: a flapping engine keeps backing off.
    b.connected();
    clock.now += 2000;
    assert.equal(b.nextDelayMs(), 2000);
    assert.equal(b.attempts, 4);
    // Up for the whole window: the next failure is treated as a first one.
    b.connected();
    clock.now += RECONNECT_SCHEDULE.stableMs;
    assert.equal(b.nextDelayMs(), 250);
    assert.equal(b.attempts, 1);
  });

  it('a failure without a connection in between never resets the schedule, however long apart', () => {
    const { backoff: b, clock } = backoff(Array(5).fill(0.999999));
    b.nextDelayMs();
    clock.now += 3_600_000;
    assert.equal(b.nextDelayMs(), 500);
  });

  it('stays at the cap after very many failures (no overflow)', () => {
    const b = backoff([], { initialMs: 250, maxMs: 15_000, stableMs: 10_000 }).backoff;
    let last = 0;
    for (let i = 0; i < 2000; i++) last = b.nextDelayMs();
    assert.equal(last, 11_250); // half fixed + 0.5 × half random
  });
});
