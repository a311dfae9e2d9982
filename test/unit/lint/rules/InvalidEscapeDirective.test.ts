import { rule } from '../../../../src/lint/rules/InvalidEscapeDirective';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM debian:12\n',
    '# escape=\\\nFROM debian:12\n',
    '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\n',
    '# syntax=docker/dockerfile:1\n# escape=`\nFROM debian:12\n',
    'FROM debian:12\n# escape=x\n',
  ],
  invalid: [
    { code: '# escape=x\nFROM debian:12\n', errors: [{ line: 1, column: 10, endColumn: 11, message: "'x'" }] },
    { code: '# escape=//\nFROM debian:12\n', errors: [{ line: 1, column: 10, endColumn: 12 }] },
    { code: '#escape=$\nFROM debian:12\n', errors: [{ line: 1, column: 9 }] },
    { code: '# syntax=docker/dockerfile:1\n# ESCAPE=^\nFROM debian:12\n', errors: [{ line: 2, column: 10, endColumn: 11 }] },
    { code: '# escape = "\nFROM debian:12\n', errors: [{ line: 1, column: 12 }] },
  ],
});
