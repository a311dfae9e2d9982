import { rule } from '../../../../src/lint/rules/UndefinedVar';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM alpine:3\nARG V=1\nENV X=$V\n',
    'FROM alpine:3\nENV PATH=$PATH:/opt/bin\n',
    'FROM golang:1.22\nWORKDIR $GOPATH/src\n',
    'FROM alpine:3\nCOPY . ${DEST:-/app}\n',
    'FROM alpine:3\nRUN echo $NOT_EXPANDED_BY_BUILDKIT\n',
    "FROM alpine:3\nENV A='$LITERAL'\n",
    'FROM alpine:3 AS base\nENV APP=/srv\nFROM base\nWORKDIR $APP\n',
    'FROM alpine:3\nCOPY <<"EOF" /x\n$VERBATIM_TEXT\nEOF\n',
    'FROM alpine:3\nRUN <<EOF\necho $FOR_THE_SHELL\nEOF\n',
    'FROM alpine:3\nENV A=\\$NOT_EXPANDED\n',
    'FROM alpine:3\nENV A=1 \\\n# $IN_A_COMMENT\n    B=2\n',
  ],
  invalid: [
    { code: 'FROM alpine:3\nWORKDIR $APP_HOME\n', errors: [{ line: 2, column: 9, endLine: 2, endColumn: 18, message: "Usage of undefined variable '$APP_HOME'" }] },
    { code: 'ARG VERSION=1\nFROM alpine:3\nLABEL version=$VERSION\n', errors: [{ line: 3, column: 15, endColumn: 23 }] },
    { code: 'FROM alpine:3\nARG TARGETARCH\nCOPY bin/$TARGETARCH /bin\nCOPY bin/$TARGETOS /x\n', errors: [{ line: 4, column: 10, endColumn: 19 }] },
    { code: 'FROM alpine:3\nENV A=1 B=$A\n', errors: [{ line: 2, column: 11, endColumn: 13 }] },
    { code: 'FROM scratch\nENV X=${HOME}\n', errors: [{ line: 2, column: 7, endColumn: 14 }] },
    { code: 'FROM alpine:3\nCOPY <<EOF /etc/environment\nexport LANG=$APP_LOCALE\nEOF\n', errors: [{ line: 3, column: 13, endColumn: 24 }] },
    { code: 'FROM alpine:3\nENV APP_HOME=/app\nWORKDIR $APP_HOM\n', errors: [{ line: 3, column: 9, endColumn: 17, message: 'did you mean $APP_HOME?' }] },
  ],
});
