import { rule } from '../../../../src/lint/rules/DL3046';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    // hadolint compares the command word as written (Shell.hs): a path to the program is another name.
    'FROM debian:12\nRUN groupadd -g 1 g && /usr/sbin/useradd -m -u 999999 app\n',
    'FROM debian:12\nRUN useradd -u 1000 app\n',
    'FROM debian:12\nRUN useradd -l -u 100000 app\n',
    'FROM debian:12\nRUN useradd --no-log-init --uid 123456 app\n',
    'FROM debian:12\nRUN useradd app\n',
    'FROM debian:12\nRUN adduser -u 123456 app\n',
    // hadolint reads the uid only from the word after a `-u` flag.
    'FROM debian:12\nRUN useradd --uid 1000000 app\n',
    'FROM debian:12\nRUN useradd --uid=654321 -m app\n',
    'FROM debian:12\nRUN useradd -u123456 app\n',
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN useradd -u 123456 app\n', errors: [{ line: 2, column: 16, endLine: 2, endColumn: 22 }], output: 'FROM debian:12\nRUN useradd -l -u 123456 app\n' },
    { code: 'FROM debian:12\nRUN useradd -mu 1000000 app\n', errors: [{ line: 2, column: 17, endColumn: 24 }], output: 'FROM debian:12\nRUN useradd -l -mu 1000000 app\n' },
    { code: 'FROM debian:12\nONBUILD RUN useradd -u 123456 app\n', errors: [{ line: 2, column: 24, endColumn: 30 }] },
  ],
});
