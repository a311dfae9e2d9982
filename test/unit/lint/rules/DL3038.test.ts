import { rule } from '../../../../src/lint/rules/DL3038';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM fedora:40\nRUN dnf install -y httpd-2.4\n',
    'FROM fedora:40\nRUN dnf --assumeyes install httpd-2.4\n',
    'FROM fedora:40\nRUN microdnf install -y httpd\n',
    'FROM fedora:40\nRUN dnf clean all\n',
    'FROM fedora:40\nRUN dnf -qy groupinstall "Development Tools"\n',
  ],
  invalid: [
    { code: 'FROM fedora:40\nRUN dnf install httpd\n', errors: [{ line: 2, column: 5, endLine: 2, endColumn: 16 }], output: 'FROM fedora:40\nRUN dnf install -y httpd\n' },
    { code: 'FROM fedora:40\nRUN microdnf install httpd\n', errors: [{ line: 2, column: 5, endColumn: 21 }], output: 'FROM fedora:40\nRUN microdnf install -y httpd\n' },
    { code: 'FROM fedora:40\nRUN dnf localinstall /tmp/x.rpm\n', errors: [{ line: 2, column: 5, endColumn: 21 }], output: 'FROM fedora:40\nRUN dnf localinstall -y /tmp/x.rpm\n' },
    { code: 'FROM fedora:40\nONBUILD RUN dnf -q install git\n', errors: [{ line: 2, column: 13, endColumn: 27 }], output: 'FROM fedora:40\nONBUILD RUN dnf -q install -y git\n' },
    { code: 'FROM fedora:40\nRUN ["dnf", "install", "git"]\n', errors: [{ line: 2, column: 6, endColumn: 22 }], output: 'FROM fedora:40\nRUN ["dnf", "install", "-y", "git"]\n' },
  ],
});
