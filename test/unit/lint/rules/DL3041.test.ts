import { rule } from '../../../../src/lint/rules/DL3041';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM fedora:40\nRUN dnf install -y httpd-2.4.62\n',
    'FROM fedora:40\nRUN dnf install -y python3-pip-23.2.1-4.fc40\n',
    'FROM fedora:40\nRUN dnf module install -y nodejs:20\n',
    'FROM fedora:40\nRUN dnf group install -y "Development Tools"\n',
    'FROM fedora:40\nARG EXTRA\nRUN microdnf install -y /tmp/pkg-1.rpm git-${EXTRA}\n',
    'FROM fedora:40\nRUN dnf install -y git-2.45.1-1.fc40.x86_64\n',
  ],
  invalid: [
    { code: 'FROM fedora:40\nRUN microdnf install -y ${EXTRA}\n', errors: [{ line: 2, column: 25 }] },
    { code: 'FROM fedora:40\nRUN dnf install -y git-latest\n', errors: [{ line: 2, column: 20 }] },
    { code: 'FROM fedora:40\nRUN dnf install -y httpd\n', errors: [{ line: 2, column: 20, endLine: 2, endColumn: 25, message: 'httpd-<version>' }] },
    { code: 'FROM fedora:40\nRUN dnf install -y python3-pip\n', errors: [{ line: 2, column: 20, endColumn: 31 }] },
    { code: 'FROM fedora:40\nRUN dnf module install -y nodejs\n', errors: [{ line: 2, column: 27, endColumn: 33, message: 'nodejs:<stream>' }] },
    { code: 'FROM fedora:40\nRUN microdnf install -y git-2.45 vim\n', errors: [{ line: 2, column: 34, endColumn: 37 }] },
    { code: 'FROM fedora:40\nONBUILD RUN dnf install -y tar\n', errors: [{ line: 2, column: 28, endColumn: 31 }] },
  ],
});
