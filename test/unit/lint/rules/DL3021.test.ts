import { rule } from '../../../../src/lint/rules/DL3021';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM debian:12\nCOPY a b /dest/\n',
    'FROM debian:12\nCOPY a /dest\n',
    'FROM debian:12\nCOPY --chown=app a "/dest/"\n',
    'FROM debian:12\nCOPY ["a", "b", "/dest/"]\n',
    'FROM debian:12\nCOPY --from=build /a /b /out/\n',
    'FROM debian:12\nCOPY <<EOF /etc/x.conf\nkey=value\nEOF\n',
  ],
  invalid: [
    { code: 'FROM debian:12\nCOPY ["a", "b", "/dest"]\n', errors: [{ line: 2, column: 17, endColumn: 24 }], output: 'FROM debian:12\nCOPY ["a", "b", "/dest/"]\n' },
    {
      code: 'FROM debian:12\nCOPY a b /dest\n',
      errors: [{ line: 2, column: 10, endLine: 2, endColumn: 15 }],
      output: 'FROM debian:12\nCOPY a b /dest/\n',
    },
    {
      code: 'FROM debian:12\nCOPY package.json package-lock.json .\n',
      errors: [{ line: 2, column: 37, endColumn: 38 }],
      output: 'FROM debian:12\nCOPY package.json package-lock.json ./\n',
    },
    {
      code: 'FROM debian:12\nCOPY --chown=app a b "/dest"\n',
      errors: [{ line: 2, column: 22, endColumn: 29 }],
      output: 'FROM debian:12\nCOPY --chown=app a b "/dest/"\n',
    },
    {
      code: 'FROM debian:12\nCOPY a \\\n     b \\\n     /srv\n',
      errors: [{ line: 4, column: 6, endColumn: 10 }],
      output: 'FROM debian:12\nCOPY a \\\n     b \\\n     /srv/\n',
    },
    {
      code: 'FROM debian:12\ncopy *.txt *.md /docs\n',
      errors: [{ line: 2, column: 17, endColumn: 22 }],
      output: 'FROM debian:12\ncopy *.txt *.md /docs/\n',
    },
  ],
});
