import { rule } from '../../../../src/lint/rules/InvalidDefaultArgInFrom';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'ARG TAG=latest\nFROM busybox:${TAG}\n',
    'ARG VARIANT\nFROM busybox:stable${VARIANT}\n',
    'ARG TAG\nFROM alpine:${TAG:-3.14}\n',
    'FROM alpine:3 AS build_amd64\nFROM build_${TARGETARCH}\n',
    'ARG IMG=alpine:3\nFROM $IMG\n',
    'ARG REGISTRY=registry.example:5000\nFROM ${REGISTRY}/team/app:1\n',
  ],
  invalid: [
    { code: 'ARG TAG\nFROM busybox:${TAG}\n', errors: [{ line: 2, column: 6, endLine: 2, endColumn: 20, message: 'Default value for ARG busybox:${TAG}' }] },
    { code: 'ARG BASE\nFROM $BASE AS build\n', errors: [{ line: 2, column: 6, endColumn: 11 }] },
    { code: 'ARG REPO=My/Repo\nFROM $REPO:1\n', errors: [{ line: 2, column: 6, endColumn: 13 }] },
    { code: 'FROM ${UNDECLARED}\n', errors: [{ line: 1, column: 6, endColumn: 19 }] },
    { code: 'ARG DIGEST\nFROM alpine@${DIGEST}\n', errors: [{ line: 2, column: 6, endColumn: 22 }] },
  ],
});
