import * as assert from 'node:assert/strict';
import { pruneSparesNamedVolumes, volumesPruneRemoves } from '../../../../src/docker/volumes';

describe('what a volume prune removes', () => {
  it('named volumes are spared from API 1.42 on (Docker 23+), not before', () => {
    assert.equal(pruneSparesNamedVolumes('v1.41'), false);
    assert.equal(pruneSparesNamedVolumes('1.41'), false);
    assert.equal(pruneSparesNamedVolumes('v1.42'), true);
    assert.equal(pruneSparesNamedVolumes('v1.47'), true);
    assert.equal(pruneSparesNamedVolumes('1.100'), true);
    assert.equal(pruneSparesNamedVolumes('2.0'), true);
    assert.equal(pruneSparesNamedVolumes('v1.9'), false);
  });

  it('an unknown version is treated as the old behaviour, so the preview never lists too little', () => {
    assert.equal(pruneSparesNamedVolumes(undefined), false);
    assert.equal(pruneSparesNamedVolumes(''), false);
    assert.equal(pruneSparesNamedVolumes('latest'), false);
  });

  const unused: Array<{ Name: string; Labels?: Record<string, string> | null }> = [
    { Name: 'data', Labels: { team: 'db' } },
    { Name: '3f2a…', Labels: { 'com.docker.volume.anonymous': '' } },
    { Name: 'nolabels', Labels: null },
    { Name: 'missing' },
  ];

  it('before 1.42 every unused volume is listed', () => {
    assert.deepEqual(volumesPruneRemoves(unused, 'v1.41').map((v) => v.Name), ['data', '3f2a…', 'nolabels', 'missing']);
  });

  it('from 1.42 only anonymous volumes are listed', () => {
    assert.deepEqual(volumesPruneRemoves(unused, 'v1.43').map((v) => v.Name), ['3f2a…']);
  });
});
