import { rule } from '../../../../src/lint/rules/DL3018';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM alpine:3.19\nRUN apk add --no-cache curl=8.5.0-r0\n',
    'FROM alpine:3.19\nRUN apk add --no-cache "bash~5.2"\n',
    'FROM alpine:3.19\nRUN apk add --allow-untrusted /tmp/pkg.apk\n',
    'FROM alpine:3.19\nRUN apk add --virtual .build-deps gcc=13.2.1_git20231014-r0\n',
    'FROM alpine:3.19\nRUN apk update\n',
    'FROM alpine:3.19\nRUN apk add "curl>8.0" "zlib<2"\n',
    'FROM alpine:3.19\nRUN apk add -X https://example.com/edge foo=1.0\n',
    'FROM alpine:3.19\nRUN apk add --repository http://dl-cdn.alpinelinux.org/alpine/edge/testing foo=1.0\n',
  ],
  invalid: [
    { code: 'FROM alpine:3.19\nRUN apk add --no-cache curl\n', errors: [{ line: 2, column: 24, endLine: 2, endColumn: 28 }] },
    { code: 'FROM alpine:3.19\nRUN apk add -t .deps gcc musl-dev=1.2.4-r2\n', errors: [{ line: 2, column: 22, endColumn: 25 }] },
    { code: 'FROM alpine:3.19\nRUN apk update && apk add git openssh\n', errors: [{ line: 2, column: 27, endColumn: 30 }, { line: 2, column: 31, endColumn: 38 }] },
    { code: 'FROM alpine:3.19\nRUN apk add \\\n  --no-cache \\\n  tini\n', errors: [{ line: 4, column: 3, endColumn: 7 }] },
    { code: 'FROM alpine:3.19\nONBUILD RUN apk add bash\n', errors: [{ line: 2, column: 21, endColumn: 25 }] },
  ],
});
