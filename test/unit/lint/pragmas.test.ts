import * as assert from 'node:assert/strict';
import { lint } from '../../../src/lint/lint';
import { rule as DL3006 } from '../../../src/lint/rules/DL3006';
import { rule as StageNameCasing } from '../../../src/lint/rules/StageNameCasing';
import { rule as FromAsCasing } from '../../../src/lint/rules/FromAsCasing';
import { rule as UnknownInstruction } from '../../../src/lint/rules/UnknownInstruction';

const codes = (text: string, rules = [DL3006, StageNameCasing, FromAsCasing, UnknownInstruction], config = {}) =>
  lint(text, { rules, config }).map((f) => `${f.range.start.line + 1}:${f.code}:${f.severity}`);

describe('lint pragmas and configuration', () => {
  it('# hadolint ignore= applies to the next instruction only', () => {
    assert.deepEqual(codes('# hadolint ignore=DL3006\nFROM debian\nFROM alpine\n'), ['3:DL3006:warning']);
  });

  it('ignore lists several codes, with spaces, and stacked comments add up', () => {
    assert.deepEqual(codes('# hadolint ignore=DL3006, StageNameCasing\nFROM debian AS Build\n'), []);
    assert.deepEqual(codes('# hadolint ignore=DL3006\n# hadolint ignore=StageNameCasing\nFROM debian AS Build\n'), []);
  });

  it('an ignore comment covers every line of a continued instruction', () => {
    assert.deepEqual(codes('# hadolint ignore=DL3006\nFROM \\\n  debian\n'), []);
  });

  it('# hadolint global ignore= applies to the whole file', () => {
    assert.deepEqual(codes('FROM debian\n# hadolint global ignore=DL3006\nFROM alpine\n'), []);
  });

  it('# check=skip= drops the named BuildKit checks, skip=all every one, hadolint codes stay', () => {
    assert.deepEqual(codes('# check=skip=StageNameCasing\nFROM debian AS Build\n'), ['2:DL3006:warning']);
    assert.deepEqual(codes('# check=skip=all\nFROM debian as Build\n'), ['2:DL3006:warning']);
  });

  it('# check=error=true turns BuildKit warnings into errors, not hadolint ones', () => {
    assert.deepEqual(codes('# check=error=true\nFROM debian AS Build\n'), ['2:DL3006:warning', '2:StageNameCasing:error']);
    assert.deepEqual(codes('# check=skip=FromAsCasing;error=true\nFROM debian:12 as Build\n'), ['2:StageNameCasing:error']);
  });

  it('a check directive after the first instruction is only a comment', () => {
    assert.deepEqual(codes('FROM debian:12 AS Build\n# check=skip=all\n'), ['1:StageNameCasing:warning']);
  });

  it('configured ignores and overrides apply after the rules, override beats check=error', () => {
    assert.deepEqual(codes('FROM debian AS Build\n', undefined, { ignored: ['DL3006'] }), ['1:StageNameCasing:warning']);
    assert.deepEqual(codes('FROM debian AS Build\n', undefined, { override: { DL3006: 'error', StageNameCasing: 'off' } }), ['1:DL3006:error']);
    assert.deepEqual(codes('# check=error=true\nFROM debian:12 AS Build\n', undefined, { override: { StageNameCasing: 'info' } }), ['2:StageNameCasing:info']);
  });

  it('disable-ignore-pragma keeps findings the comments would hide', () => {
    assert.deepEqual(codes('# hadolint ignore=DL3006\nFROM debian\n', undefined, { disableIgnorePragma: true }), ['2:DL3006:warning']);
  });

  it('a byte-order mark does not shift ranges nor hide the first instruction', () => {
    const found = lint('\uFEFFFROM debian\n', { rules: [DL3006, UnknownInstruction] });
    assert.deepEqual(found.map((f) => [f.code, f.range.start.character, f.range.end.character]), [['DL3006', 6, 12]]);
  });
});
