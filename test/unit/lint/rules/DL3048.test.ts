import { rule } from '../../../../src/lint/rules/DL3048';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM debian:12\nLABEL org.opencontainers.image.authors="me"\n',
    'FROM debian:12\nLABEL maintainer=me version=1\n',
    'FROM debian:12\nLABEL com.example.vendor="ACME" com.example.release-date=2024\n',
    'FROM debian:12\nLABEL "app.tier"="web"\n',
    'FROM debian:12\nLABEL a1 b\n',
    // Underscores and slashes are allowed inside a key (hadolint's character set).
    'FROM debian:12\nLABEL my_label=1 org/app=2\n',
  ],
  invalid: [
    { code: 'FROM debian:12\nLABEL Maintainer=me\n', errors: [{ line: 2, column: 7, endLine: 2, endColumn: 17, message: '`Maintainer`' }] },
    { code: 'FROM debian:12\nLABEL com.docker.thing=x\n', errors: [{ line: 2, column: 7, endColumn: 23 }] },
    { code: 'FROM debian:12\nLABEL ok=1 bad..key=2 also--bad=3\n', errors: [{ line: 2, column: 12, endColumn: 20 }, { line: 2, column: 23, endColumn: 32 }] },
    { code: 'FROM debian:12\nLABEL 1st=x trailing.=y\n', errors: [{ line: 2, column: 7 }, { line: 2, column: 13 }] },
    { code: 'FROM debian:12\nLABEL app_name_=web\n', errors: [{ line: 2, column: 7, endColumn: 16 }] },
  ],
});
