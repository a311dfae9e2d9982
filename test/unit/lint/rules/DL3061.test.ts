import { rule } from '../../../../src/lint/rules/DL3061';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM debian:12\nRUN ls\n',
    'ARG BASE=debian:12\nFROM ${BASE}\nLABEL a=b\n',
    '# syntax=docker/dockerfile:1\n# a comment\nFROM debian:12\n',
    'FROM debian:12\nENV A=1\nFROM alpine:3\nLABEL x=y\n',
    '',
  ],
  invalid: [
    { code: 'LABEL a=b\nFROM debian:12\n', errors: [{ line: 1, column: 1, endLine: 1, endColumn: 6 }] },
    { code: 'ARG V=1\nENV A=1\nFROM debian:12\n', errors: [{ line: 2, column: 1, endColumn: 4 }] },
    { code: 'RUN ls\nCOPY a b\nFROM debian:12\n', errors: [{ line: 1, column: 1, endColumn: 4 }, { line: 2, column: 1, endColumn: 5 }] },
    { code: '# comment\n  WORKDIR /app\nFROM debian:12\n', errors: [{ line: 2, column: 3, endColumn: 10 }] },
    { code: 'MAINTAINER me\n', errors: [{ line: 1, column: 1, endColumn: 11 }] },
  ],
});
