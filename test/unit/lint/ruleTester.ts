// A small ESLint-style tester for one lint rule: `valid` snippets must produce no finding of the
// rule; `invalid` ones must produce exactly the listed findings at the listed 1-based positions,
// and, where `output` is given, applying the first fix of each finding must yield it.
import * as assert from 'node:assert/strict';
import { lint } from '../../../src/lint/lint';
import { applyFixes } from '../../../src/lint/applyFix';
import type { LintSettings, Rule } from '../../../src/lint/rule';

export interface ExpectedFinding {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** A substring the message must contain. */
  message?: string;
}

export interface InvalidCase {
  code: string;
  errors: ExpectedFinding[];
  output?: string;
  settings?: Partial<LintSettings>;
}

export interface ValidCase {
  code: string;
  settings?: Partial<LintSettings>;
}

export function testRule(rule: Rule, cases: { valid: (string | ValidCase)[]; invalid: InvalidCase[] }): void {
  describe(rule.meta.code, () => {
    for (const [i, raw] of cases.valid.entries()) {
      const valid = typeof raw === 'string' ? { code: raw } : raw;
      it(`catches not #${i + 1}: ${firstLine(valid.code)}`, () => {
        const found = lint(valid.code, { rules: [rule], settings: valid.settings }).filter((f) => f.code === rule.meta.code);
        assert.deepEqual(found.map(describeFinding), []);
      });
    }
    for (const [i, invalid] of cases.invalid.entries()) {
      it(`catches #${i + 1}: ${firstLine(invalid.code)}`, () => {
        const found = lint(invalid.code, { rules: [rule], settings: invalid.settings }).filter((f) => f.code === rule.meta.code);
        assert.equal(found.length, invalid.errors.length, `expected ${invalid.errors.length} finding(s), got: ${JSON.stringify(found.map(describeFinding))}`);
        invalid.errors.forEach((expected, j) => {
          const actual = found[j];
          assert.equal(actual.range.start.line + 1, expected.line, `finding ${j} line`);
          assert.equal(actual.range.start.character + 1, expected.column, `finding ${j} column`);
          if (expected.endLine !== undefined) assert.equal(actual.range.end.line + 1, expected.endLine, `finding ${j} endLine`);
          if (expected.endColumn !== undefined) assert.equal(actual.range.end.character + 1, expected.endColumn, `finding ${j} endColumn`);
          if (expected.message !== undefined) assert.ok(actual.message.includes(expected.message), `message "${actual.message}" lacks "${expected.message}"`);
        });
        if (invalid.output !== undefined) {
          const fixes = found.map((f) => f.fixes[0]).filter((f) => f !== undefined);
          assert.ok(fixes.length > 0, 'expected a fix');
          assert.equal(applyFixes(invalid.code, fixes), invalid.output);
        }
      });
    }
  });
}

function firstLine(code: string): string {
  return JSON.stringify(code.split('\n').find((l) => l.trim() !== '' && !l.startsWith('#')) ?? code).slice(0, 60);
}

function describeFinding(f: { range: { start: { line: number; character: number } }; message: string }): string {
  return `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`;
}
