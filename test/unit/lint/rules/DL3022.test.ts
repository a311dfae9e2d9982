import { rule } from '../../../../src/lint/rules/DL3022';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM golang:1.22 AS build\nRUN go build\nFROM debian:12\nCOPY --from=build /out /out\n',
    'FROM golang:1.22\nFROM debian:12\nCOPY --from=0 /out /out\n',
    'FROM debian:12\nCOPY --from=nginx:1.25 /etc/nginx /etc/nginx\n',
    'FROM debian:12\nCOPY --from=ghcr.io/org/tool@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef /bin/tool /bin/\n',
    'FROM golang:1.22 AS build\nCOPY --from=0 /a /a\n',
  ],
  invalid: [
    { code: 'FROM golang:1.22 AS Build\nFROM debian:12\nCOPY --from=build /a /a\n', errors: [{ line: 3, column: 13 }] },
    { code: 'ARG SRC=build\nFROM debian:12\nCOPY --from=$SRC /a /a\n', errors: [{ line: 3, column: 13 }] },
    { code: 'FROM debian:12\nCOPY --from=build /out /out\n', errors: [{ line: 2, column: 13, endLine: 2, endColumn: 18 }] },
    { code: 'FROM debian:12\nCOPY --from=biuld /a /a\nFROM debian:12 AS build\n', errors: [{ line: 2, column: 13, endColumn: 18 }] },
    { code: 'FROM golang:1.22 AS build\nFROM debian:12\nCOPY --from=builder /a /a\n', errors: [{ line: 3, column: 13, endColumn: 20 }] },
    { code: 'FROM debian:12\nCOPY --from=1 /a /a\n', errors: [{ line: 2, column: 13, endColumn: 14 }] },
    { code: 'FROM scratch\nCOPY --from=ghcr.io/org/tool /tool /tool\n', errors: [{ line: 2, column: 13, endColumn: 29 }] },
    { code: 'FROM a:1 AS one\nFROM b:1\ncopy --chown=x --from=two /a /a\n', errors: [{ line: 3, column: 23, endColumn: 26 }] },
  ],
});
