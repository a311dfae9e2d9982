import { rule } from '../../../../src/lint/rules/DL3044';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM debian:12\nENV A=1 B=2\n',
    'FROM debian:12\nENV A=1\nENV B=$A\n',
    'FROM debian:12\nARG A\nENV A=1 B=$A\n',
    'FROM debian:12\nENV PATH=/opt/bin:$PATH\n',
    'FROM debian:12\nENV A=1 B=$AB\n',
    'FROM debian:12\nENV A 1\n',
  ],
  invalid: [
    { code: 'FROM debian:12\nENV A=1 B=$A\n', errors: [{ line: 2, column: 11, endLine: 2, endColumn: 13, message: '`A`' }] },
    { code: 'FROM debian:12\nENV A=1 B=${A}/x\n', errors: [{ line: 2, column: 11, endColumn: 15 }] },
    { code: 'FROM debian:12\nENV HOME=/root B="$HOME/bin"\n', errors: [{ line: 2, column: 19, endColumn: 24 }] },
    { code: 'FROM debian:12\nENV A=1 \\\n    B=$A-x\n', errors: [{ line: 3, column: 7, endColumn: 9 }] },
    { code: 'FROM debian:12\nENV B=$A A=1\n', errors: [{ line: 2, column: 7, endColumn: 9 }] },
  ],
});
