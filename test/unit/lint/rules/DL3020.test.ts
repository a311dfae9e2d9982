import { rule } from '../../../../src/lint/rules/DL3020';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM debian:12\nCOPY app /app\n',
    'FROM debian:12\nADD app.tar.gz /opt/\n',
    'FROM debian:12\nADD https://example.com/tool /usr/local/bin/tool\n',
    'FROM debian:12\nADD "http://example.com/a.txt" /a.txt\n',
    'FROM debian:12\nADD a.tar b.tar.xz /opt/\n',
    'FROM debian:12\nRUN echo ADD a b\n',
  ],
  invalid: [
    {
      code: 'FROM debian:12\nADD app /app\n',
      errors: [{ line: 2, column: 1, endLine: 2, endColumn: 4 }],
      output: 'FROM debian:12\nCOPY app /app\n',
    },
    {
      code: 'FROM debian:12\nADD --chown=app:app src/ config.yml /srv/\n',
      errors: [{ line: 2, column: 1, endColumn: 4 }],
      output: 'FROM debian:12\nCOPY --chown=app:app src/ config.yml /srv/\n',
    },
    {
      code: 'FROM debian:12\nadd ["my file.txt", "/data/"]\n',
      errors: [{ line: 2, column: 1, endColumn: 4 }],
      output: 'FROM debian:12\ncopy ["my file.txt", "/data/"]\n',
    },
    // A local archive beside a plain file: ADD would unpack it, so no automatic rewrite.
    { code: 'FROM debian:12\nADD app.tar.gz README /opt/\n', errors: [{ line: 2, column: 1, endColumn: 4 }] },
    { code: 'FROM debian:12\nADD --checksum=sha256:abc file.txt /x\n', errors: [{ line: 2, column: 1, endColumn: 4 }] },
  ],
});
