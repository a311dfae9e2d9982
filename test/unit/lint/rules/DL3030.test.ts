import { rule } from '../../../../src/lint/rules/DL3030';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM centos:7\nRUN yum install -y httpd-2.4.6\n',
    'FROM centos:7\nRUN yum -y install httpd\n',
    'FROM centos:7\nRUN yum install --assumeyes httpd\n',
    'FROM centos:7\nRUN yum clean all\n',
    'FROM centos:7\nRUN yum -qy groupinstall "Development Tools"\n',
  ],
  invalid: [
    {
      code: 'FROM centos:7\nRUN yum install httpd\n',
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 16 }],
      output: 'FROM centos:7\nRUN yum install -y httpd\n',
    },
    {
      code: 'FROM centos:7\nRUN yum groupinstall "Development Tools"\n',
      errors: [{ line: 2, column: 5, endColumn: 21 }],
      output: 'FROM centos:7\nRUN yum groupinstall -y "Development Tools"\n',
    },
    {
      code: 'FROM centos:7\nRUN yum makecache && yum localinstall /tmp/x.rpm\n',
      errors: [{ line: 2, column: 22, endColumn: 38 }],
      output: 'FROM centos:7\nRUN yum makecache && yum localinstall -y /tmp/x.rpm\n',
    },
    {
      code: 'FROM centos:7\nRUN yum -q install \\\n      git\n',
      errors: [{ line: 2, column: 5, endColumn: 19 }],
      output: 'FROM centos:7\nRUN yum -q install -y \\\n      git\n',
    },
    {
      code: 'FROM centos:7\nRUN ["yum", "install", "git"]\n',
      errors: [{ line: 2, column: 6, endColumn: 22 }],
      output: 'FROM centos:7\nRUN ["yum", "install", "-y", "git"]\n',
    },
  ],
});
