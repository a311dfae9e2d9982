import { rule } from '../../../../src/lint/rules/DL3065';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM debian:12\n',
    'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n',
    'FROM --platform=linux/amd64 debian:12\n',
    'FROM --platform=${BUILDPLATFORM} golang:1.22\n',
    'ARG TARGETPLATFORM\nFROM debian:12\n',
  ],
  invalid: [
    { code: 'FROM --platform=$TARGETPLATFORM debian:12\n', errors: [{ line: 1, column: 17, endLine: 1, endColumn: 32 }], output: 'FROM debian:12\n' },
    { code: 'FROM --platform=${TARGETPLATFORM} debian:12 AS run\n', errors: [{ line: 1, column: 17, endColumn: 34 }], output: 'FROM debian:12 AS run\n' },
    { code: 'from --platform=$TARGETPLATFORM   alpine:3\n', errors: [{ line: 1, column: 17 }], output: 'from alpine:3\n' },
    { code: 'FROM alpine:3 AS a\nFROM --platform=$TARGETPLATFORM a\n', errors: [{ line: 2, column: 17 }], output: 'FROM alpine:3 AS a\nFROM a\n' },
    { code: 'FROM --platform=$TARGETPLATFORM scratch\nCOPY a /\n', errors: [{ line: 1, column: 17 }], output: 'FROM scratch\nCOPY a /\n' },
  ],
});
