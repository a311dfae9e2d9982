import { rule } from '../../../../src/lint/rules/DL3012';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM debian:12\nHEALTHCHECK CMD curl -f http://localhost/\n',
    'FROM debian:12\n',
    'FROM debian:12 AS a\nHEALTHCHECK NONE\nFROM debian:12\nHEALTHCHECK CMD true\n',
    'FROM debian:12\nHEALTHCHECK --interval=5s CMD true\nRUN true\n',
    'FROM debian:12\nRUN echo HEALTHCHECK HEALTHCHECK\n',
  ],
  invalid: [
    { code: 'FROM debian:12\nHEALTHCHECK CMD true\nHEALTHCHECK CMD false\n', errors: [{ line: 3, column: 1, endLine: 3, endColumn: 12 }] },
    { code: 'FROM debian:12\nHEALTHCHECK NONE\nHEALTHCHECK NONE\nHEALTHCHECK CMD true\n', errors: [{ line: 3, column: 1 }, { line: 4, column: 1, endColumn: 12 }] },
    { code: 'FROM debian:12\nhealthcheck CMD true\nRUN true\nhealthcheck CMD true\n', errors: [{ line: 4, column: 1, endColumn: 12 }] },
    { code: 'FROM a:1 AS a\nHEALTHCHECK NONE\nFROM b:1\nHEALTHCHECK NONE\nHEALTHCHECK NONE\n', errors: [{ line: 5, column: 1, endColumn: 12 }] },
    { code: 'FROM debian:12\n  HEALTHCHECK NONE\n  HEALTHCHECK NONE\n', errors: [{ line: 3, column: 3, endColumn: 14 }] },
  ],
});
