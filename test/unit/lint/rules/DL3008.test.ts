import { rule } from '../../../../src/lint/rules/DL3008';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get install -y curl=7.88.1-10\n',
    'FROM debian:12\nRUN apt-get update\n',
    'FROM debian:12\nRUN apt-get install -y ./pkg.deb\n',
    'FROM debian:12\nRUN apt-get install -y -t bookworm-backports git=1:2.43.0-1\n',
    'FROM debian:12\nRUN apt-get install -y curl/bookworm-backports\n',
    'FROM debian:12\nRUN apt-cache show curl\n',
    'FROM debian:12\nRUN echo apt-get install curl\n',
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN apt-get install -y curl\n', errors: [{ line: 2, column: 24, endLine: 2, endColumn: 28 }] },
    {
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends \\\n    curl=7.88.1-10 \\\n    git\n',
      errors: [{ line: 4, column: 5, endLine: 4, endColumn: 8 }],
    },
    { code: 'FROM debian:12\nRUN apt-get -o Dpkg::Options::=--force-confnew install -y "python3" wget=1.21\n', errors: [{ line: 2, column: 59, endColumn: 68 }] },
    { code: 'FROM debian:12\nRUN apt-get install -y curl git\n', errors: [{ line: 2, column: 24, endColumn: 28 }, { line: 2, column: 29, endColumn: 32 }] },
    { code: 'FROM debian:12\nONBUILD RUN apt-get update && apt-get install python\n', errors: [{ line: 2, column: 47, endColumn: 53 }] },
    { code: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y jq\nEOF\n', errors: [{ line: 4, column: 20, endColumn: 22 }] },
  ],
});
