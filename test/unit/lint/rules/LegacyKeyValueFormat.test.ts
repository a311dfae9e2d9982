import { rule } from '../../../../src/lint/rules/LegacyKeyValueFormat';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM alpine:3\nENV A=1\n',
    'FROM alpine:3\nENV A=1 B=2\n',
    'FROM alpine:3\nLABEL a=b\n',
    'FROM alpine:3\nARG A\n',
    'FROM alpine:3\nENV A="x y"\n',
  ],
  invalid: [
    { code: 'FROM alpine:3\nENV A 1\n', errors: [{ line: 2, column: 5, endLine: 2, endColumn: 8, message: '"ENV key=value" should be used' }], output: 'FROM alpine:3\nENV A=1\n' },
    { code: 'FROM alpine:3\nENV GREETING hello world\n', errors: [{ line: 2, column: 5, endColumn: 25 }], output: 'FROM alpine:3\nENV GREETING="hello world"\n' },
    { code: 'FROM alpine:3\nLABEL maintainer me\n', errors: [{ line: 2, column: 7, endColumn: 20, message: 'LABEL' }], output: 'FROM alpine:3\nLABEL maintainer=me\n' },
    { code: 'FROM alpine:3\nENV A "x y"\n', errors: [{ line: 2, column: 5, endColumn: 12 }], output: 'FROM alpine:3\nENV A="x y"\n' },
    { code: 'from alpine:3\nenv foo bar\nenv baz qux\n', errors: [{ line: 2, column: 5 }, { line: 3, column: 5 }], output: 'from alpine:3\nenv foo=bar\nenv baz=qux\n' },
    // Mixed quoting has no single mechanical rewrite: reported without a fix.
    { code: 'FROM alpine:3\nENV A x "y" z\n', errors: [{ line: 2, column: 5, endColumn: 14 }] },
  ],
});
