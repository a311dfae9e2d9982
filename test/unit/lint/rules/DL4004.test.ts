import { rule } from '../../../../src/lint/rules/DL4004';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM debian:12\nENTRYPOINT ["bash"]\n',
    'FROM debian:12 AS a\nENTRYPOINT ["a"]\nFROM debian:12\nENTRYPOINT ["b"]\n',
    'FROM debian:12\nENTRYPOINT ["a"]\nCMD ["b"]\n',
    'FROM debian:12\nCMD a\nCMD b\n',
    'FROM debian:12\nONBUILD ENTRYPOINT a\nENTRYPOINT b\n',
  ],
  invalid: [
    { code: 'FROM debian:12\nENTRYPOINT a\nENTRYPOINT b\n', errors: [{ line: 3, column: 1, endLine: 3, endColumn: 11 }] },
    { code: 'FROM debian:12\nENTRYPOINT a\nRUN ls\nentrypoint ["b"]\n', errors: [{ line: 4, column: 1, endColumn: 11 }] },
    { code: 'FROM debian:12\nENTRYPOINT a\nENTRYPOINT b\nENTRYPOINT c\n', errors: [{ line: 3, column: 1 }, { line: 4, column: 1 }] },
    { code: 'FROM debian:12 AS a\nENTRYPOINT a\nFROM debian:12\nENTRYPOINT b\n  ENTRYPOINT c\n', errors: [{ line: 5, column: 3, endColumn: 13 }] },
    { code: 'FROM debian:12\nENTRYPOINT ["a"]\nCMD x\nENTRYPOINT ["b"]\n', errors: [{ line: 4, column: 1 }] },
  ],
});
