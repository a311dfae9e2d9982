import { rule } from '../../../../src/lint/rules/DL3036';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM opensuse/leap:15\nRUN zypper install -y curl=7 && zypper clean\n',
    'FROM opensuse/leap:15\nRUN zypper in -y curl=7 && zypper cc\n',
    'FROM opensuse/leap:15\nRUN zypper refresh\n',
    'FROM opensuse/leap:15\nRUN echo zypper install\n',
    'FROM opensuse/leap:15\nRUN zypper -n in curl=7; zypper clean -a\n',
    'FROM opensuse/leap:15\nRUN --mount=type=cache,target=/var/cache/zypp zypper in -y curl=7\n',
    'FROM opensuse/leap:15\nRUN --mount=type=tmpfs,target=/var/cache/zypp/packages zypper in -y curl=7\n',
  ],
  invalid: [
    // hadolint compares first occurrences: a clean-up before the first install does not count.
    { code: 'FROM opensuse/leap:15\nRUN zypper clean && zypper in -y curl=7 && zypper clean\n', errors: [{ line: 2, column: 21, endColumn: 30 }] },
    { code: 'FROM opensuse/leap:15\nRUN zypper install -y curl=7\n', errors: [{ line: 2, column: 5, endLine: 2, endColumn: 19 }], output: 'FROM opensuse/leap:15\nRUN zypper install -y curl=7 && zypper clean\n' },
    { code: 'FROM opensuse/leap:15\nRUN zypper clean && zypper in -y curl=7\n', errors: [{ line: 2, column: 21, endColumn: 30 }], output: 'FROM opensuse/leap:15\nRUN zypper clean && zypper in -y curl=7 && zypper clean\n' },
    { code: 'FROM opensuse/leap:15\nRUN zypper in -y a=1 | tee log\n', errors: [{ line: 2, column: 5 }] },
    { code: 'FROM opensuse/leap:15\nONBUILD RUN zypper in -y a=1\n', errors: [{ line: 2, column: 13, endColumn: 22 }], output: 'FROM opensuse/leap:15\nONBUILD RUN zypper in -y a=1 && zypper clean\n' },
    { code: 'FROM opensuse/leap:15\nRUN zypper in -y a=1 \\\n && echo ok\n', errors: [{ line: 2, column: 5 }], output: 'FROM opensuse/leap:15\nRUN zypper in -y a=1 && zypper clean \\\n && echo ok\n' },
  ],
});
