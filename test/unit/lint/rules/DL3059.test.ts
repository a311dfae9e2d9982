import { rule } from '../../../../src/lint/rules/DL3059';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
    'FROM debian:12\nRUN a\nENV X=1\nRUN b\n',
    'FROM debian:12\nRUN a && b && c\nRUN d\n',
    'FROM debian:12\nRUN a\nRUN b; c; d\n',
    'FROM debian:12\nRUN a\nRUN --mount=type=cache,target=/root/.cache b\n',
    'FROM debian:12\nRUN a\nFROM alpine:3\nRUN b\n',
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN a\nRUN b\n', errors: [{ line: 3, column: 1, endLine: 3, endColumn: 4 }] },
    { code: 'FROM debian:12\nRUN a\n# a comment\nRUN b\n', errors: [{ line: 4, column: 1 }] },
    { code: 'FROM debian:12\nRUN a\nRUN b\nRUN c\n', errors: [{ line: 3, column: 1 }, { line: 4, column: 1 }] },
    { code: 'FROM debian:12\nRUN --network=none a\nRUN --network=none c\n', errors: [{ line: 3, column: 1 }] },
    // Up to two commands each still count as small (hadolint).
    { code: 'FROM debian:12\nRUN a && b\nRUN c\nRUN d\n', errors: [{ line: 3, column: 1 }, { line: 4, column: 1 }] },
    { code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN X=1 make\n', errors: [{ line: 3, column: 1 }] },
    { code: 'FROM debian:12\nRUN a && b && c\nRUN d\nRUN e\n', errors: [{ line: 4, column: 1 }] },
    { code: 'FROM debian:12\nrun a\n  run ["b"]\n', errors: [{ line: 3, column: 3, endColumn: 6 }] },
  ],
});
