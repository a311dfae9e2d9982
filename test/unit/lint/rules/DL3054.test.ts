import { rule } from '../../../../src/lint/rules/DL3054';
import { testRule } from '../ruleTester';

const schema = { labelSchema: { license: 'spdx' } };

testRule(rule, {
  valid: [
    'FROM debian:12\nLABEL license=whatever\n',
    { code: 'FROM debian:12\nLABEL license=MIT\n', settings: schema },
    { code: 'FROM debian:12\nLABEL license="Apache-2.0"\n', settings: schema },
    { code: 'FROM debian:12\nLABEL license=GPL-3.0-or-later\n', settings: schema },
    { code: 'FROM debian:12\nLABEL license=GPL-2.0\n', settings: schema },
  ],
  invalid: [
    { code: 'FROM debian:12\nLABEL license=Apache\n', settings: schema, errors: [{ line: 2, column: 15, endLine: 2, endColumn: 21, message: 'SPDX' }] },
    { code: 'FROM debian:12\nLABEL license="mit"\n', settings: schema, errors: [{ line: 2, column: 15, endColumn: 20 }] },
    { code: 'FROM debian:12\nLABEL license="MIT OR Apache-2.0"\n', settings: schema, errors: [{ line: 2, column: 15 }] },
    { code: 'FROM debian:12\nLABEL license=proprietary\n', settings: schema, errors: [{ line: 2, column: 15 }] },
    { code: 'FROM debian:12\nLABEL a=1 \\\n  license=BSD\n', settings: schema, errors: [{ line: 3, column: 11, endColumn: 14 }] },
  ],
});
