import { rule } from '../../../../src/lint/rules/RedundantTargetPlatform';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM alpine:3\n',
    'FROM --platform=$BUILDPLATFORM alpine:3\n',
    'FROM --platform=linux/amd64 alpine:3\n',
    'ARG TARGETPLATFORM\nFROM alpine:3\n',
    'FROM --platform=${TARGETPLATFORM:-linux/amd64} alpine:3\n',
  ],
  invalid: [
    { code: 'FROM --platform=$TARGETPLATFORM alpine:3\n', errors: [{ line: 1, column: 17, endLine: 1, endColumn: 32, message: 'redundant' }], output: 'FROM alpine:3\n' },
    { code: 'FROM --platform=${TARGETPLATFORM} alpine:3 AS build\n', errors: [{ line: 1, column: 17, endColumn: 34 }], output: 'FROM alpine:3 AS build\n' },
    { code: 'from --platform=$TARGETPLATFORM  alpine:3\n', errors: [{ line: 1, column: 17, endColumn: 32 }], output: 'from alpine:3\n' },
    { code: 'FROM alpine:3 AS a\nFROM --platform=$TARGETPLATFORM a\n', errors: [{ line: 2, column: 17 }], output: 'FROM alpine:3 AS a\nFROM a\n' },
    {
      code: 'FROM --platform=$TARGETPLATFORM alpine:3\nFROM --platform=$TARGETPLATFORM debian:12\n',
      errors: [{ line: 1, column: 17 }, { line: 2, column: 17 }],
      output: 'FROM alpine:3\nFROM debian:12\n',
    },
  ],
});
