import * as assert from 'node:assert/strict';
import { locateStep, parseStepLine } from '../../../../src/docker/buildSteps';

const DOCKERFILE = [
  '# syntax=docker/dockerfile:1', // 1: a directive, not a step
  'ARG BASE=busybox', //             2: step 1 (meta ARG)
  '', //                             3
  'FROM $BASE AS build', //          4: step 2
  '# a comment', //                  5
  'RUN echo one && \\', //           6: step 3
  '    echo two', //                 7
  'from build', //                   8: step 4 (keywords are case-insensitive)
  'CMD ["sh"]', //                   9: step 5
].join('\n');

describe('build steps → Dockerfile lines', () => {
  it('parses the classic builder step header', () => {
    assert.deepEqual(parseStepLine('Step 3/5 : RUN echo one &&     echo two'), { step: 3, total: 5, text: 'RUN echo one &&     echo two' });
    assert.equal(parseStepLine(' ---> Running in 0123'), undefined);
    assert.equal(parseStepLine('Successfully built 0123'), undefined);
  });

  it('finds step N as the Nth instruction, counting meta ARGs and skipping comments and directives', () => {
    assert.deepEqual(locateStep(DOCKERFILE, { step: 1, total: 5, text: 'ARG BASE=busybox' }), { line: 2, endLine: 2, keyword: 'ARG' });
    assert.deepEqual(locateStep(DOCKERFILE, { step: 2, total: 5, text: 'FROM $BASE AS build' }), { line: 4, endLine: 4, keyword: 'FROM' });
    assert.deepEqual(locateStep(DOCKERFILE, { step: 3, total: 5, text: 'RUN echo one &&     echo two' }), { line: 6, endLine: 7, keyword: 'RUN' });
    assert.deepEqual(locateStep(DOCKERFILE, { step: 4, total: 5, text: 'FROM build' }), { line: 8, endLine: 8, keyword: 'FROM' });
    assert.deepEqual(locateStep(DOCKERFILE, { step: 5, total: 5, text: 'CMD ["sh"]' }), { line: 9, endLine: 9, keyword: 'CMD' });
  });

  it('refuses to point at a line when the instruction does not match (the file changed)', () => {
    assert.equal(locateStep(DOCKERFILE, { step: 3, total: 5, text: 'COPY . /app' }), undefined);
    assert.equal(locateStep(DOCKERFILE, { step: 9, total: 9, text: 'RUN x' }), undefined);
  });
});
