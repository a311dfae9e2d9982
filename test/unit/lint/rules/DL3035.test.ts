import { rule } from '../../../../src/lint/rules/DL3035';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM opensuse/leap:15\nRUN zypper update -y\n',
    'FROM opensuse/leap:15\nRUN zypper install -y curl\n',
    'FROM opensuse/leap:15\nRUN echo zypper dup\n',
    'FROM opensuse/leap:15\nRUN zypper patch -y\n',
    'FROM debian:12\nRUN apt-get dist-upgrade -y\n',
  ],
  invalid: [
    { code: 'FROM opensuse/leap:15\nONBUILD RUN zypper dup\n', errors: [{ line: 2, column: 13, endColumn: 23 }] },
    { code: 'FROM opensuse/leap:15\nRUN zypper dist-upgrade\n', errors: [{ line: 2, column: 5, endLine: 2, endColumn: 24 }] },
    { code: 'FROM opensuse/leap:15\nRUN zypper dup -y\n', errors: [{ line: 2, column: 5, endColumn: 15 }] },
    { code: 'FROM opensuse/leap:15\nRUN zypper refresh && zypper -n dup\n', errors: [{ line: 2, column: 23, endColumn: 36 }] },
    { code: 'FROM opensuse/leap:15\nRUN ["zypper", "dup"]\n', errors: [{ line: 2, column: 6, endColumn: 21 }] },
    { code: 'FROM opensuse/leap:15\nRUN zypper dup\nRUN zypper dist-upgrade\n', errors: [{ line: 2, column: 5 }, { line: 3, column: 5 }] },
  ],
});
