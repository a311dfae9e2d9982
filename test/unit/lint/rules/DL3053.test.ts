import { rule } from '../../../../src/lint/rules/DL3053';
import { testRule } from '../ruleTester';

const schema = { labelSchema: { created: 'rfc3339' } };

testRule(rule, {
  valid: [
    'FROM debian:12\nLABEL created=yesterday\n',
    { code: 'FROM debian:12\nLABEL created=2024-05-01T12:00:00Z\n', settings: schema },
    { code: 'FROM debian:12\nLABEL created="2024-05-01T12:00:00.123+02:00"\n', settings: schema },
    { code: 'FROM debian:12\nLABEL created=2024-02-29t23:59:59-05:30\n', settings: schema },
    { code: 'FROM debian:12\nLABEL updated=yesterday\n', settings: schema },
  ],
  invalid: [
    { code: 'FROM debian:12\nLABEL created=2024-05-01\n', settings: schema, errors: [{ line: 2, column: 15, endLine: 2, endColumn: 25, message: 'RFC3339' }] },
    { code: 'FROM debian:12\nLABEL created="2023-02-29T00:00:00Z"\n', settings: schema, errors: [{ line: 2, column: 15, endColumn: 37 }] },
    { code: 'FROM debian:12\nLABEL created=2024-05-01T25:00:00Z\n', settings: schema, errors: [{ line: 2, column: 15 }] },
    { code: 'FROM debian:12\nLABEL created=2024-05-01T12:00:00\n', settings: schema, errors: [{ line: 2, column: 15 }] },
    { code: 'FROM debian:12\nLABEL created=$BUILD_DATE\n', settings: schema, errors: [{ line: 2, column: 15, endColumn: 26 }] },
  ],
});
