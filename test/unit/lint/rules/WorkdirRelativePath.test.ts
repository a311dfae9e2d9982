import { rule } from '../../../../src/lint/rules/WorkdirRelativePath';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM alpine:3\nWORKDIR /app\n',
    'FROM alpine:3\nWORKDIR /app\nWORKDIR src\n',
    'FROM alpine:3\nWORKDIR $HOME/work\n',
    '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nWORKDIR C:\\app\n',
    'FROM alpine:3 AS base\nWORKDIR /srv\nFROM base\nWORKDIR data\n',
  ],
  invalid: [
    { code: 'FROM alpine:3\nWORKDIR app\n', errors: [{ line: 2, column: 9, endLine: 2, endColumn: 12, message: 'Relative workdir "app"' }] },
    { code: 'FROM alpine:3\nWORKDIR app\nWORKDIR /x\nWORKDIR y\n', errors: [{ line: 2, column: 9, endColumn: 12 }] },
    { code: 'FROM alpine:3 AS a\nWORKDIR /app\nFROM alpine:3\nWORKDIR src\n', errors: [{ line: 4, column: 9, endColumn: 12 }] },
    { code: 'FROM alpine:3\nWORKDIR ./build\n', errors: [{ line: 2, column: 9, endColumn: 16 }] },
    // Only the first WORKDIR of a stage is checked (BuildKit): fixing it fixes the later ones.
    { code: 'from alpine:3\nworkdir ../x\nworkdir y\n', errors: [{ line: 2, column: 9, endColumn: 13 }] },
    { code: 'FROM alpine:3 AS base\nWORKDIR app\nFROM base\nWORKDIR data\n', errors: [{ line: 2, column: 9 }] },
  ],
});
