import { rule } from '../../../../src/lint/rules/DL4001';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    // hadolint compares the command word as written (Shell.hs): a path to the program is another name.
    'FROM debian:12\nRUN curl -O https://x/a\nRUN /usr/bin/wget -q https://x/b\nRUN curl -O https://x/c\n',
    'FROM debian:12\nRUN curl -fsSL https://example.com/a -o a\n',
    'FROM debian:12\nRUN wget -q https://example.com/a && wget -q https://example.com/b\n',
    'FROM debian:12 AS a\nRUN curl -O https://example.com/x\nFROM debian:12\nRUN wget -q https://example.com/y\n',
    'FROM debian:12\nRUN apt-get install -y curl wget\n',
    'FROM debian:12\nRUN echo curl wget\n',
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN curl -O https://x/a && wget -q https://x/b\n', errors: [{ line: 2, column: 5, endLine: 2, endColumn: 9 }] },
    { code: 'FROM debian:12\nRUN wget -q https://x/a\nRUN curl -O https://x/b\n', errors: [{ line: 3, column: 5, endColumn: 9 }] },
    { code: 'FROM debian:12\nRUN set -e; \\\n    wget -q https://x/a | curl -T - https://y/\n', errors: [{ line: 3, column: 5 }] },
    { code: 'FROM debian:12\nONBUILD RUN curl -O https://x/a\nONBUILD RUN wget -q https://x/b\n', errors: [{ line: 3, column: 13 }] },
    // The ONBUILD tally spans stages: no FROM resets it.
    { code: 'FROM debian:12 AS a\nONBUILD RUN curl -O https://x/a\nFROM debian:12\nONBUILD RUN wget -q https://x/b\n', errors: [{ line: 4, column: 13 }] },
  ],
});
