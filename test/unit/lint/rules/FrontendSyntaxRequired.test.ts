import { rule } from '../../../../src/lint/rules/FrontendSyntaxRequired';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM alpine:3\nRUN --mount=type=cache,target=/c echo hi\nCOPY a /a\n',
    '# syntax=docker/dockerfile:1\nFROM alpine:3\nRUN <<EOF\necho hi\nEOF\n',
    '# syntax=docker/dockerfile:1.4\nFROM alpine:3\nCOPY --link a /a\n',
    '#syntax=example.test/frontend:1\nFROM alpine:3\nCOPY --link a /a\n',
    'FROM alpine:3\nRUN echo "<<EOF"\n',
    'FROM alpine:3\n# COPY --link a /a\nCOPY --chown=1 a /a\n',
  ],
  invalid: [
    {
      code: 'FROM alpine:3\nRUN <<EOF\necho hi\nEOF\n',
      errors: [{ line: 2, column: 7, endLine: 2, endColumn: 10, message: 'RUN <<EOF needs Dockerfile frontend 1.4+' }],
      output: '# syntax=docker/dockerfile:1\nFROM alpine:3\nRUN <<EOF\necho hi\nEOF\n',
    },
    {
      code: 'FROM alpine:3\nCOPY --link a /a\n',
      errors: [{ line: 2, column: 6, endLine: 2, endColumn: 12, message: 'COPY --link' }],
      output: '# syntax=docker/dockerfile:1\nFROM alpine:3\nCOPY --link a /a\n',
    },
    {
      code: 'FROM alpine:3\nADD --link=true a /a\nCOPY <<-CONF /etc/x.conf\nk=v\nCONF\n',
      errors: [{ line: 2, column: 5, message: 'ADD --link' }, { line: 3, column: 9, message: 'COPY <<CONF' }],
    },
    {
      code: '# escape=`\nFROM alpine:3\nRUN <<A cat > /x\none\nA\n',
      errors: [{ line: 3, column: 7, endColumn: 8, message: 'Docker Engine 23+' }],
      output: '# syntax=docker/dockerfile:1\n# escape=`\nFROM alpine:3\nRUN <<A cat > /x\none\nA\n',
    },
    {
      code: 'FROM alpine:3\nONBUILD COPY --link a /a\n',
      errors: [{ line: 2, column: 14 }],
    },
  ],
});
