import { rule } from '../../../../src/lint/rules/InvalidArgumentCount';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM debian:12 AS build\nCOPY a b /dest/\nRUN make\n',
    'FROM debian:12\nCOPY ["a b", "/dest"]\nADD --chown=1 x /y\n',
    'FROM debian:12\nCOPY <<EOF /etc/motd\nhello\nEOF\nRUN <<EOF\necho hi\nEOF\n',
    'FROM debian:12\nENV A=1 B=2\nENV LEGACY value with spaces\nLABEL a=b\n',
    'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nHEALTHCHECK NONE\nHEALTHCHECK --interval=5s CMD curl -f http://localhost/\n',
    'FROM debian:12\nONBUILD RUN make\n',
  ],
  invalid: [
    { code: 'FROM\n', errors: [{ line: 1, column: 1, endColumn: 5, message: 'at least one argument' }] },
    { code: 'FROM debian:12 build\n', errors: [{ line: 1, column: 16, endColumn: 21, message: 'one or three' }] },
    { code: 'FROM debian:12 AS a b\n', errors: [{ line: 1, column: 21, endColumn: 22 }] },
    { code: 'FROM debian:12 FROM x\n', errors: [{ line: 1, column: 16, endColumn: 20, message: 'expects AS' }] },
    { code: 'FROM debian:12\nCOPY app.tar\n', errors: [{ line: 2, column: 6, endColumn: 13, message: 'at least two' }] },
    { code: 'FROM debian:12\nCOPY ["only"]\n', errors: [{ line: 2, column: 6 }] },
    { code: 'FROM debian:12\nENV DEBUG\n', errors: [{ line: 2, column: 5, endColumn: 10, message: 'ENV DEBUG=value' }] },
    { code: 'FROM debian:12\nSHELL /bin/bash -c\n', errors: [{ line: 2, column: 7, endColumn: 19, message: 'JSON form' }] },
    { code: 'FROM debian:12\nHEALTHCHECK curl localhost\n', errors: [{ line: 2, column: 13, endColumn: 17, message: 'CMD or NONE' }] },
    { code: 'FROM debian:12\nONBUILD FROM alpine:3\n', errors: [{ line: 2, column: 9, endColumn: 13, message: 'ONBUILD trigger' }] },
    { code: 'FROM debian:12\nRUN\n', errors: [{ line: 2, column: 1, endColumn: 4 }] },
  ],
});
