import { rule } from '../../../../src/lint/rules/StageNameCasing';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM golang:1.22 AS build\nFROM alpine:3\nCOPY --from=build /app /app\n',
    'FROM alpine:3\n',
    'FROM alpine:3 AS base-image_2\n',
    'FROM node:20 as deps\nFROM deps AS test\n',
    'FROM alpine:3 AS builder\nRUN --mount=type=cache,from=builder,target=/x true\n',
    'from alpine:3 as lower\n',
  ],
  invalid: [
    {
      code: 'FROM golang:1.22 AS Build\n',
      errors: [{ line: 1, column: 21, endLine: 1, endColumn: 26, message: "'Build'" }],
      output: 'FROM golang:1.22 AS build\n',
    },
    {
      code: 'FROM golang:1.22 AS Build\nFROM alpine:3\nCOPY --from=Build /app /app\n',
      errors: [{ line: 1, column: 21, endColumn: 26 }],
      output: 'FROM golang:1.22 AS build\nFROM alpine:3\nCOPY --from=build /app /app\n',
    },
    {
      code: 'FROM alpine:3 AS BASE\nFROM BASE AS Test\nRUN --mount=type=bind,from=BASE,target=/b ls /b\n',
      errors: [{ line: 1, column: 18, endColumn: 22 }, { line: 2, column: 14, endColumn: 18 }],
      output: 'FROM alpine:3 AS base\nFROM base AS test\nRUN --mount=type=bind,from=base,target=/b ls /b\n',
    },
    {
      code: 'FROM --platform=$BUILDPLATFORM node:20 AS WebBuild\n',
      errors: [{ line: 1, column: 43, endColumn: 51 }],
      output: 'FROM --platform=$BUILDPLATFORM node:20 AS webbuild\n',
    },
    {
      code: 'FROM alpine:3 AS base\nFROM alpine:3 AS Final\nCOPY --from=base /a /a\n',
      errors: [{ line: 2, column: 18, endColumn: 23 }],
      output: 'FROM alpine:3 AS base\nFROM alpine:3 AS final\nCOPY --from=base /a /a\n',
    },
  ],
});
