import { rule } from '../../../../src/lint/rules/DL3019';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM alpine:3.19\nRUN apk add --no-cache curl=8.5.0-r0\n',
    'FROM alpine:3.19\nRUN apk --no-cache add curl\n',
    'FROM alpine:3.19\nRUN apk update\n',
    'FROM alpine:3.19\nRUN apk del curl\n',
    'FROM alpine:3.19\nRUN echo apk add curl\n',
    // A cache (or tmpfs) mount on /var/cache/apk keeps the index out of the layer.
    'FROM alpine:3.19\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\n',
    'FROM alpine:3.19\nRUN --mount=type=tmpfs,target=/var/cache/apk apk add curl\n',
  ],
  invalid: [
    {
      code: 'FROM alpine:3.19\nRUN apk add curl\n',
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 12 }],
      output: 'FROM alpine:3.19\nRUN apk add --no-cache curl\n',
    },
    {
      code: 'FROM alpine:3.19\nRUN apk update && apk add --virtual .deps gcc\n',
      errors: [{ line: 2, column: 19, endColumn: 26 }],
      output: 'FROM alpine:3.19\nRUN apk update && apk add --no-cache --virtual .deps gcc\n',
    },
    {
      code: 'FROM alpine:3.19\nRUN apk -U add \\\n    git\n',
      errors: [{ line: 2, column: 5, endColumn: 15 }],
      output: 'FROM alpine:3.19\nRUN apk -U add --no-cache \\\n    git\n',
    },
    {
      code: 'FROM alpine:3.19\nRUN ["apk", "add", "bash"]\n',
      errors: [{ line: 2, column: 6, endColumn: 18 }],
      output: 'FROM alpine:3.19\nRUN ["apk", "add", "--no-cache", "bash"]\n',
    },
    {
      code: 'FROM alpine:3.19\nRUN <<EOF\nset -e\napk add tini\nEOF\n',
      errors: [{ line: 4, column: 1, endColumn: 8 }],
      output: 'FROM alpine:3.19\nRUN <<EOF\nset -e\napk add --no-cache tini\nEOF\n',
    },
  ],
});
