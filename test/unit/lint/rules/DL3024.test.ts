import { rule } from '../../../../src/lint/rules/DL3024';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM debian:12 AS a\nFROM debian:12 AS b\n',
    'FROM debian:12\nFROM debian:12\n',
    'FROM debian:12 AS build\nFROM build AS test\n',
    'FROM debian:12 AS build\nFROM debian:12 AS builder\n',
    'FROM a:1 AS Build\nFROM b:1 as build\n',
    'FROM debian:12 AS one\n',
  ],
  invalid: [
    { code: 'FROM debian:12 AS build\nFROM debian:12 AS build\n', errors: [{ line: 2, column: 19, endLine: 2, endColumn: 24 }] },
    { code: 'FROM a:1 AS x\nFROM b:1 AS y\nFROM c:1 AS x\n', errors: [{ line: 3, column: 13, endColumn: 14 }] },
    { code: 'FROM a:1 AS s\nFROM b:1 AS s\nFROM c:1 AS s\n', errors: [{ line: 2, column: 13 }, { line: 3, column: 13, endColumn: 14 }] },
    { code: 'FROM --platform=$BUILDPLATFORM a:1 AS b\nFROM --platform=$BUILDPLATFORM a:1 AS b\n', errors: [{ line: 2, column: 39, endColumn: 40 }] },
  ],
});
