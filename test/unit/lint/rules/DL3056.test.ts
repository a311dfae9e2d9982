import { rule } from '../../../../src/lint/rules/DL3056';
import { testRule } from '../ruleTester';

const schema = { labelSchema: { version: 'semver' } };

testRule(rule, {
  valid: [
    'FROM debian:12\nLABEL version=latest\n',
    { code: 'FROM debian:12\nLABEL version=1.2.3\n', settings: schema },
    { code: 'FROM debian:12\nLABEL version="1.0.0-rc.1+build.5"\n', settings: schema },
    { code: 'FROM debian:12\nLABEL version=0.0.1-alpha\n', settings: schema },
    { code: 'FROM debian:12\nLABEL release=v1\n', settings: schema },
  ],
  invalid: [
    { code: 'FROM debian:12\nLABEL version=v1.2.3\n', settings: schema, errors: [{ line: 2, column: 15, endLine: 2, endColumn: 21, message: 'semantic versioning' }] },
    { code: 'FROM debian:12\nLABEL version=1.2\n', settings: schema, errors: [{ line: 2, column: 15, endColumn: 18 }] },
    { code: 'FROM debian:12\nLABEL version="01.2.3"\n', settings: schema, errors: [{ line: 2, column: 15 }] },
    { code: 'FROM debian:12\nLABEL version=1.2.3-\n', settings: schema, errors: [{ line: 2, column: 15 }] },
    { code: 'FROM debian:12\nLABEL a=b version=latest\n', settings: schema, errors: [{ line: 2, column: 19, endColumn: 25 }] },
  ],
});
