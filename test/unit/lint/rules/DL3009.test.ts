import { rule } from '../../../../src/lint/rules/DL3009';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
    'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y curl\n',
    'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt --mount=type=cache,target=/var/cache/apt apt-get update\n',
    'FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc\nFROM debian:12\nCOPY --from=build /out /out\n',
    'FROM debian:12\nRUN apt-get install -y ./local.deb\n',
    'FROM debian:12\nRUN apt-get update \\\n && apt-get install -y curl \\\n && rm -rf /var/lib/apt/lists\n',
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n', errors: [{ line: 2, column: 5, endLine: 2, endColumn: 19 }] },
    { code: 'FROM debian:12\nRUN apt-get -q update\n', errors: [{ line: 2, column: 5, endColumn: 22 }] },
    {
      code: 'FROM debian:12 AS base\nRUN apt-get update\nFROM base\nRUN true\n',
      errors: [{ line: 2, column: 5, endColumn: 19 }],
    },
    { code: 'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt-get update\n', errors: [{ line: 2, column: 46, endColumn: 60 }] },
    { code: 'FROM debian:12\nRUN apt-get update && rm -rf /tmp/*\n', errors: [{ line: 2, column: 5, endColumn: 19 }] },
    { code: 'FROM debian:12\nONBUILD RUN apt-get update\n', errors: [{ line: 2, column: 13, endColumn: 27 }] },
  ],
});
