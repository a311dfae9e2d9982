import { rule } from '../../../../src/lint/rules/DL3040';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM fedora:40\nRUN dnf install -y httpd-2.4 && dnf clean all\n',
    'FROM fedora:40\nRUN dnf install -y httpd-2.4 && rm -rf /var/cache/yum/*\n',
    'FROM fedora:40\nRUN microdnf install -y httpd && microdnf clean all\n',
    'FROM fedora:40\nRUN dnf upgrade -y\n',
    'FROM fedora:40\nRUN yum install -y a\n',
    'FROM fedora:40\nRUN dnf clean all && dnf install -y git && dnf clean all\n',
  ],
  invalid: [
    { code: 'FROM fedora:40\nRUN dnf install -y httpd\n', errors: [{ line: 2, column: 5, endLine: 2, endColumn: 16, message: '`dnf clean all`' }], output: 'FROM fedora:40\nRUN dnf install -y httpd && dnf clean all\n' },
    { code: 'FROM fedora:40\nRUN microdnf install -y httpd\n', errors: [{ line: 2, column: 5, endColumn: 21, message: '`microdnf clean all`' }], output: 'FROM fedora:40\nRUN microdnf install -y httpd && microdnf clean all\n' },
    { code: 'FROM fedora:40\nRUN dnf clean all && dnf install -y git\n', errors: [{ line: 2, column: 22, endColumn: 33 }], output: 'FROM fedora:40\nRUN dnf clean all && dnf install -y git && dnf clean all\n' },
    { code: 'FROM fedora:40\nRUN dnf install -y git && microdnf clean all\n', errors: [{ line: 2, column: 5 }], output: 'FROM fedora:40\nRUN dnf install -y git && dnf clean all && microdnf clean all\n' },
    { code: 'FROM fedora:40\nONBUILD RUN dnf install -y git\n', errors: [{ line: 2, column: 13 }], output: 'FROM fedora:40\nONBUILD RUN dnf install -y git && dnf clean all\n' },
  ],
});
