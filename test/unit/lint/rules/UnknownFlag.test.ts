import { rule } from '../../../../src/lint/rules/UnknownFlag';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM --platform=linux/amd64 debian:12\n',
    'FROM debian:12\nCOPY --from=build --chown=1:1 --chmod=644 --link --parents --exclude=*.md a /b\n',
    'FROM debian:12\nADD --checksum=sha256:abc --keep-git-dir=true --chown=1 https://x/y /z\n',
    'FROM debian:12\nRUN --mount=type=cache,target=/c --network=none --security=insecure make\n',
    'FROM debian:12\nHEALTHCHECK --interval=5s --timeout=3s --start-period=1s --start-interval=1s --retries=3 CMD true\n',
    'FROM debian:12\nCMD --help\n',
  ],
  invalid: [
    { code: 'FROM debian:12\nCOPY --own=1 a /b\n', errors: [{ line: 2, column: 8, endColumn: 11, message: 'Unknown flag for COPY: --own' }] },
    { code: 'FROM --plaform=linux/arm64 debian:12\n', errors: [{ line: 1, column: 8, endColumn: 15, message: 'did you mean --platform?' }] },
    { code: 'FROM debian:12\nRUN --netwrk=host true\n', errors: [{ line: 2, column: 7, endColumn: 13, message: '--network' }] },
    { code: 'FROM debian:12\nADD --from=build a /b\n', errors: [{ line: 2, column: 7, endColumn: 11, message: 'ADD' }] },
    { code: 'FROM debian:12\nHEALTHCHECK --every=5s CMD true\n', errors: [{ line: 2, column: 15 }] },
    { code: 'FROM debian:12\nWORKDIR --x /app\n', errors: [{ line: 2, column: 11, endColumn: 12, message: 'WORKDIR takes no flags' }] },
    { code: 'FROM debian:12\nONBUILD COPY --foo a b\n', errors: [{ line: 2, column: 16, endColumn: 19 }] },
  ],
});
