import { rule } from '../../../../src/lint/rules/UndefinedArgInFrom';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'ARG VARIANT="-alpine3.20"\nFROM node:22${VARIANT} AS jsbuilder\n',
    'ARG TAG=3\nFROM alpine:$TAG\n',
    'FROM --platform=$BUILDPLATFORM alpine:3\n',
    'ARG BASE\nFROM $BASE\n',
    'FROM alpine:3 AS build_amd64\nFROM build_${TARGETARCH}\n',
  ],
  invalid: [
    { code: 'FROM node:22${VARIANT} AS jsbuilder\n', errors: [{ line: 1, column: 13, endLine: 1, endColumn: 23, message: "FROM argument 'VARIANT' is not declared" }] },
    { code: 'FROM --platform=$BUILDPLATFROM alpine:3\n', errors: [{ line: 1, column: 17, endColumn: 31, message: 'did you mean BUILDPLATFORM?' }] },
    { code: 'FROM alpine:3\nARG V=1\nFROM alpine:$V\n', errors: [{ line: 3, column: 13, endColumn: 15 }] },
    { code: 'ARG ALPINE_VERSION=3.20\nFROM alpine:${ALPINE_VERSON}\n', errors: [{ line: 2, column: 13, endColumn: 29, message: 'did you mean ALPINE_VERSION?' }] },
    { code: 'FROM $REGISTRY/app:$TAG\n', errors: [{ line: 1, column: 6, endColumn: 15 }, { line: 1, column: 20, endColumn: 24 }] },
  ],
});
