import { rule } from '../../../../src/lint/rules/DL3043';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM debian:12\nONBUILD RUN echo hi\n',
    'FROM debian:12\nONBUILD COPY . /app\n',
    'FROM debian:12\nFROM alpine:3\n',
    'FROM debian:12\nMAINTAINER someone\n',
    'FROM debian:12\nONBUILD LABEL from=onbuild\n',
  ],
  invalid: [
    { code: 'FROM debian:12\nONBUILD FROM alpine:3\n', errors: [{ line: 2, column: 9, endLine: 2, endColumn: 13 }] },
    { code: 'FROM debian:12\nONBUILD ONBUILD RUN ls\n', errors: [{ line: 2, column: 9, endColumn: 16 }] },
    { code: 'FROM debian:12\nONBUILD MAINTAINER me\n', errors: [{ line: 2, column: 9, endColumn: 19 }] },
    { code: 'FROM debian:12\nonbuild from alpine:3\n', errors: [{ line: 2, column: 9, endColumn: 13 }] },
    { code: 'FROM debian:12\nONBUILD   FROM x:1\nONBUILD RUN ls\nONBUILD FROM y:2\n', errors: [{ line: 2, column: 11 }, { line: 4, column: 9 }] },
  ],
});
