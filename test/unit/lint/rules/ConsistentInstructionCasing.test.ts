import { rule } from '../../../../src/lint/rules/ConsistentInstructionCasing';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM alpine:3\nRUN echo hi\nCMD ["sh"]\n',
    'from alpine:3\nrun echo hi\ncmd ["sh"]\n',
    'FROM alpine:3\n',
    '# comment\nFROM alpine:3\nRUN echo from run\n',
    'FROM alpine:3\nONBUILD RUN echo\n',
    'FROM alpine:3\nfrobnicate everything\nRUN true\n',
  ],
  invalid: [
    {
      code: 'From alpine\nRun echo hello > /greeting.txt\nEntRYpOiNT ["cat", "/greeting.txt"]\n',
      errors: [
        { line: 1, column: 1, endColumn: 5, message: "'From' should match the case of the command majority (uppercase)" },
        { line: 2, column: 1, endColumn: 4 },
        { line: 3, column: 1, endColumn: 11 },
      ],
      output: 'FROM alpine\nRUN echo hello > /greeting.txt\nENTRYPOINT ["cat", "/greeting.txt"]\n',
    },
    {
      code: 'FROM alpine:3\nrun echo hi\nCMD ["sh"]\n',
      errors: [{ line: 2, column: 1, endColumn: 4 }],
      output: 'FROM alpine:3\nRUN echo hi\nCMD ["sh"]\n',
    },
    {
      code: 'from alpine:3\nrun echo hi\nWORKDIR /app\ncmd ["sh"]\n',
      errors: [{ line: 3, column: 1, endColumn: 8, message: '(lowercase)' }],
      output: 'from alpine:3\nrun echo hi\nworkdir /app\ncmd ["sh"]\n',
    },
    {
      code: 'from alpine:3\nRUN echo hi\n',
      errors: [{ line: 1, column: 1, endColumn: 5 }],
      output: 'FROM alpine:3\nRUN echo hi\n',
    },
    {
      code: 'FROM alpine:3\n  Copy a /a\nUSER app\n',
      errors: [{ line: 2, column: 3, endColumn: 7 }],
      output: 'FROM alpine:3\n  COPY a /a\nUSER app\n',
    },
  ],
});
