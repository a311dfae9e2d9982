import { rule } from '../../../../src/lint/rules/ExposeInvalidFormat';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM alpine:3\nEXPOSE 80\n',
    'FROM alpine:3\nEXPOSE 80/tcp 443\n',
    'FROM alpine:3\nEXPOSE ${PORT:-80}\n',
    'FROM alpine:3\nEXPOSE 8000-8010\n',
    'FROM alpine:3\nEXPOSE $PORT\n',
  ],
  invalid: [
    { code: 'FROM alpine:3\nEXPOSE 8080:80\n', errors: [{ line: 2, column: 8, endLine: 2, endColumn: 15, message: "found '8080:80'" }] },
    { code: 'FROM alpine:3\nEXPOSE 127.0.0.1:80:80\n', errors: [{ line: 2, column: 8, endColumn: 23 }] },
    { code: 'FROM alpine:3\nEXPOSE 80 127.0.0.1:443:443/tcp\n', errors: [{ line: 2, column: 11, endColumn: 32 }] },
    { code: 'FROM alpine:3\nEXPOSE :80\n', errors: [{ line: 2, column: 8, endColumn: 11 }] },
    { code: 'from alpine:3\nexpose 0.0.0.0:53:53/udp\n', errors: [{ line: 2, column: 8, endColumn: 25 }] },
  ],
});
