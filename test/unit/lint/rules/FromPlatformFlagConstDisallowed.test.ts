import { rule } from '../../../../src/lint/rules/FromPlatformFlagConstDisallowed';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM alpine:3\n',
    'FROM --platform=$BUILDPLATFORM alpine:3\n',
    'FROM --platform=linux/amd64 alpine:3 AS build_amd64\n',
    'FROM --platform=linux/arm64 alpine:3 AS arm64-tools\n',
    'FROM --platform=${TARGETPLATFORM} alpine:3\n',
    // Architecture aliases are normalized before the stage name is searched (BuildKit's platforms.Parse).
    'FROM --platform=linux/x86_64 alpine:3 AS build-amd64\n',
    // A value BuildKit cannot parse is left to the build to reject.
    'FROM --platform=nonsense/thing alpine:3\n',
  ],
  invalid: [
    { code: 'FROM --platform=linux/amd64 alpine AS base\n', errors: [{ line: 1, column: 17, endLine: 1, endColumn: 28, message: 'constant value "linux/amd64"' }] },
    { code: 'FROM --platform=linux/arm64/v8 alpine:3\n', errors: [{ line: 1, column: 17, endColumn: 31 }] },
    { code: 'from --platform=windows/amd64 app:1 as build\n', errors: [{ line: 1, column: 17, endColumn: 30 }] },
    { code: 'FROM --platform=linux/amd64 alpine:3 AS builder\nFROM --platform=linux/s390x debian:12\n', errors: [{ line: 1, column: 17 }, { line: 2, column: 17, endColumn: 28 }] },
    { code: 'FROM --platform=linux/riscv64 alpine:3 AS amd64-build\n', errors: [{ line: 1, column: 17, endColumn: 30 }] },
  ],
});
