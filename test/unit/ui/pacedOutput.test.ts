// The terminals' flow control, driven by a hand-run timer: what is shown at once, what waits,
// when the source is paused and resumed, and that nothing is lost or reordered.
import * as assert from 'node:assert/strict';
import { PacedOutput, type PacingLimits } from '../../../src/ui/terminals/pacedOutput';

const LIMITS: PacingLimits = { sliceChars: 10, intervalMs: 16, highWaterChars: 30, lowWaterChars: 10 };

function setup(limits = LIMITS): { output: PacedOutput; written: string[]; tick: () => boolean; source: { paused: boolean; calls: string[]; pause(): void; resume(): void } } {
  const written: string[] = [];
  let due: (() => void) | undefined;
  const output = new PacedOutput((text) => written.push(text), limits, (run) => {
    due = run;
    return 0 as unknown as ReturnType<typeof setTimeout>;
  });
  const source = {
    paused: false,
    calls: [] as string[],
    pause() { this.paused = true; this.calls.push('pause'); },
    resume() { this.paused = false; this.calls.push('resume'); },
  };
  output.attach(source);
  /** Fires the armed timer, as the event loop would after intervalMs. */
  const tick = (): boolean => {
    const run = due;
    due = undefined;
    run?.();
    return run !== undefined;
  };
  return { output, written, tick, source };
}

describe('PacedOutput', () => {
  it('shows text at once while idle', () => {
    const { output, written } = setup();
    output.push('hello');
    assert.deepEqual(written, ['hello']);
    assert.equal(output.pendingChars, 0);
  });

  it('holds what arrives within the interval and passes it on in slices, in order', () => {
    const { output, written, tick } = setup();
    output.push('a');
    output.push('bcdefghijklmnopqrstuvwxyz');
    assert.deepEqual(written, ['a']);
    assert.equal(output.pendingChars, 25);
    tick();
    assert.deepEqual(written, ['a', 'bcdefghijk']);
    while (tick()) { /* drain */ }
    assert.equal(written.join(''), 'abcdefghijklmnopqrstuvwxyz');
    assert.ok(written.every((w) => w.length <= LIMITS.sliceChars));
    assert.equal(output.pendingChars, 0);
  });

  it('pauses the source above the high-water mark and resumes it at the low one', () => {
    const { output, tick, source, written } = setup();
    output.push('0'.repeat(5)); // shown at once, arms the timer
    for (let i = 0; i < 4; i++) output.push(String(i + 1).repeat(10));
    assert.equal(output.pendingChars, 40);
    assert.equal(source.paused, true);
    assert.deepEqual(source.calls, ['pause']);
    tick(); // 30 left
    tick(); // 20 left
    assert.equal(source.paused, true);
    tick(); // 10 left: resumed
    assert.equal(source.paused, false);
    assert.deepEqual(source.calls, ['pause', 'resume']);
    assert.equal(output.maxPendingChars, 40);
    assert.equal(output.pauses, 1);
    assert.equal(output.resumes, 1);
    while (tick()) { /* drain */ }
    assert.equal(written.join(''), `00000${'1'.repeat(10)}${'2'.repeat(10)}${'3'.repeat(10)}${'4'.repeat(10)}`);
  });

  it('pauses at once a source attached after a flood arrived', () => {
    const written: string[] = [];
    const output = new PacedOutput((text) => written.push(text), LIMITS, () => 0 as unknown as ReturnType<typeof setTimeout>);
    output.push('x');
    output.push('y'.repeat(40));
    const calls: string[] = [];
    output.attach({ pause: () => calls.push('pause'), resume: () => calls.push('resume') });
    assert.deepEqual(calls, ['pause']);
  });

  it('never cuts a surrogate pair in two', () => {
    const { output, written, tick } = setup();
    output.push('.');
    output.push(`${'a'.repeat(9)}😀b`); // the emoji's halves would fall on both sides of the slice
    while (tick()) { /* drain */ }
    assert.ok(written.every((w) => !/[\ud800-\udbff]$/.test(w)), JSON.stringify(written));
    assert.equal(written.join(''), `.${'a'.repeat(9)}😀b`);
  });

  it('drained() waits for the queue; dispose() drops it and ends the wait', async () => {
    const { output, tick } = setup();
    output.push('a');
    output.push('b'.repeat(15));
    let drained = false;
    const waiting = output.drained().then(() => { drained = true; });
    tick();
    await Promise.resolve();
    assert.equal(drained, false);
    tick();
    await waiting;
    assert.equal(drained, true);
    output.push('c');
    output.push('d'.repeat(15));
    const second = output.drained();
    output.dispose();
    await second;
    output.push('ignored');
    assert.equal(output.pendingChars, 0);
  });
});
