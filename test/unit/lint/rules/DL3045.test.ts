import { rule } from '../../../../src/lint/rules/DL3045';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM debian:12\nCOPY a.txt /app/\n',
    'FROM debian:12\nWORKDIR /app\nCOPY a.txt .\n',
    'FROM debian:12 AS base\nWORKDIR /app\nFROM base\nCOPY a.txt .\n',
    'FROM debian:12\nCOPY a.txt $APP_HOME\n',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY a.txt C:\\\\app\\\\\n',
    'FROM debian:12\nCOPY ["a.txt", "/app/"]\n',
    'FROM debian:12\nONBUILD WORKDIR /usr/local/lib\nONBUILD COPY foo bar\n',
    // ONBUILD COPY is not checked (false positive fixed).
    'FROM debian:12\nONBUILD COPY a b\n',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY a.txt D:app\n',
    'FROM debian:12 AS base1\nWORKDIR /usr\nFROM base1 AS base2\nFROM base2\nCOPY foo bar\n',
  ],
  invalid: [
    { code: 'FROM debian:12\nCOPY a.txt app/\n', errors: [{ line: 2, column: 12, endLine: 2, endColumn: 16 }] },
    { code: 'FROM debian:12\nCOPY a.txt b.txt .\n', errors: [{ line: 2, column: 18, endColumn: 19 }] },
    { code: 'FROM debian:12 AS base\nWORKDIR /app\nFROM alpine:3\nCOPY a.txt .\n', errors: [{ line: 4, column: 12 }] },
    { code: 'FROM debian:12\nCOPY --from=build /out "dist"\n', errors: [{ line: 2, column: 24, endColumn: 30 }] },
    { code: 'FROM debian:12\nCOPY ["a.txt", "app"]\n', errors: [{ line: 2, column: 16, endColumn: 21 }] },
    // ONBUILD WORKDIR sets nothing for the stage's own COPY (hadolint has no ONBUILD variant).
    { code: 'FROM debian:12\nONBUILD WORKDIR /app\nCOPY a b\n', errors: [{ line: 3, column: 8, endColumn: 9 }] },
  ],
});
