import { rule } from '../../../../src/lint/rules/ExposeProtoCasing';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM alpine:3\nEXPOSE 80\n',
    'FROM alpine:3\nEXPOSE 80/tcp\n',
    'FROM alpine:3\nEXPOSE 53/udp 80\n',
    'FROM alpine:3\nEXPOSE $PORT/tcp\n',
    'FROM alpine:3\nEXPOSE 8080-8090/tcp\n',
  ],
  invalid: [
    { code: 'FROM alpine:3\nEXPOSE 80/TCP\n', errors: [{ line: 2, column: 11, endLine: 2, endColumn: 14, message: "'80/TCP'" }], output: 'FROM alpine:3\nEXPOSE 80/tcp\n' },
    { code: 'FROM alpine:3\nEXPOSE 53/UDP 80/Tcp\n', errors: [{ line: 2, column: 11, endColumn: 14 }, { line: 2, column: 18, endColumn: 21 }], output: 'FROM alpine:3\nEXPOSE 53/udp 80/tcp\n' },
    { code: 'from alpine:3\nexpose 443/Sctp\n', errors: [{ line: 2, column: 12, endColumn: 16 }], output: 'from alpine:3\nexpose 443/sctp\n' },
    { code: 'FROM alpine:3\nEXPOSE $PORT/TCP\n', errors: [{ line: 2, column: 14, endColumn: 17 }], output: 'FROM alpine:3\nEXPOSE $PORT/tcp\n' },
    { code: 'FROM alpine:3\nEXPOSE 8000-8010/UDP\n', errors: [{ line: 2, column: 18, endColumn: 21 }], output: 'FROM alpine:3\nEXPOSE 8000-8010/udp\n' },
  ],
});
