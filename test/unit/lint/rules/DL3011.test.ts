import * as assert from 'node:assert/strict';
import { lint } from '../../../../src/lint/lint';
import { rule } from '../../../../src/lint/rules/DL3011';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM debian:12\nEXPOSE 80\n',
    'FROM debian:12\nEXPOSE 65535/udp\n',
    'FROM debian:12\nEXPOSE 8000-8010\n',
    'FROM debian:12\nARG PORT=99999\nEXPOSE $PORT\n',
    'FROM debian:12\nEXPOSE 0 443/tcp\n',
  ],
  invalid: [
    { code: 'FROM debian:12\nEXPOSE 65536\n', errors: [{ line: 2, column: 8, endLine: 2, endColumn: 13 }] },
    { code: 'FROM debian:12\nEXPOSE 80 80000/tcp\n', errors: [{ line: 2, column: 11, endColumn: 20 }] },
    { code: 'FROM debian:12\nEXPOSE 8000-70000\n', errors: [{ line: 2, column: 8, endColumn: 18 }] },
    { code: 'FROM debian:12\nexpose 99999/udp 1\n', errors: [{ line: 2, column: 8, endColumn: 17 }] },
    { code: 'FROM debian:12\nEXPOSE 70000 \\\n  80000\n', errors: [{ line: 2, column: 8, endColumn: 13 }, { line: 3, column: 3, endColumn: 8 }] },
  ],
});

describe('DL3011 and InvalidPort', () => {
  it('a well-formed port above 65535 is reported once, as DL3011; a malformed one only by InvalidPort', () => {
    const codes = (text: string) => lint(text).filter((f) => f.range.start.line === 1).map((f) => f.code);
    assert.deepEqual(codes('FROM debian:12\nEXPOSE 99999\n'), ['DL3011']);
    assert.deepEqual(codes('FROM debian:12\nEXPOSE http\n'), ['InvalidPort']);
  });
});
