import { rule } from '../../../../src/lint/rules/UnterminatedQuote';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM debian:12\nLABEL description="it\'s fine"\n',
    "FROM debian:12\nENV GREETING='say \"hi\"'\n",
    'FROM debian:12\nCOPY ["a b", "/c"]\n',
    'FROM debian:12\nRUN echo "unbalanced\n',
    'FROM debian:12\nENV A="escaped \\" quote"\n',
    '# escape=`\nFROM debian:12\nENV A="b`"c"\n',
  ],
  invalid: [
    { code: 'FROM debian:12\nLABEL x="abc\n', errors: [{ line: 2, column: 9, endColumn: 10, message: 'double quote' }] },
    { code: "FROM debian:12\nENV A='b\n", errors: [{ line: 2, column: 7, message: 'single quote' }] },
    { code: 'FROM debian:12\nWORKDIR "/app\n', errors: [{ line: 2, column: 9 }] },
    { code: 'FROM debian:12\nCOPY "a b /c\n', errors: [{ line: 2, column: 6 }] },
    { code: 'FROM debian:12\nENV A="one \\\n  two\n', errors: [{ line: 2, column: 7, message: 'ENV' }] },
  ],
});
