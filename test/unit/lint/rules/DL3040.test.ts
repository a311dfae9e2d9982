import { rule } from '../../../../src/lint/rules/DL3040';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM fedora:40\nRUN dnf install -y httpd-2.4 && dnf clean all\n',
    'FROM fedora:40\nRUN dnf install -y httpd-2.4 && rm -rf /var/cache/yum/*\n',
    'FROM fedora:40\nRUN microdnf install -y httpd && microdnf clean all\n',
    'FROM fedora:40\nRUN dnf upgrade -y && dnf clean all\n',
    'FROM fedora:40\nRUN dnf in -y git && rm -rf /var/cache/libdnf5\n',
    'FROM fedora:40\nRUN --mount=type=cache,target=/var/cache/libdnf5 dnf install -y git\n',
    'FROM fedora:40\nRUN --mount=type=cache,target=/root/.cache/libdnf5 microdnf install -y git\n',
    'FROM fedora:40\nRUN yum install -y a\n',
  ],
  invalid: [
    // hadolint compares first occurrences: a clean-up before the first install does not count.
    { code: 'FROM fedora:40\nRUN dnf clean all && dnf install -y git && dnf clean all\n', errors: [{ line: 2, column: 22, endColumn: 33 }] },
    // The sub-command aliases hadolint knows.
    { code: 'FROM fedora:40\nRUN dnf in -y git\n', errors: [{ line: 2, column: 5, endColumn: 11 }] },
    { code: 'FROM fedora:40\nRUN dnf upgrade -y\n', errors: [{ line: 2, column: 5, endColumn: 16 }] },
    { code: 'FROM fedora:40\nRUN microdnf up-min -y\n', errors: [{ line: 2, column: 5, endColumn: 20 }] },
    { code: 'FROM fedora:40\nRUN dnf rei -y git\n', errors: [{ line: 2, column: 5, endColumn: 12 }] },
    // The old dnf 4 cache path is no cache mount hadolint accepts.
    { code: 'FROM fedora:40\nRUN --mount=type=cache,target=/var/cache/dnf dnf install -y git\n', errors: [{ line: 2, column: 46 }] },
    { code: 'FROM fedora:40\nRUN dnf install -y httpd\n', errors: [{ line: 2, column: 5, endLine: 2, endColumn: 16, message: '`dnf clean all`' }], output: 'FROM fedora:40\nRUN dnf install -y httpd && dnf clean all\n' },
    { code: 'FROM fedora:40\nRUN microdnf install -y httpd\n', errors: [{ line: 2, column: 5, endColumn: 21, message: '`microdnf clean all`' }], output: 'FROM fedora:40\nRUN microdnf install -y httpd && microdnf clean all\n' },
    { code: 'FROM fedora:40\nRUN dnf clean all && dnf install -y git\n', errors: [{ line: 2, column: 22, endColumn: 33 }], output: 'FROM fedora:40\nRUN dnf clean all && dnf install -y git && dnf clean all\n' },
    { code: 'FROM fedora:40\nRUN dnf install -y git && microdnf clean all\n', errors: [{ line: 2, column: 5 }], output: 'FROM fedora:40\nRUN dnf install -y git && dnf clean all && microdnf clean all\n' },
    { code: 'FROM fedora:40\nONBUILD RUN dnf install -y git\n', errors: [{ line: 2, column: 13 }], output: 'FROM fedora:40\nONBUILD RUN dnf install -y git && dnf clean all\n' },
  ],
});
