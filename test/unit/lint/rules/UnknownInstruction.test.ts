import { rule } from '../../../../src/lint/rules/UnknownInstruction';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM debian:12\nRUN true\n',
    'from debian:12\nworkdir /app\n',
    'FROM debian:12\nONBUILD RUN make\n',
    'FROM debian:12\nHEALTHCHECK NONE\nSTOPSIGNAL SIGTERM\n',
    '# a comment\nFROM debian:12\nMAINTAINER someone\n',
  ],
  invalid: [
    { code: 'FROM debian:12\nRUNN make\n', errors: [{ line: 2, column: 1, endLine: 2, endColumn: 5, message: 'did you mean RUN?' }] },
    { code: 'FROM debian:12\nCOPPY a b\n', errors: [{ line: 2, column: 1, endColumn: 6, message: 'COPPY' }] },
    { code: 'FROM debian:12\nONBUILD FETCH x\n', errors: [{ line: 2, column: 9, endColumn: 14, message: 'Unknown instruction: FETCH' }] },
    { code: 'FROM debian:12\n  frobnicate now\n', errors: [{ line: 2, column: 3, endColumn: 13 }] },
    { code: 'FROM debian:12\nRUN echo \\\n  a\nXYZZY\n', errors: [{ line: 4, column: 1, endColumn: 6 }] },
  ],
});
