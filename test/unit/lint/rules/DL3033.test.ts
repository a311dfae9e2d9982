import { rule } from '../../../../src/lint/rules/DL3033';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n',
    'FROM centos:7\nRUN yum install -y /tmp/pkg.rpm\n',
    'FROM centos:7\nRUN yum module install -y nodejs:18\n',
    'FROM centos:7\nRUN yum install -y "$PACKAGES"\n',
    'FROM centos:7\nRUN yum update -y\n',
  ],
  invalid: [
    { code: 'FROM centos:7\nRUN yum install -y httpd\n', errors: [{ line: 2, column: 20, endLine: 2, endColumn: 25, message: 'httpd-<version>' }] },
    { code: 'FROM centos:7\nRUN yum install -y httpd-2.4 vim git\n', errors: [{ line: 2, column: 30, endColumn: 33 }, { line: 2, column: 34, endColumn: 37 }] },
    { code: 'FROM centos:7\nRUN yum module install -y nodejs\n', errors: [{ line: 2, column: 27, endColumn: 33, message: 'nodejs:<stream>' }] },
    { code: 'FROM centos:7\nRUN yum -y install \\\n      curl\n', errors: [{ line: 3, column: 7, endColumn: 11 }] },
    { code: 'FROM centos:7\nRUN ["yum", "install", "-y", "wget"]\n', errors: [{ line: 2, column: 30, endColumn: 36 }] },
  ],
});
