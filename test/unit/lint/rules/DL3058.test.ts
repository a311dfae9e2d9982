import { rule } from '../../../../src/lint/rules/DL3058';
import { testRule } from '../ruleTester';

const schema = { labelSchema: { contact: 'email' } };

testRule(rule, {
  valid: [
    'FROM debian:12\nLABEL contact=nobody\n',
    { code: 'FROM debian:12\nLABEL contact=team@example.com\n', settings: schema },
    { code: 'FROM debian:12\nLABEL contact="first.last+docker@sub.example.org"\n', settings: schema },
    { code: 'FROM debian:12\nLABEL contact=ops@[192.0.2.1]\n', settings: schema },
    { code: 'FROM debian:12\nLABEL owner=nobody\n', settings: schema },
  ],
  invalid: [
    { code: 'FROM debian:12\nLABEL contact=team\n', settings: schema, errors: [{ line: 2, column: 15, endLine: 2, endColumn: 19, message: 'RFC5322' }] },
    { code: 'FROM debian:12\nLABEL contact="Team <team@example.com>"\n', settings: schema, errors: [{ line: 2, column: 15, endColumn: 40 }] },
    { code: 'FROM debian:12\nLABEL contact=a@@example.com\n', settings: schema, errors: [{ line: 2, column: 15 }] },
    { code: 'FROM debian:12\nLABEL contact=.a@example.com\n', settings: schema, errors: [{ line: 2, column: 15 }] },
    { code: 'FROM debian:12\nLABEL contact=a@example..com\n', settings: schema, errors: [{ line: 2, column: 15 }] },
  ],
});
