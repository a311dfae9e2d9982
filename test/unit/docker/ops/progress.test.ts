import * as assert from 'node:assert/strict';
import { ProgressFolder } from '../../../../src/docker/progress';

// A pull as dockerd 20.10 streams it for a two-layer image (sizes shortened).
const PULL = [
  { status: 'Pulling from wharf-test/busybox', id: 'v1' },
  { status: 'Pulling fs layer', id: 'aaaaaaaaaaaa' },
  { status: 'Already exists', id: 'bbbbbbbbbbbb' },
  { status: 'Downloading', id: 'aaaaaaaaaaaa', progressDetail: { current: 300, total: 1000 } },
  { status: 'Downloading', id: 'aaaaaaaaaaaa', progressDetail: { current: 1000, total: 1000 } },
  { status: 'Verifying Checksum', id: 'aaaaaaaaaaaa' },
  { status: 'Download complete', id: 'aaaaaaaaaaaa' },
  { status: 'Extracting', id: 'aaaaaaaaaaaa', progressDetail: { current: 500, total: 1000 } },
  { status: 'Pull complete', id: 'aaaaaaaaaaaa' },
  { status: 'Digest: sha256:0123' },
  { status: 'Status: Downloaded newer image for 127.0.0.1:5000/wharf-test/busybox:v1' },
];

describe('ProgressFolder', () => {
  it('folds per-layer pull progress into one rising percentage that ends at 100', () => {
    const folder = new ProgressFolder();
    const percents = PULL.map((e) => folder.add(e).percent);
    assert.deepEqual(percents, [...percents].sort((a, b) => a - b));
    assert.ok(percents.every((p) => p < 100), 'not 100 before the stream ended');
    const end = folder.complete();
    assert.equal(end.percent, 100);
    assert.equal(end.layers, 2);
    assert.equal(end.layersDone, 2);
  });

  it('weighs layers by size: half of the big layer downloaded is most of the way', () => {
    const folder = new ProgressFolder();
    folder.add({ status: 'Pulling fs layer', id: 'aaaaaaaaaaaa' });
    folder.add({ status: 'Pulling fs layer', id: 'cccccccccccc' });
    folder.add({ status: 'Downloading', id: 'cccccccccccc', progressDetail: { current: 1, total: 10 } });
    const p = folder.add({ status: 'Downloading', id: 'aaaaaaaaaaaa', progressDetail: { current: 900, total: 1000 } });
    // (0.8*0.9*1000 + 0.8*0.1*10) / 1010 ≈ 71%
    assert.equal(p.percent, 71);
    assert.equal(p.status, 'Downloading aaaaaaaaaaaa');
  });

  it('treats a pushed or already-present layer as done and ignores non-layer ids', () => {
    const folder = new ProgressFolder();
    folder.add({ status: 'The push refers to repository [127.0.0.1:5000/x]' });
    folder.add({ status: 'Preparing', id: 'aaaaaaaaaaaa' });
    folder.add({ status: 'Preparing', id: 'bbbbbbbbbbbb' });
    folder.add({ status: 'Layer already exists', id: 'aaaaaaaaaaaa' });
    const p = folder.add({ status: 'Pushed', id: 'bbbbbbbbbbbb' });
    assert.equal(p.layers, 2);
    assert.equal(p.layersDone, 2);
    assert.equal(p.percent, 99);
    assert.equal(folder.add({ status: 'v1: digest: sha256:00 size: 527', id: 'v1' }).layers, 2);
  });

  it('starts at 0 with no layers known', () => {
    assert.equal(new ProgressFolder().add({ status: 'Pulling from x', id: 'latest' }).percent, 0);
  });
});
