import { rule } from '../../../../src/lint/rules/DL3015';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl\n',
    'FROM debian:12\nRUN apt-get -o APT::Install-Recommends=false install -y curl\n',
    'FROM debian:12\nRUN apt-get update\n',
    'FROM debian:12\nRUN apt install curl\n',
    'FROM debian:12\nRUN echo apt-get install curl\n',
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get install -y curl\n',
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 20 }],
      output: 'FROM debian:12\nRUN apt-get install --no-install-recommends -y curl\n',
    },
    {
      code: 'FROM debian:12\nRUN apt-get -y install curl && rm -rf /var/lib/apt/lists/*\n',
      errors: [{ line: 2, column: 5, endColumn: 23 }],
      output: 'FROM debian:12\nRUN apt-get -y install --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      code: 'FROM debian:12\nRUN set -eux; \\\n    apt-get install -y \\\n      git\n',
      errors: [{ line: 3, column: 5, endColumn: 20 }],
      output: 'FROM debian:12\nRUN set -eux; \\\n    apt-get install --no-install-recommends -y \\\n      git\n',
    },
    {
      code: 'FROM debian:12\nRUN <<EOF\napt-get install -y jq\nEOF\n',
      errors: [{ line: 3, column: 1, endColumn: 16 }],
      output: 'FROM debian:12\nRUN <<EOF\napt-get install --no-install-recommends -y jq\nEOF\n',
    },
    {
      code: 'FROM debian:12\nRUN ["apt-get", "install", "-y", "curl"]\n',
      errors: [{ line: 2, column: 6, endColumn: 26 }],
      output: 'FROM debian:12\nRUN ["apt-get", "install", "--no-install-recommends", "-y", "curl"]\n',
    },
  ],
});
