import { rule } from '../../../../src/lint/rules/DL3067';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM debian:12\nCOPY --from=build /out /app\n',
    'FROM debian:12\nCOPY / /\n',
    'FROM debian:12\nCOPY --from=build /usr/local/bin/app /\n',
    'FROM debian:12\nCOPY --from=build / /rootfs/\n',
    'FROM debian:12\nADD --chown=1:1 / /\n',
  ],
  invalid: [
    { code: 'FROM debian:12\nCOPY --from=build / /\n', errors: [{ line: 2, column: 19, endLine: 2, endColumn: 20 }] },
    { code: 'FROM scratch\nCOPY --from=rootfs "/" "/"\n', errors: [{ line: 2, column: 20, endColumn: 23 }] },
    { code: 'FROM scratch\nCOPY --from=rootfs ["/", "/"]\n', errors: [{ line: 2, column: 21, endColumn: 24 }] },
    { code: 'FROM scratch\nCOPY --chown=0:0 --from=alpine:3 / /\n', errors: [{ line: 2, column: 34 }] },
    { code: 'FROM scratch\ncopy --from=0 /etc / /\n', errors: [{ line: 2, column: 20 }] },
  ],
});
