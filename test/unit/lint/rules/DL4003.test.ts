import { rule } from '../../../../src/lint/rules/DL4003';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM debian:12\nCMD ["bash"]\n',
    'FROM debian:12 AS a\nCMD ["a"]\nFROM debian:12\nCMD ["b"]\n',
    'FROM debian:12\nENTRYPOINT ["a"]\nCMD ["b"]\n',
    'FROM debian:12\nRUN echo CMD\nCMD x\n',
    'FROM debian:12\nONBUILD CMD a\nCMD b\n',
  ],
  invalid: [
    { code: 'FROM debian:12\nCMD a\nCMD b\n', errors: [{ line: 3, column: 1, endLine: 3, endColumn: 4 }] },
    { code: 'FROM debian:12\nCMD a\nRUN ls\ncmd ["b"]\n', errors: [{ line: 4, column: 1, endColumn: 4 }] },
    { code: 'FROM debian:12\nCMD a\nCMD b\nCMD c\n', errors: [{ line: 3, column: 1 }, { line: 4, column: 1 }] },
    { code: 'FROM debian:12 AS a\nCMD a\nFROM debian:12\nCMD b\n  CMD c\n', errors: [{ line: 5, column: 3, endColumn: 6 }] },
    { code: 'CMD a\nFROM debian:12\nCMD b\nCMD c\n', errors: [{ line: 4, column: 1 }] },
  ],
});
