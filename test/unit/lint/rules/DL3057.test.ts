import * as assert from 'node:assert/strict';
import { lint } from '../../../../src/lint/lint';
import { rule } from '../../../../src/lint/rules/DL3057';
import { testRule } from '../ruleTester';

describe('DL3057 meta', () => {
  it('is off by default, as hadolint ships it with severity "ignore"', () => {
    assert.equal(rule.meta.enabledByDefault, false);
  });
});

testRule(rule, {
  valid: [
    'FROM debian:12\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n',
    'FROM debian:12\nHEALTHCHECK NONE\n',
    'FROM debian:12 AS base\nHEALTHCHECK CMD true\nFROM base\nRUN ls\n',
    'FROM debian:12 AS a\nHEALTHCHECK CMD true\nFROM a AS b\nFROM b\n',
    // hadolint: a HEALTHCHECK also counts for the stages the current one is built from.
    'FROM debian:12 AS base\nFROM base AS app\nHEALTHCHECK CMD true\n',
    '',
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN ls\n', errors: [{ line: 1, column: 1, endLine: 1, endColumn: 5 }] },
    { code: 'FROM debian:12 AS build\nFROM alpine:3\nHEALTHCHECK CMD true\n', errors: [{ line: 1, column: 1, endColumn: 5 }] },
    { code: 'FROM debian:12\nHEALTHCHECK CMD true\nFROM alpine:3\n', errors: [{ line: 3, column: 1 }] },
    { code: 'from debian:12\n', errors: [{ line: 1, column: 1, endColumn: 5 }] },
    { code: 'FROM a:1 AS a\nFROM b:1\n  FROM a\n', errors: [{ line: 1, column: 1 }, { line: 2, column: 1 }, { line: 3, column: 3 }] },
  ],
});

describe('DL3057 default level', () => {
  const text = 'FROM debian:12\nRUN ls\n';
  it('does not report in a default lint (hadolint ships it as "ignore")', () => {
    assert.deepEqual(lint(text).filter((f) => f.code === 'DL3057'), []);
  });
  it('reports once the configuration gives it a level', () => {
    const found = lint(text, { config: { override: { DL3057: 'warning' } } }).filter((f) => f.code === 'DL3057');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'warning');
  });
});
