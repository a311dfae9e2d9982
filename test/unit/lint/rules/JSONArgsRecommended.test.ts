import { rule } from '../../../../src/lint/rules/JSONArgsRecommended';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM alpine:3\nCMD ["my-program", "start"]\n',
    'FROM alpine:3\nENTRYPOINT ["/entrypoint.sh"]\n',
    'FROM alpine:3\nSHELL ["/bin/bash", "-c"]\nCMD my-program start\n',
    'FROM alpine:3 AS base\nSHELL ["/bin/ash", "-c"]\nFROM base\nENTRYPOINT my-program start\n',
    'FROM alpine:3\nRUN echo shell form is fine for RUN\n',
  ],
  invalid: [
    {
      code: 'FROM alpine:3\nENTRYPOINT my-program start\n',
      errors: [{ line: 2, column: 12, endLine: 2, endColumn: 28, message: 'for ENTRYPOINT' }],
      output: 'FROM alpine:3\nENTRYPOINT ["my-program", "start"]\n',
    },
    {
      code: 'FROM alpine:3\nCMD nginx -g daemon=off\n',
      errors: [{ line: 2, column: 5, endColumn: 24, message: 'for CMD' }],
      output: 'FROM alpine:3\nCMD ["nginx", "-g", "daemon=off"]\n',
    },
    // Quotes, expansions and operators have no mechanical exec form: reported without a fix.
    { code: 'FROM alpine:3\nCMD echo "$HOME" && sleep 1\n', errors: [{ line: 2, column: 5, endColumn: 28 }] },
    {
      code: 'FROM alpine:3 AS a\nSHELL ["/bin/ash", "-c"]\nFROM alpine:3\nCMD /app/run\n',
      errors: [{ line: 4, column: 5, endColumn: 13 }],
      output: 'FROM alpine:3 AS a\nSHELL ["/bin/ash", "-c"]\nFROM alpine:3\nCMD ["/app/run"]\n',
    },
    {
      code: 'FROM alpine:3\ncmd ./server --port 8080\nentrypoint tini --\n',
      errors: [{ line: 2, column: 5, endColumn: 25 }, { line: 3, column: 12, endColumn: 19 }],
      output: 'FROM alpine:3\ncmd ["./server", "--port", "8080"]\nentrypoint ["tini", "--"]\n',
    },
  ],
});
