import { rule } from '../../../../src/lint/rules/DL3066';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM debian:12\nUSER 1000\n',
    'FROM debian:12\nUSER 1000:1000\n',
    'FROM debian:12\nUSER 0\nRUN apt-get update\nUSER 65532\n',
    'ARG APP_USER=app\nFROM debian:12\nUSER $APP_USER\n',
    'FROM debian:12\nARG UID=1000\nUSER ${UID}\n',
  ],
  invalid: [
    // Every USER counts, in every stage (hadolint), not only the last one.
    { code: 'FROM debian:12\nUSER root\nRUN apt-get update\nUSER 65532\n', errors: [{ line: 2, column: 6, endColumn: 10 }] },
    { code: 'FROM debian:12 AS build\nUSER builder\nFROM debian:12\n', errors: [{ line: 2, column: 6, endColumn: 13 }] },
    // A variable no ARG declares is not known to be numeric.
    { code: 'FROM debian:12\nUSER ${UID}\n', errors: [{ line: 2, column: 6 }] },
    { code: 'FROM debian:12\nUSER app\n', errors: [{ line: 2, column: 6, endLine: 2, endColumn: 9 }] },
    { code: 'FROM debian:12\nUSER app:staff\n', errors: [{ line: 2, column: 6, endColumn: 9 }] },
    { code: 'FROM debian:12\nUSER 1000\nUSER nobody\n', errors: [{ line: 3, column: 6, endColumn: 12 }] },
    { code: 'FROM debian:12 AS build\nUSER 1\nFROM debian:12\nUSER www-data\n', errors: [{ line: 4, column: 6, endColumn: 14 }] },
    { code: 'FROM debian:12\nuser   node:1000\n', errors: [{ line: 2, column: 8, endColumn: 12 }] },
  ],
});
