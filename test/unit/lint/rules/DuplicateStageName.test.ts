import { rule } from '../../../../src/lint/rules/DuplicateStageName';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM alpine:3 AS a\nFROM alpine:3 AS b\n',
    'FROM alpine:3\nFROM alpine:3\n',
    'FROM alpine:3 AS build\nFROM build AS build-2\n',
    'FROM alpine:3 AS one\n',
    'FROM alpine:3 AS test\nFROM alpine:3 AS tests\n',
  ],
  invalid: [
    { code: 'FROM alpine:3 AS a\nFROM debian:12 AS a\n', errors: [{ line: 2, column: 19, endLine: 2, endColumn: 20, message: 'Duplicate stage name "a"' }] },
    { code: 'FROM alpine:3 AS build\nFROM alpine:3 AS Build\n', errors: [{ line: 2, column: 18, endColumn: 23, message: '"build"' }] },
    { code: 'FROM alpine:3 AS x\nFROM alpine:3 AS x\nFROM alpine:3 AS x\n', errors: [{ line: 2, column: 18 }, { line: 3, column: 18 }] },
    { code: 'FROM alpine:3 AS base\nRUN true\nFROM base AS test\nFROM alpine:3 AS base\n', errors: [{ line: 4, column: 18, endColumn: 22 }] },
    { code: 'from alpine:3 as dup\nfrom alpine:3 as dup\n', errors: [{ line: 2, column: 18, endColumn: 21 }] },
  ],
});
