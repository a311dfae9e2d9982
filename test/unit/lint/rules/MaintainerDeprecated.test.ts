import { rule } from '../../../../src/lint/rules/MaintainerDeprecated';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM alpine:3\nLABEL org.opencontainers.image.authors="me@example.com"\n',
    'FROM alpine:3\n',
    'FROM alpine:3\n# MAINTAINER in a comment\n',
    'FROM alpine:3\nRUN echo MAINTAINER\n',
    'FROM alpine:3\nLABEL maintainer="me"\n',
  ],
  invalid: [
    {
      code: 'FROM alpine:3\nMAINTAINER Jane Doe <jane@example.com>\n',
      errors: [{ line: 2, column: 1, endLine: 2, endColumn: 11 }],
      output: 'FROM alpine:3\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"\n',
    },
    {
      code: 'from alpine:3\nmaintainer jane\n',
      errors: [{ line: 2, column: 1, endColumn: 11 }],
      output: 'from alpine:3\nlabel org.opencontainers.image.authors="jane"\n',
    },
    {
      code: 'FROM alpine:3\nMAINTAINER The "Ops" team $5\n',
      errors: [{ line: 2, column: 1 }],
      output: 'FROM alpine:3\nLABEL org.opencontainers.image.authors="The \\"Ops\\" team \\$5"\n',
    },
    {
      code: 'MAINTAINER early@example.com\nFROM alpine:3\n',
      errors: [{ line: 1, column: 1, endColumn: 11 }],
      output: 'LABEL org.opencontainers.image.authors="early@example.com"\nFROM alpine:3\n',
    },
    {
      code: 'FROM alpine:3\n  Maintainer ops@example.com\n',
      errors: [{ line: 2, column: 3, endColumn: 13 }],
      output: 'FROM alpine:3\n  LABEL org.opencontainers.image.authors="ops@example.com"\n',
    },
    {
      code: 'FROM alpine:3\nMAINTAINER "Jane Doe"\n',
      errors: [{ line: 2, column: 1 }],
      output: 'FROM alpine:3\nLABEL org.opencontainers.image.authors="Jane Doe"\n',
    },
  ],
});
