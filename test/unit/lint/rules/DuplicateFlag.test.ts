import { rule } from '../../../../src/lint/rules/DuplicateFlag';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM debian:12\nRUN --mount=type=cache,target=/a --mount=type=cache,target=/b make\n',
    'FROM debian:12\nCOPY --exclude=*.md --exclude=*.txt . /app\n',
    'FROM debian:12\nADD --exclude=a --exclude=b . /app\n',
    'FROM debian:12\nCOPY --chown=1 --chmod=644 a /b\n',
    'FROM --platform=linux/amd64 debian:12\n',
  ],
  invalid: [
    { code: 'FROM debian:12\nCOPY --chown=a --chown=b x /y\n', errors: [{ line: 2, column: 16, endColumn: 25, message: '--chown' }] },
    { code: 'FROM --platform=a --platform=b debian:12\n', errors: [{ line: 1, column: 19, endColumn: 31 }] },
    { code: 'FROM debian:12\nRUN --network=none --network=host true\n', errors: [{ line: 2, column: 20 }] },
    { code: 'FROM debian:12\nHEALTHCHECK --retries=1 --retries=2 CMD true\n', errors: [{ line: 2, column: 25 }] },
    { code: 'FROM debian:12\nADD --link --link a /b\n', errors: [{ line: 2, column: 12, endColumn: 18 }] },
  ],
});
