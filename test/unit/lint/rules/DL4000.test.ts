import { rule } from '../../../../src/lint/rules/DL4000';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM debian:12\nLABEL org.opencontainers.image.authors="me@example.com"\n',
    'FROM debian:12\nLABEL maintainer="me"\n',
    'FROM debian:12\n# MAINTAINER me\n',
    'FROM debian:12\nRUN echo MAINTAINER\n',
    'FROM debian:12\nENV MAINTAINER=me\n',
  ],
  invalid: [
    { code: 'FROM debian:12\nMAINTAINER Jane Doe <jane@example.com>\n', errors: [{ line: 2, column: 1, endLine: 2, endColumn: 11 }], output: 'FROM debian:12\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"\n' },
    { code: 'FROM debian:12\nmaintainer me\n', errors: [{ line: 2, column: 1, endColumn: 11 }], output: 'FROM debian:12\nlabel org.opencontainers.image.authors="me"\n' },
    { code: 'FROM debian:12\nMAINTAINER "Jane $HOME"\n', errors: [{ line: 2, column: 1 }], output: 'FROM debian:12\nLABEL org.opencontainers.image.authors="Jane \\$HOME"\n' },
    { code: 'MAINTAINER a\nFROM debian:12\nMAINTAINER b\n', errors: [{ line: 1, column: 1 }, { line: 3, column: 1 }], output: 'LABEL org.opencontainers.image.authors="a"\nFROM debian:12\nLABEL org.opencontainers.image.authors="b"\n' },
    { code: 'FROM debian:12\n  MAINTAINER  me  \nRUN ls\n', errors: [{ line: 2, column: 3, endColumn: 13 }], output: 'FROM debian:12\n  LABEL org.opencontainers.image.authors="me"\nRUN ls\n' },
  ],
});
