import { rule } from '../../../../src/lint/rules/DL3014';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get install -y curl\n',
    'FROM debian:12\nRUN apt-get -qq install curl\n',
    'FROM debian:12\nRUN apt-get install --yes curl\n',
    'FROM debian:12\nRUN apt-get --assume-yes install curl\n',
    'FROM debian:12\nRUN apt-get -fy install curl\n',
    'FROM debian:12\nRUN apt-get update\n',
    // Quiet level 2 implies yes, as hadolint counts it.
    'FROM debian:12\nRUN apt-get -q -q install curl\n',
    'FROM debian:12\nRUN apt-get -q=2 install curl\n',
    'FROM debian:12\nRUN apt-get --quiet --quiet install curl\n',
  ],
  invalid: [
    // One -q (or three) is not level 2: apt-get still asks.
    { code: 'FROM debian:12\nRUN apt-get -q install curl\n', errors: [{ line: 2, column: 5, endColumn: 23 }] },
    { code: 'FROM debian:12\nRUN apt-get -qqq install curl\n', errors: [{ line: 2, column: 5, endColumn: 25 }] },
    {
      code: 'FROM debian:12\nRUN apt-get install curl\n',
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 20 }],
      output: 'FROM debian:12\nRUN apt-get install -y curl\n',
    },
    {
      code: 'FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends git\n',
      errors: [{ line: 2, column: 23, endColumn: 38 }],
      output: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends git\n',
    },
    {
      code: 'FROM debian:12\nRUN apt-get update \\\n && apt-get install \\\n    curl\n',
      errors: [{ line: 3, column: 5, endColumn: 20 }],
      output: 'FROM debian:12\nRUN apt-get update \\\n && apt-get install -y \\\n    curl\n',
    },
    {
      code: 'FROM debian:12\nRUN ["apt-get", "install", "curl"]\n',
      errors: [{ line: 2, column: 6, endColumn: 26 }],
      output: 'FROM debian:12\nRUN ["apt-get", "install", "-y", "curl"]\n',
    },
    {
      code: 'FROM debian:12\nONBUILD RUN apt-get install curl\n',
      errors: [{ line: 2, column: 13, endColumn: 28 }],
      output: 'FROM debian:12\nONBUILD RUN apt-get install -y curl\n',
    },
    {
      code: 'FROM debian:12\nRUN apt-get install a; apt-get install b\n',
      errors: [{ line: 2, column: 5, endColumn: 20 }, { line: 2, column: 24, endColumn: 39 }],
      output: 'FROM debian:12\nRUN apt-get install -y a; apt-get install -y b\n',
    },
  ],
});
