// The one bulk-parallelism helper: never more than its limit in flight, each slot refilled as soon
// as it frees (no batch waits for its slowest member), results in order, the first failure wins.
import * as assert from 'node:assert/strict';
import { BULK_PARALLELISM, mapBounded } from '../../../src/docker/bounded';

interface Gate { release(): void; promise: Promise<void> }
function gate(): Gate {
  let release!: () => void;
  const promise = new Promise<void>((r) => { release = r; });
  return { release, promise };
}

describe('mapBounded', () => {
  it('keeps at most the limit in flight over 10,000 items and returns results in order', async () => {
    let inFlight = 0;
    let most = 0;
    const items = Array.from({ length: 10_000 }, (_, i) => i);
    const results = await mapBounded(items, async (i) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await Promise.resolve();
      inFlight--;
      return i * 2;
    });
    assert.equal(most, BULK_PARALLELISM);
    assert.deepEqual(results, items.map((i) => i * 2));
  });

  it('starts the next item as soon as one finishes, while a slow one is still running', async () => {
    const slow = gate();
    const started: number[] = [];
    const done = mapBounded([0, 1, 2, 3], async (i) => {
      started.push(i);
      if (i === 0) await slow.promise;
    }, 2);
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(started, [0, 1, 2, 3], 'items 2 and 3 ran beside the slow item 0');
    slow.release();
    await done;
  });

  it('rejects with the first failure and starts nothing after it', async () => {
    const started: number[] = [];
    await assert.rejects(mapBounded([0, 1, 2, 3, 4, 5], async (i) => {
      started.push(i);
      if (i === 1) throw new Error('boom');
    }, 2), /boom/);
    assert.ok(!started.includes(5), `started ${started.join(',')}`);
  });

  it('handles no items', async () => {
    assert.deepEqual(await mapBounded([], async () => 1), []);
  });
});
