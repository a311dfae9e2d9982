import { rule } from '../../../../src/lint/rules/DL3000';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM debian:12\nWORKDIR /app\n',
    'FROM debian:12\nWORKDIR "/app dir"\n',
    'FROM debian:12\nARG DIR=/srv\nWORKDIR $DIR\n',
    'FROM debian:12\nWORKDIR ${HOME}/src\n',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\\\app\n',
    'FROM debian:12\nWORKDIR\n',
  ],
  invalid: [
    { code: 'FROM debian:12\nWORKDIR app\n', errors: [{ line: 2, column: 9, endLine: 2, endColumn: 12 }] },
    { code: 'FROM debian:12\nWORKDIR ./src\n', errors: [{ line: 2, column: 9, endColumn: 14 }] },
    { code: 'FROM debian:12\nWORKDIR "src"\n', errors: [{ line: 2, column: 9, endColumn: 14 }] },
    { code: 'FROM debian:12\nworkdir ../x\n', errors: [{ line: 2, column: 9, endColumn: 13 }] },
    { code: 'FROM debian:12\nWORKDIR /app\nWORKDIR build\n', errors: [{ line: 3, column: 9, endColumn: 14 }] },
  ],
});
