import { rule } from '../../../../src/lint/rules/DL3064';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM debian:12\nARG VERSION=1\n',
    'FROM debian:12\nENV PATH=/usr/local/bin:$PATH LANG=C.UTF-8\n',
    'FROM debian:12\nARG NODE_ENV=production\n',
    'FROM debian:12\nRUN --mount=type=secret,id=token cat /run/secrets/token\n',
    'FROM debian:12\nLABEL secret=1\n',
  ],
  invalid: [
    { code: 'FROM debian:12\nARG GITHUB_TOKEN\n', errors: [{ line: 2, column: 5, endLine: 2, endColumn: 17, message: '`GITHUB_TOKEN`' }] },
    { code: 'FROM debian:12\nENV DB_PASSWORD=hunter2\n', errors: [{ line: 2, column: 5, endColumn: 16 }] },
    { code: 'FROM debian:12\nENV A=1 aws_access_key_id=x\n', errors: [{ line: 2, column: 9, endColumn: 26 }] },
    { code: 'ARG npm_token\nFROM debian:12\n', errors: [{ line: 1, column: 5, endColumn: 14 }] },
    { code: 'FROM debian:12\nONBUILD ENV MY_PRIVATE_KEY=x\n', errors: [{ line: 2, column: 13, endColumn: 27 }] },
  ],
});
