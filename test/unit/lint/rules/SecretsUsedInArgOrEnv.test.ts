import { rule } from '../../../../src/lint/rules/SecretsUsedInArgOrEnv';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    // BuildKit's allow list: public, file, version.
    'FROM alpine:3\nARG SECRET_PASSPHRASE_FILE\nARG AUTH_MODULE_VERSION\nENV password_file=bar secret_File=baz\n',
    'FROM alpine:3\nARG PUBLIC_KEY\n',
    'FROM alpine:3\nENV MONKEY=1\n',
    'FROM alpine:3\nARG VERSION=1\n',
    'FROM alpine:3\nENV PASSWORDLESS=1\n',
    'FROM alpine:3\nENV KEYRING_DIR=/etc/keys\n',
    'FROM alpine:3\nRUN --mount=type=secret,id=token cat /run/secrets/token\n',
  ],
  invalid: [
    { code: 'FROM alpine:3\nARG GITHUB_TOKEN\n', errors: [{ line: 2, column: 5, endLine: 2, endColumn: 17, message: 'ARG "GITHUB_TOKEN"' }] },
    { code: 'FROM alpine:3\nENV DB_PASSWORD=hunter2\n', errors: [{ line: 2, column: 5, endColumn: 16, message: 'ENV "DB_PASSWORD"' }] },
    { code: 'FROM alpine:3\nENV A=1 AWS_SECRET_ACCESS_KEY=x\n', errors: [{ line: 2, column: 9, endColumn: 30 }] },
    { code: 'ARG apikey\nFROM alpine:3\n', errors: [{ line: 1, column: 5, endColumn: 11 }] },
    { code: 'FROM alpine:3\nENV Auth_Header x\n', errors: [{ line: 2, column: 5, endColumn: 16 }] },
  ],
});
