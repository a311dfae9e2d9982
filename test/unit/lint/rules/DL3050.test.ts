import { rule } from '../../../../src/lint/rules/DL3050';
import { testRule } from '../ruleTester';

const strict = { labelSchema: { version: 'semver' }, strictLabels: true };

testRule(rule, {
  valid: [
    'FROM debian:12\nLABEL anything=1\n',
    { code: 'FROM debian:12\nLABEL version=1.0.0\n', settings: strict },
    { code: 'FROM debian:12\nLABEL other=1\n', settings: { labelSchema: { version: 'semver' }, strictLabels: false } },
    { code: 'FROM debian:12\nRUN echo LABEL x=1\n', settings: strict },
    { code: 'FROM debian:12\n', settings: { labelSchema: {}, strictLabels: true } },
  ],
  invalid: [
    { code: 'FROM debian:12\nLABEL version=1.0.0 extra=1\n', settings: strict, errors: [{ line: 2, column: 21, endLine: 2, endColumn: 26, message: '`extra`' }] },
    { code: 'FROM debian:12\nLABEL a=1\n', settings: { labelSchema: {}, strictLabels: true }, errors: [{ line: 2, column: 7, endColumn: 8 }] },
    { code: 'FROM debian:12\nLABEL "team"="web"\n', settings: strict, errors: [{ line: 2, column: 7, endColumn: 13 }] },
    { code: 'FROM debian:12\nLABEL x=1\nLABEL y=2 version=1.0.0\n', settings: strict, errors: [{ line: 2, column: 7 }, { line: 3, column: 7 }] },
    { code: 'FROM debian:12\nLABEL Version=1.0.0\n', settings: strict, errors: [{ line: 2, column: 7, endColumn: 14 }] },
  ],
});
