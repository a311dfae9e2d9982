import * as assert from 'node:assert/strict';
import { stopGraceSeconds } from '../../../../src/docker/containers';

describe('stop grace period', () => {
  it('the caller\'s timeout wins, even 0 over a container\'s own', () => {
    assert.equal(stopGraceSeconds(5, 60), 5);
    assert.equal(stopGraceSeconds(0, 60), 0);
  });

  it('without one, the container\'s StopTimeout decides, else the engine\'s 10 s', () => {
    assert.equal(stopGraceSeconds(undefined, 60), 60);
    assert.equal(stopGraceSeconds(undefined, 0), 0);
    assert.equal(stopGraceSeconds(undefined, undefined), 10);
    assert.equal(stopGraceSeconds(undefined, null), 10);
  });

  it('an unlimited wait (-1) is still bounded', () => {
    assert.equal(stopGraceSeconds(undefined, -1), 600);
    assert.equal(stopGraceSeconds(-1, undefined), 600);
  });
});
