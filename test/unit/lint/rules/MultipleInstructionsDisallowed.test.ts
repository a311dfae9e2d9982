import { rule } from '../../../../src/lint/rules/MultipleInstructionsDisallowed';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM alpine:3\nCMD ["a"]\n',
    'FROM alpine:3 AS a\nCMD ["a"]\nFROM alpine:3\nCMD ["b"]\n',
    'FROM alpine:3\nENTRYPOINT ["tini"]\nCMD ["app"]\n',
    'FROM alpine:3\nONBUILD CMD ["x"]\nCMD ["y"]\n',
    'FROM alpine:3\nHEALTHCHECK CMD wget -q localhost\nCMD ["y"]\n',
  ],
  invalid: [
    { code: 'FROM alpine:3\nCMD ["a"]\nCMD ["b"]\n', errors: [{ line: 2, column: 1, endLine: 2, endColumn: 4, message: 'Multiple CMD instructions' }] },
    { code: 'FROM alpine:3\nENTRYPOINT ["a"]\nENTRYPOINT ["b"]\nENTRYPOINT ["c"]\n', errors: [{ line: 2, column: 1, endColumn: 11 }, { line: 3, column: 1, endColumn: 11 }] },
    { code: 'FROM alpine:3\nHEALTHCHECK NONE\nHEALTHCHECK CMD true\n', errors: [{ line: 2, column: 1, endColumn: 12, message: 'HEALTHCHECK' }] },
    { code: 'FROM alpine:3 AS a\nCMD ["a"]\nFROM alpine:3\nCMD ["b"]\nRUN true\ncmd ["c"]\n', errors: [{ line: 4, column: 1, endColumn: 4 }] },
    { code: 'FROM alpine:3\nCMD ["a"]\nENTRYPOINT ["x"]\nCMD ["b"]\nENTRYPOINT ["y"]\n', errors: [{ line: 2, column: 1 }, { line: 3, column: 1 }] },
  ],
});
