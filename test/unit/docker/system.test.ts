// The daemon's labels as /info gives them ("key=value" strings; Podman answers null).
import * as assert from 'node:assert/strict';
import { engineLabelsOf } from '../../../src/docker/system';

describe('engine labels', () => {
  it('reads key=value strings, the value kept whole after the first "="', () => {
    assert.deepEqual(engineLabelsOf({ Labels: ['wharf.demo=true', 'zone=eu=west', 'flag'] }), { 'wharf.demo': 'true', zone: 'eu=west', flag: '' });
  });

  it('a later duplicate key wins; empty keys and non-strings are skipped', () => {
    assert.deepEqual(engineLabelsOf({ Labels: ['a=1', 'a=2', '=x', '', 42] }), { a: '2' });
  });

  it('no labels (Podman answers null, old engines omit the field)', () => {
    assert.deepEqual(engineLabelsOf({ Labels: null }), {});
    assert.deepEqual(engineLabelsOf({}), {});
  });
});
