import { rule } from '../../../../src/lint/rules/DL3051';
import { testRule } from '../ruleTester';

const schema = { labelSchema: { version: 'text', maintainer: 'email' } };

testRule(rule, {
  valid: [
    'FROM debian:12\nLABEL version=""\n',
    { code: 'FROM debian:12\nLABEL version=1\n', settings: schema },
    { code: 'FROM debian:12\nLABEL other=""\n', settings: schema },
    { code: 'FROM debian:12\nLABEL version=" "\n', settings: schema },
    { code: 'FROM debian:12\nLABEL maintainer="$AUTHOR"\n', settings: schema },
  ],
  invalid: [
    { code: 'FROM debian:12\nLABEL version=""\n', settings: schema, errors: [{ line: 2, column: 15, endLine: 2, endColumn: 17, message: '`version` is empty' }] },
    { code: 'FROM debian:12\nLABEL version=\'\'\n', settings: schema, errors: [{ line: 2, column: 15, endColumn: 17 }] },
    { code: 'FROM debian:12\nLABEL a=1 maintainer="" version=""\n', settings: schema, errors: [{ line: 2, column: 22, endColumn: 24 }, { line: 2, column: 33, endColumn: 35 }] },
    { code: 'FROM debian:12\nLABEL version=\n', settings: schema, errors: [{ line: 2, column: 7, endColumn: 15 }] },
    { code: 'FROM debian:12\nLABEL version="" \\\n      other=1\n', settings: schema, errors: [{ line: 2, column: 15 }] },
  ],
});
