import { rule } from '../../../../src/lint/rules/DL3052';
import { testRule } from '../ruleTester';

const schema = { labelSchema: { documentation: 'url' } };

testRule(rule, {
  valid: [
    'FROM debian:12\nLABEL documentation=nonsense\n',
    { code: 'FROM debian:12\nLABEL documentation=https://example.com/docs\n', settings: schema },
    { code: 'FROM debian:12\nLABEL documentation="https://example.com/a?b=c#d"\n', settings: schema },
    { code: 'FROM debian:12\nLABEL documentation=mailto:team@example.com\n', settings: schema },
    { code: 'FROM debian:12\nLABEL other=nonsense\n', settings: schema },
  ],
  invalid: [
    { code: 'FROM debian:12\nLABEL documentation=example.com\n', settings: schema, errors: [{ line: 2, column: 21, endLine: 2, endColumn: 32, message: 'not a valid URL' }] },
    { code: 'FROM debian:12\nLABEL documentation="https://example.com/a b"\n', settings: schema, errors: [{ line: 2, column: 21, endColumn: 46 }] },
    { code: 'FROM debian:12\nLABEL documentation=/docs\n', settings: schema, errors: [{ line: 2, column: 21 }] },
    { code: 'FROM debian:12\nLABEL documentation="http://x/%zz"\n', settings: schema, errors: [{ line: 2, column: 21 }] },
    { code: 'FROM debian:12\nLABEL documentation=""\n', settings: schema, errors: [{ line: 2, column: 21, endColumn: 23 }] },
  ],
});
