import * as assert from 'node:assert/strict';
import { lint } from '../../../../src/lint/lint';
import { rule } from '../../../../src/lint/rules/DL3032';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM centos:7\nRUN yum install -y httpd-2.4 && yum clean all\n',
    'FROM centos:7\nRUN yum install -y httpd-2.4 && rm -rf /var/cache/yum\n',
    'FROM centos:7\nRUN yum update-minimal\n',
    'FROM centos:7\nRUN echo yum install\n',
    'FROM centos:7\nRUN dnf install -y httpd\n',
    // hadolint's clean-up: a yum with `clean` or `all`, or an rm with -rf or /var/cache/yum/*.
    'FROM centos:7\nRUN yum install -y a-1 && rm -rf /tmp/x\n',
    'FROM centos:7\nRUN yum install -y a-1 && rm /var/cache/yum/*\n',
  ],
  invalid: [
    { code: 'FROM centos:7\nRUN yum clean all && yum install -y a-1\n', errors: [{ line: 2, column: 22, endColumn: 33 }] },
    { code: 'FROM centos:7\nONBUILD RUN yum install -y a-1\n', errors: [{ line: 2, column: 13, endColumn: 24 }] },
    { code: 'FROM centos:7\nRUN yum install -y httpd-2.4\n', errors: [{ line: 2, column: 5, endLine: 2, endColumn: 16 }], output: 'FROM centos:7\nRUN yum install -y httpd-2.4 && yum clean all\n' },
    { code: 'FROM centos:7\nRUN yum -y install httpd-2.4 && echo done\n', errors: [{ line: 2, column: 5, endColumn: 19 }], output: 'FROM centos:7\nRUN yum -y install httpd-2.4 && yum clean all && echo done\n' },
    { code: 'FROM centos:7\nRUN set -e; \\\n    yum install -y a-1 b-2\n', errors: [{ line: 3, column: 5, endColumn: 16 }], output: 'FROM centos:7\nRUN set -e; \\\n    yum install -y a-1 b-2 && yum clean all\n' },
    { code: 'FROM centos:7\nRUN yum install -y a-1 || true\n', errors: [{ line: 2, column: 5 }] },
    { code: 'FROM centos:7\nRUN ["yum", "install", "-y", "a-1"]\n', errors: [{ line: 2, column: 6, endColumn: 22 }] },
  ],
});

describe('DL3032 fix safety', () => {
  // Chaining a clean-up after `||`, `|`, `&` or into exec form would change what the RUN does.
  for (const code of [
    'FROM centos:7\nRUN yum install -y a-1 || true\n',
    'FROM centos:7\nRUN ["yum", "install", "-y", "a-1"]\n',
    'FROM centos:7\nRUN yum install -y a-1 | tee /log\n',
  ]) {
    it(`reports without a fix: ${JSON.stringify(code.split('\n')[1])}`, () => {
      const found = lint(code, { rules: [rule] });
      assert.equal(found.length, 1);
      assert.deepEqual(found[0].fixes, []);
    });
  }
});
