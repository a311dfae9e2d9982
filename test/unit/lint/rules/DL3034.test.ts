import { rule } from '../../../../src/lint/rules/DL3034';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM opensuse/leap:15\nRUN zypper install -y curl=7.0\n',
    'FROM opensuse/leap:15\nRUN zypper in --no-confirm curl\n',
    'FROM opensuse/leap:15\nRUN zypper --non-interactive install curl\n',
    'FROM opensuse/leap:15\nRUN zypper refresh\n',
    'FROM opensuse/leap:15\nRUN zypper rm -y vim\n',
  ],
  invalid: [
    { code: 'FROM opensuse/leap:15\nONBUILD RUN zypper install curl\n', errors: [{ line: 2, column: 13, endColumn: 27 }] },
    { code: 'FROM opensuse/leap:15\nRUN zypper install curl\n', errors: [{ line: 2, column: 5, endLine: 2, endColumn: 19 }], output: 'FROM opensuse/leap:15\nRUN zypper install -y curl\n' },
    { code: 'FROM opensuse/leap:15\nRUN zypper in curl && zypper clean\n', errors: [{ line: 2, column: 5, endColumn: 14 }], output: 'FROM opensuse/leap:15\nRUN zypper in -y curl && zypper clean\n' },
    { code: 'FROM opensuse/leap:15\nRUN zypper remove vim\n', errors: [{ line: 2, column: 5, endColumn: 18 }], output: 'FROM opensuse/leap:15\nRUN zypper remove -y vim\n' },
    { code: 'FROM opensuse/leap:15\nRUN zypper patch\n', errors: [{ line: 2, column: 5, endColumn: 17 }] },
    { code: 'FROM opensuse/leap:15\nRUN zypper --quiet install \\\n  curl\n', errors: [{ line: 2, column: 5, endColumn: 27 }], output: 'FROM opensuse/leap:15\nRUN zypper --quiet install -y \\\n  curl\n' },
  ],
});
