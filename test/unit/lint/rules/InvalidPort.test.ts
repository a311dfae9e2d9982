import { rule } from '../../../../src/lint/rules/InvalidPort';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM debian:12\nEXPOSE 80\n',
    'FROM debian:12\nEXPOSE 80/tcp 53/udp 9000/sctp 443/TCP\n',
    'FROM debian:12\nEXPOSE 8000-8010\n',
    'FROM debian:12\nARG PORT=80\nEXPOSE ${PORT} $PORT/udp\n',
    'FROM debian:12\nEXPOSE 8080:80\n',
    'FROM debian:12\nEXPOSE 65535\n',
    // Well-formed but above 65535: DL3011 reports these, not InvalidPort.
    'FROM debian:12\nEXPOSE 99999\n',
    'FROM debian:12\nEXPOSE 80 443 99999/udp 8000-70000\n',
  ],
  invalid: [
    // Out of range where DL3011 does not look (ONBUILD) or not in DL3011's form (a host mapping).
    { code: 'FROM debian:12\nONBUILD EXPOSE 70000\n', errors: [{ line: 2, column: 16, endColumn: 21, message: '65535' }] },
    { code: 'FROM debian:12\nEXPOSE 8080:70000\n', errors: [{ line: 2, column: 8, endColumn: 18, message: '65535' }] },
    { code: 'FROM debian:12\nEXPOSE abc\n', errors: [{ line: 2, column: 8, endColumn: 11, message: 'not a port number' }] },
    { code: 'FROM debian:12\nEXPOSE 80/http\n', errors: [{ line: 2, column: 8, endColumn: 15, message: "protocol 'http'" }] },
    { code: 'FROM debian:12\nEXPOSE 9000-8000\n', errors: [{ line: 2, column: 8, message: 'below its start' }] },
    { code: 'FROM debian:12\nEXPOSE 80 443 99999/tls\n', errors: [{ line: 2, column: 15, endColumn: 24, message: "protocol 'tls'" }] },
    { code: 'FROM debian:12\nEXPOSE 127.0.0.1:8080:http\n', errors: [{ line: 2, column: 8 }] },
  ],
});
