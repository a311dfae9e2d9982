// The tree refresh pacer: a refresh passes at once when the host's window is closed, waits for
// the window's end otherwise, merges what arrives meanwhile, and a hold ends early when a
// change without one arrives. Driven by a hand-set clock; timers are real but short.
import * as assert from 'node:assert/strict';
import { RefreshPacer } from '../../../src/ui/tree/refreshPacer';

const WINDOW = 40;

function setup(): { pacer: RefreshPacer<string>; fired: { at: number; nodes: string[] | undefined }[]; start: number } {
  const fired: { at: number; nodes: string[] | undefined }[] = [];
  const start = performance.now();
  const pacer = new RefreshPacer<string>((nodes) => fired.push({ at: performance.now() - start, nodes }), WINDOW);
  return { pacer, fired, start };
}

const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('RefreshPacer', () => {
  it('passes the first refresh at once', () => {
    const { pacer, fired } = setup();
    pacer.request(['a']);
    assert.deepEqual(fired.map((f) => f.nodes), [['a']]);
    pacer.dispose();
  });

  it('holds a refresh inside the window until it closes, merging what came meanwhile', async () => {
    const { pacer, fired } = setup();
    pacer.request(['a']);
    pacer.request(['b']);
    pacer.request(['c', 'b']);
    assert.equal(fired.length, 1);
    await wait(WINDOW + 30);
    assert.equal(fired.length, 2);
    assert.deepEqual(fired[1].nodes, ['b', 'c']);
    assert.ok(fired[1].at >= WINDOW - 2, `second refresh at ${fired[1].at} ms, before the window closed`);
    pacer.dispose();
  });

  it('a whole-tree refresh absorbs node refreshes', async () => {
    const { pacer, fired } = setup();
    pacer.request(['a']);
    pacer.request(['b']);
    pacer.request(undefined);
    await wait(WINDOW + 30);
    assert.deepEqual(fired.map((f) => f.nodes), [['a'], undefined]);
    pacer.dispose();
  });

  it('waits for a hold, and a request without a hold ends it early', async () => {
    const { pacer, fired } = setup();
    pacer.request(['exited'], 1000);
    assert.equal(fired.length, 0, 'held');
    await wait(10);
    pacer.request(undefined);
    assert.deepEqual(fired.map((f) => f.nodes), [undefined], 'both went in one refresh, at once');
    pacer.dispose();
  });

  it('passes a held refresh when its hold ends', async () => {
    const { pacer, fired } = setup();
    pacer.request(['exited'], 30);
    await wait(80);
    assert.deepEqual(fired.map((f) => f.nodes), [['exited']]);
    assert.ok(fired[0].at >= 28, `fired after ${fired[0].at} ms`);
    pacer.dispose();
  });

  it('settles at once when idle, and after the refresh that waits', async () => {
    const { pacer, fired } = setup();
    await pacer.settled();
    pacer.request(['a']);
    pacer.request(['b']);
    assert.equal(fired.length, 1);
    await pacer.settled();
    assert.deepEqual(fired.map((f) => f.nodes), [['a'], ['b']]);
    pacer.dispose();
  });

  it('an empty request fires nothing, and dispose drops what waits', async () => {
    const { pacer, fired } = setup();
    pacer.request([]);
    assert.equal(fired.length, 0);
    pacer.request(['a']);
    pacer.request(['b']);
    pacer.dispose();
    await wait(WINDOW + 30);
    assert.deepEqual(fired.map((f) => f.nodes), [['a']]);
  });
});
