import { rule } from '../../../../src/lint/rules/DL3002';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM debian:12\nUSER app\n',
    'FROM debian:12\nUSER root\nRUN apt-get update\nUSER 1000\n',
    'FROM debian:12\nUSER rooted\n',
    'FROM debian:12\n',
    'FROM debian:12\nUSER 0:0\nRUN true\nUSER nobody:nogroup\n',
  ],
  invalid: [
    { code: 'FROM debian:12\nUSER root\n', errors: [{ line: 2, column: 6, endLine: 2, endColumn: 10 }] },
    { code: 'FROM debian:12\nUSER app\nUSER 0\n', errors: [{ line: 3, column: 6, endColumn: 7 }] },
    { code: 'FROM debian:12\nUSER root:root\nCMD ["sh"]\n', errors: [{ line: 2, column: 6, endColumn: 15 }] },
    { code: 'FROM debian:12 AS build\nUSER root\nFROM debian:12\nUSER app\n', errors: [{ line: 2, column: 6, endColumn: 10 }] },
    { code: 'FROM debian:12\nUSER root\nUSER root\n', errors: [{ line: 3, column: 6, endColumn: 10 }] },
  ],
});
