import { rule } from '../../../../src/lint/rules/DL3055';
import { testRule } from '../ruleTester';

const schema = { labelSchema: { 'git-revision': 'hash' } };

testRule(rule, {
  valid: [
    'FROM debian:12\nLABEL git-revision=main\n',
    { code: 'FROM debian:12\nLABEL git-revision=4153112\n', settings: schema },
    { code: 'FROM debian:12\nLABEL git-revision=0123456789abcdef0123456789abcdef01234567\n', settings: schema },
    { code: 'FROM debian:12\nLABEL git-revision="abcdef0"\n', settings: schema },
    { code: 'FROM debian:12\nLABEL revision=main\n', settings: schema },
  ],
  invalid: [
    { code: 'FROM debian:12\nLABEL git-revision=main\n', settings: schema, errors: [{ line: 2, column: 20, endLine: 2, endColumn: 24, message: 'git hash' }] },
    { code: 'FROM debian:12\nLABEL git-revision=ABCDEF0\n', settings: schema, errors: [{ line: 2, column: 20, endColumn: 27 }] },
    { code: 'FROM debian:12\nLABEL git-revision=41531\n', settings: schema, errors: [{ line: 2, column: 20 }] },
    { code: 'FROM debian:12\nLABEL git-revision="0123456789abcdef0123456789abcdef012345678"\n', settings: schema, errors: [{ line: 2, column: 20 }] },
    { code: 'FROM debian:12\nLABEL git-revision=$GIT_SHA\n', settings: schema, errors: [{ line: 2, column: 20, endColumn: 28 }] },
  ],
});
