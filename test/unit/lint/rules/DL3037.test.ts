import { rule } from '../../../../src/lint/rules/DL3037';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM opensuse/leap:15\nRUN zypper install -y curl=7.79\n',
    'FROM opensuse/leap:15\nRUN zypper in -y "curl>=7.0"\n',
    'FROM opensuse/leap:15\nRUN zypper in -y /tmp/x.rpm\n',
    'FROM opensuse/leap:15\nRUN zypper in -y "curl=${CURL_VERSION}"\n',
    'FROM opensuse/leap:15\nRUN zypper refresh\n',
  ],
  invalid: [
    // Variables are package words to hadolint too.
    { code: 'FROM opensuse/leap:15\nONBUILD RUN zypper in -y $PKG\n', errors: [{ line: 2, column: 26, endColumn: 30 }] },
    { code: 'FROM opensuse/leap:15\nRUN zypper install -y curl\n', errors: [{ line: 2, column: 23, endLine: 2, endColumn: 27, message: 'curl=<version>' }] },
    { code: 'FROM opensuse/leap:15\nRUN zypper in -y curl=7 vim git\n', errors: [{ line: 2, column: 25, endColumn: 28 }, { line: 2, column: 29, endColumn: 32 }] },
    { code: 'FROM opensuse/leap:15\nRUN zypper --non-interactive in wget\n', errors: [{ line: 2, column: 33, endColumn: 37 }] },
    { code: 'FROM opensuse/leap:15\nRUN zypper in -y \\\n    tar\n', errors: [{ line: 3, column: 5, endColumn: 8 }] },
    { code: 'FROM opensuse/leap:15\nRUN ["zypper", "in", "-y", "tar"]\n', errors: [{ line: 2, column: 28, endColumn: 33 }] },
  ],
});
