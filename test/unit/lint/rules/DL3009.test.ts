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
    'FROM debian:12\nRUN apt-get update && rm -rf /tmp/*\n',
    'FROM debian:12\nRUN apt-get update && rm /var/lib/apt/lists/*\n',
    'FROM debian:12\nRUN --mount=type=tmpfs,target=/var/lib/apt/lists apt-get update\n',
    'FROM debian:12\nRUN --mount=type=cache,id=apt,target=/var/lib/apt/lists,sharing=locked apt-get update\n',
    'FROM debian:12\nONBUILD RUN apt-get update && rm -rf /var/lib/apt/lists/*\n',
    'FROM debian:12 AS build\nRUN apt-get update\nFROM debian:12 AS final\nCOPY --from=build /x /x\n',
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n', errors: [{ line: 2, column: 5, endLine: 2, endColumn: 19 }] },
    { code: 'FROM debian:12\nRUN apt-get -q update\n', errors: [{ line: 2, column: 5, endColumn: 22 }] },
    {
      code: 'FROM debian:12 AS base\nRUN apt-get update\nFROM base\nRUN true\n',
      errors: [{ line: 2, column: 5, endColumn: 19 }],
    },
    { code: 'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt-get update\n', errors: [{ line: 2, column: 46, endColumn: 60 }] },
    // hadolint's clean-up test is an `rm` with `-rf` or `/var/lib/apt/lists/*`: `rm -r …/lists` is none.
    { code: 'FROM debian:12\nRUN apt-get update && rm -r /var/lib/apt/lists\n', errors: [{ line: 2, column: 5, endColumn: 19 }] },
    { code: 'FROM debian:12\nRUN apt update && apt install -y curl\n', errors: [{ line: 2, column: 5, endColumn: 15 }] },
    { code: 'FROM debian:12\nRUN aptitude update\n', errors: [{ line: 2, column: 5, endColumn: 20 }] },
    // A stage named like a later FROM's image counts, wherever that FROM is.
    { code: 'FROM debian:12 AS base\nRUN apt-get update\nFROM base AS final\nFROM alpine:3\n', errors: [{ line: 2, column: 5, endColumn: 19 }] },
    // The ONBUILD variant has no stages: every such trigger is reported.
    { code: 'FROM debian:12 AS build\nONBUILD RUN apt-get update\nFROM debian:12\nONBUILD RUN apt-get update\n', errors: [{ line: 2, column: 13 }, { line: 4, column: 13 }] },
    { code: 'FROM debian:12\nONBUILD RUN apt-get update\n', errors: [{ line: 2, column: 13, endColumn: 27 }] },
  ],
});
