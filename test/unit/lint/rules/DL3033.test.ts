import { rule } from '../../../../src/lint/rules/DL3033';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n',
    'FROM centos:7\nRUN yum install -y /tmp/pkg-1.0.rpm\n',
    'FROM centos:7\nRUN yum module install -y nodejs:18\n',
    // A version from a variable counts when an ARG (anywhere before) or an ENV of the stage defines it.
    'FROM centos:7\nARG HTTPD_VERSION=2.4.6\nRUN yum install -y httpd-${HTTPD_VERSION}\n',
    'FROM centos:7 AS base\nENV V=2.4.6\nFROM base\nRUN yum install -y httpd-$V\n',
    'FROM centos:7\nONBUILD ARG V\nONBUILD RUN yum install -y httpd-${V}\n',
    'FROM centos:7\nRUN yum update -y\n',
  ],
  invalid: [
    // No dash at all, or a variable nothing defines, is no version (hadolint).
    { code: 'FROM centos:7\nRUN yum install -y "$PACKAGES"\n', errors: [{ line: 2, column: 20, endColumn: 31 }] },
    { code: 'FROM centos:7\nRUN yum install -y httpd-${V}\n', errors: [{ line: 2, column: 20, endColumn: 30 }] },
    // An ENV of another stage does not count; an ARG of another stage does.
    { code: 'FROM centos:7 AS a\nENV V=1\nFROM centos:7\nRUN yum install -y httpd-$V\n', errors: [{ line: 4, column: 20 }] },
    // The ONBUILD pass knows only ONBUILD ARG/ENV.
    { code: 'FROM centos:7\nARG V=1\nONBUILD RUN yum install -y httpd-$V\n', errors: [{ line: 3, column: 28 }] },
    { code: 'FROM centos:7\nRUN yum install -y local.rpm\n', errors: [{ line: 2, column: 20 }] },
    { code: 'FROM centos:7\nRUN yum install -y httpd\n', errors: [{ line: 2, column: 20, endLine: 2, endColumn: 25, message: 'httpd-<version>' }] },
    { code: 'FROM centos:7\nRUN yum install -y httpd-2.4 vim git\n', errors: [{ line: 2, column: 30, endColumn: 33 }, { line: 2, column: 34, endColumn: 37 }] },
    { code: 'FROM centos:7\nRUN yum module install -y nodejs\n', errors: [{ line: 2, column: 27, endColumn: 33, message: 'nodejs:<stream>' }] },
    { code: 'FROM centos:7\nRUN yum -y install \\\n      curl\n', errors: [{ line: 3, column: 7, endColumn: 11 }] },
    { code: 'FROM centos:7\nRUN ["yum", "install", "-y", "wget"]\n', errors: [{ line: 2, column: 30, endColumn: 36 }] },
  ],
});
