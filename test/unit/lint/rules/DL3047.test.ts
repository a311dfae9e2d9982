import { rule } from '../../../../src/lint/rules/DL3047';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    // hadolint compares the command word as written (Shell.hs): a path to the program is another name.
    'FROM debian:12\nRUN apt-get update && /usr/bin/wget https://x/a\n',
    'FROM debian:12\nRUN wget --progress=dot:giga https://x/a.tgz\n',
    'FROM debian:12\nRUN wget -q https://x/a.tgz\n',
    'FROM debian:12\nRUN wget -nv https://x/a.tgz\n',
    'FROM debian:12\nRUN wget -o /tmp/log https://x/a.tgz\n',
    'FROM debian:12\nRUN curl -fsSLO https://x/a.tgz\n',
    'FROM debian:12\nRUN wget -qO- https://x/a.tgz | tar xz\n',
  ],
  invalid: [
    { code: 'FROM debian:12\nONBUILD RUN wget https://x/a.tgz\n', errors: [{ line: 2, column: 13, endColumn: 17 }] },
    { code: 'FROM debian:12\nRUN wget https://x/a.tgz\n', errors: [{ line: 2, column: 5, endLine: 2, endColumn: 9 }], output: 'FROM debian:12\nRUN wget --progress=dot:giga https://x/a.tgz\n' },
    { code: 'FROM debian:12\nRUN wget -O /tmp/a.tgz https://x/a.tgz\n', errors: [{ line: 2, column: 5 }], output: 'FROM debian:12\nRUN wget --progress=dot:giga -O /tmp/a.tgz https://x/a.tgz\n' },
    { code: 'FROM debian:12\nRUN wget https://x/a \\\n && wget https://x/b\n', errors: [{ line: 2, column: 5 }, { line: 3, column: 5 }], output: 'FROM debian:12\nRUN wget --progress=dot:giga https://x/a \\\n && wget --progress=dot:giga https://x/b\n' },
    { code: 'FROM debian:12\nRUN ["wget", "https://x/a"]\n', errors: [{ line: 2, column: 6, endColumn: 12 }], output: 'FROM debian:12\nRUN ["wget", "--progress=dot:giga", "https://x/a"]\n' },
  ],
});
