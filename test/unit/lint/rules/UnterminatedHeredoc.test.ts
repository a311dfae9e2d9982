import { rule } from '../../../../src/lint/rules/UnterminatedHeredoc';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM debian:12\nRUN <<EOF\necho hi\nEOF\n',
    'FROM debian:12\nCOPY <<EOF /etc/motd\nhello\nEOF\n',
    'FROM debian:12\nRUN <<-EOT\n\techo hi\n\tEOT\n',
    'FROM debian:12\nRUN <<"EOF" bash\necho $HOME\nEOF\n',
    'FROM debian:12\nRUN echo "<<EOF"\n',
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN <<EOF\necho hi\n', errors: [{ line: 2, column: 5, endColumn: 10, message: "no line 'EOF'" }] },
    { code: 'FROM debian:12\nCOPY <<CONF /etc/app.conf\nkey=value\nconf\n', errors: [{ line: 2, column: 6, endColumn: 12 }] },
    { code: 'FROM debian:12\nADD <<X /x\ny\n', errors: [{ line: 2, column: 5 }] },
    { code: 'FROM debian:12\nRUN <<EOF\necho\nEOF \nRUN true\n', errors: [{ line: 2, column: 5 }] },
    { code: 'FROM debian:12\nRUN <<A <<B\na\nA\nb\n', errors: [{ line: 2, column: 9, endColumn: 12, message: "'B'" }] },
  ],
});
