import { rule } from '../../../../src/lint/rules/DL3027';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get install -y curl\n',
    'FROM debian:12\nRUN apt-cache policy curl\n',
    'FROM debian:12\nRUN echo apt install\n',
    'FROM debian:12\nRUN aptitude install curl\n',
    'FROM debian:12\nRUN ./apt-tool install\n',
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt install -y curl\n',
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 8 }],
      output: 'FROM debian:12\nRUN apt-get install -y curl\n',
    },
    {
      code: 'FROM debian:12\nRUN apt update && apt upgrade -y\n',
      errors: [{ line: 2, column: 5, endColumn: 8 }, { line: 2, column: 19, endColumn: 22 }],
      output: 'FROM debian:12\nRUN apt-get update && apt-get upgrade -y\n',
    },
    // `apt search` has no apt-get equivalent (it is apt-cache search): reported, not rewritten.
    { code: 'FROM debian:12\nRUN apt search curl\n', errors: [{ line: 2, column: 5, endColumn: 8 }] },
    {
      code: 'FROM debian:12\nRUN set -e; \\\n    apt -q remove vim\n',
      errors: [{ line: 3, column: 5, endColumn: 8 }],
      output: 'FROM debian:12\nRUN set -e; \\\n    apt-get -q remove vim\n',
    },
    {
      code: 'FROM debian:12\nRUN ["apt", "update"]\n',
      errors: [{ line: 2, column: 6, endColumn: 11 }],
      output: 'FROM debian:12\nRUN ["apt-get", "update"]\n',
    },
  ],
});
