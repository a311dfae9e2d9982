import { rule } from '../../../../src/lint/rules/ReservedStageName';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM scratch\n',
    'FROM alpine:3 AS build\n',
    'FROM alpine:3 AS scratchpad\n',
    'FROM alpine:3 AS build-context\n',
    'FROM scratch AS final\n',
  ],
  invalid: [
    { code: 'FROM alpine:3 AS scratch\n', errors: [{ line: 1, column: 18, endLine: 1, endColumn: 25, message: 'reserved stage "scratch"' }] },
    { code: 'FROM alpine:3 AS context\n', errors: [{ line: 1, column: 18, endColumn: 25, message: '"context"' }] },
    { code: 'FROM alpine:3 AS Scratch\n', errors: [{ line: 1, column: 18, endColumn: 25 }] },
    { code: 'FROM alpine:3 AS a\nFROM a as CONTEXT\n', errors: [{ line: 2, column: 11, endColumn: 18 }] },
    { code: 'FROM --platform=$BUILDPLATFORM alpine:3 AS scratch\nFROM alpine:3 AS context\n', errors: [{ line: 1, column: 44 }, { line: 2, column: 18 }] },
  ],
});
