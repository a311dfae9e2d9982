import { rule } from '../../../../src/lint/rules/FromAsCasing';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM debian:12 AS builder\n',
    'from debian:12 as builder\n',
    'FROM debian:12\n',
    'From debian:12 as builder\n',
    'FROM --platform=$BUILDPLATFORM debian:12 AS builder\n',
  ],
  invalid: [
    { code: 'FROM debian:12 as builder\n', errors: [{ line: 1, column: 16, endLine: 1, endColumn: 18, message: "'as' and 'FROM'" }], output: 'FROM debian:12 AS builder\n' },
    { code: 'from debian:12 AS builder\n', errors: [{ line: 1, column: 16, endColumn: 18 }], output: 'from debian:12 as builder\n' },
    { code: 'FROM debian:12 As builder\n', errors: [{ line: 1, column: 16, endColumn: 18 }], output: 'FROM debian:12 AS builder\n' },
    { code: 'FROM alpine:3 AS a\nFROM a as b\n', errors: [{ line: 2, column: 8, endColumn: 10 }], output: 'FROM alpine:3 AS a\nFROM a AS b\n' },
    { code: 'FROM --platform=linux/arm64 alpine:3 aS arm\n', errors: [{ line: 1, column: 38, endColumn: 40 }], output: 'FROM --platform=linux/arm64 alpine:3 AS arm\n' },
  ],
});
