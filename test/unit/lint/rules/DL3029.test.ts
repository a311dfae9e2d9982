import { rule } from '../../../../src/lint/rules/DL3029';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM debian:12\n',
    'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n',
    'FROM --platform=${TARGETPLATFORM} debian:12\n',
    'FROM debian:12 AS platform\n',
    'FROM --platform="${BUILDPLATFORM:-linux/amd64}" debian:12\n',
  ],
  invalid: [
    { code: 'FROM --platform=linux/amd64 debian:12\n', errors: [{ line: 1, column: 6, endLine: 1, endColumn: 28 }] },
    { code: 'FROM debian:12 AS a\nFROM --platform=linux/arm64/v8 alpine:3 AS b\n', errors: [{ line: 2, column: 6, endColumn: 31 }] },
    { code: 'from --platform=windows/amd64 mcr.microsoft.com/windows/nanoserver:ltsc2022\n', errors: [{ line: 1, column: 6, endColumn: 30 }] },
    { code: 'FROM --platform=linux/amd64 a:1\nFROM --platform=linux/amd64 b:1\n', errors: [{ line: 1, column: 6 }, { line: 2, column: 6, endColumn: 28 }] },
    { code: 'FROM --platform=linux/s390x scratch\n', errors: [{ line: 1, column: 6, endColumn: 28 }] },
    { code: 'ARG P=linux/amd64\nFROM --platform=$P debian:12\n', errors: [{ line: 2, column: 6, endColumn: 19 }] },
  ],
});
