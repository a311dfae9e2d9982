import { rule } from '../../../../src/lint/rules/DL3023';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM golang:1.22 AS Build\nCOPY --from=build /a /a\n',
    'FROM golang:1.22 AS build\nFROM debian:12 AS final\nCOPY --from=build /a /a\n',
    'FROM debian:12\nCOPY --from=0 /a /a\n',
    'FROM debian:12 AS app\nCOPY a /a\n',
    'FROM debian:12 AS app\nFROM debian:12\nCOPY --from=app /a /a\n',
    'FROM debian:12 AS app\nCOPY --from=apps /a /a\n',
  ],
  invalid: [
    { code: 'FROM debian:12 AS app\nCOPY --from=app /a /b\n', errors: [{ line: 2, column: 13, endLine: 2, endColumn: 16 }] },
    { code: 'FROM a:1 AS one\nFROM b:1 AS two\nRUN true\nCOPY --from=two /x /y\n', errors: [{ line: 4, column: 13, endColumn: 16 }] },
    { code: 'FROM debian:12 AS app\nCOPY --chown=1 --from=app /a /b\n', errors: [{ line: 2, column: 23, endColumn: 26 }] },
    { code: 'FROM debian:12 AS x\nCOPY --from=x /a /b\nCOPY --from=x /c /d\n', errors: [{ line: 2, column: 13 }, { line: 3, column: 13, endColumn: 14 }] },
  ],
});
