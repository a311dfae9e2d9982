import { rule } from '../../../../src/lint/rules/NoEmptyContinuation';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM alpine:3\nRUN apk add \\\n    curl\n',
    'FROM alpine:3\nRUN echo a\n\nRUN echo b\n',
    'FROM alpine:3\nRUN apk add \\\n# a comment line is fine\n    curl\n',
    'FROM alpine:3\nRUN <<EOF\necho a\n\necho b\nEOF\n',
    'FROM alpine:3\nCOPY <<EOF /etc/motd\nhello\n\nworld\nEOF\n',
  ],
  invalid: [
    {
      code: 'FROM alpine:3\nRUN apk add \\\n\n    curl\n',
      errors: [{ line: 3, column: 1, endLine: 3, endColumn: 1, message: 'RUN (line 2)' }],
      output: 'FROM alpine:3\nRUN apk add \\\n    curl\n',
    },
    {
      code: 'FROM alpine:3\nRUN apk add \\\n    \n    curl\n',
      errors: [{ line: 3, column: 1, endColumn: 5 }],
      output: 'FROM alpine:3\nRUN apk add \\\n    curl\n',
    },
    {
      code: 'FROM alpine:3\nRUN a \\\n\n  b \\\n\n  c\n',
      errors: [{ line: 3, column: 1 }, { line: 5, column: 1 }],
      output: 'FROM alpine:3\nRUN a \\\n  b \\\n  c\n',
    },
    {
      code: 'FROM alpine:3\nENV A=1 \\\n\n    B=2\n',
      errors: [{ line: 3, column: 1, endColumn: 1 }],
      output: 'FROM alpine:3\nENV A=1 \\\n    B=2\n',
    },
    {
      code: 'FROM alpine:3\r\nLABEL a=b \\\r\n\r\n  c=d\r\n',
      errors: [{ line: 3, column: 1, endColumn: 1 }],
      output: 'FROM alpine:3\r\nLABEL a=b \\\r\n  c=d\r\n',
    },
  ],
});
