import { rule } from '../../../../src/lint/rules/DL1001';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM debian:12\n',
    '# a plain comment\nFROM debian:12\n',
    '# hadolint global ignore=DL3008\nFROM debian:12\n',
    'FROM debian:12\n# mentions hadolint but no pragma\nRUN true\n',
    'FROM debian:12\nRUN echo "# hadolint ignore=DL3008"\n',
    '# hadolint shell=bash\nFROM debian:12\n',
  ],
  invalid: [
    { code: '# hadolint ignore=DL3006\nFROM debian\n', errors: [{ line: 1, column: 1, endLine: 1, endColumn: 25 }] },
    { code: 'FROM debian:12\n#hadolint ignore=DL3008,DL3015\nRUN apt-get install curl\n', errors: [{ line: 2, column: 1, endColumn: 31 }] },
    { code: 'FROM debian:12\n  # hadolint ignore=DL3003\nRUN cd /x\n', errors: [{ line: 2, column: 3, endColumn: 27 }] },
    { code: 'FROM debian:12\n# hadolint ignore = DL3004\nRUN sudo true\n', errors: [{ line: 2, column: 1, endColumn: 27 }] },
    {
      code: '# hadolint ignore=DL3006\nFROM debian\n# hadolint ignore=DL3003\nRUN cd /x\n',
      errors: [{ line: 1, column: 1, endColumn: 25 }, { line: 3, column: 1, endColumn: 25 }],
    },
  ],
});
