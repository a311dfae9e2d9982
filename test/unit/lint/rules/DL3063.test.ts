import { rule } from '../../../../src/lint/rules/DL3063';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    // hadolint compares the name in its exact case (BuildKit's ReservedStageName ignores case).
    'FROM debian:12 as Scratch\n',
    'FROM debian:12\n',
    'FROM debian:12 AS build\n',
    'FROM scratch\n',
    'FROM debian:12 AS contexts\n',
    'FROM debian:12 AS my-scratch\n',
  ],
  invalid: [
    { code: 'FROM debian:12 AS context\n', errors: [{ line: 1, column: 19, endLine: 1, endColumn: 26, message: '`context`' }] },
    { code: 'FROM debian:12 AS scratch\n', errors: [{ line: 1, column: 19, endColumn: 26 }] },
    { code: 'FROM --platform=linux/amd64 alpine:3 AS context\n', errors: [{ line: 1, column: 41, endColumn: 48 }] },
    { code: 'FROM alpine:3 AS base\nFROM base AS scratch\n', errors: [{ line: 2, column: 14 }] },
  ],
});
