import { rule } from '../../../../src/lint/rules/DL3025';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM debian:12\nCMD ["nginx", "-g", "daemon off;"]\n',
    'FROM debian:12\nENTRYPOINT ["/entrypoint.sh"]\n',
    'FROM debian:12\nCMD []\n',
    'FROM debian:12\nRUN echo hi\n',
    'FROM debian:12\nENTRYPOINT [ "tini", "--" ]\n',
    'FROM debian:12\nHEALTHCHECK --interval=5s CMD ["curl", "-f", "http://localhost/"]\n',
    'FROM debian:12\nHEALTHCHECK NONE\n',
  ],
  invalid: [
    // hadolint checks the HEALTHCHECK command as well.
    { code: 'FROM debian:12\nHEALTHCHECK --interval=5s CMD curl -f http://localhost/\n', errors: [{ line: 2, column: 31, endColumn: 56 }] },
    {
      code: 'FROM debian:12\nCMD nginx -g "daemon off;"\n',
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 27 }],
      output: 'FROM debian:12\nCMD ["nginx", "-g", "daemon off;"]\n',
    },
    {
      code: 'FROM debian:12\nENTRYPOINT /usr/bin/tini -- /app\n',
      errors: [{ line: 2, column: 12, endColumn: 33 }],
      output: 'FROM debian:12\nENTRYPOINT ["/usr/bin/tini", "--", "/app"]\n',
    },
    // Shell features: the shell form is needed, so no automatic rewrite.
    { code: 'FROM debian:12\nCMD echo $HOME && exec app\n', errors: [{ line: 2, column: 5, endColumn: 27 }] },
    { code: 'FROM debian:12\nCMD app > /var/log/app.log\n', errors: [{ line: 2, column: 5, endColumn: 27 }] },
    { code: 'FROM debian:12\nCMD run \\\n  --flag\n', errors: [{ line: 2, column: 5, endLine: 3, endColumn: 9 }] },
    {
      code: 'FROM debian:12\ncmd python3 -m http.server 8080\n',
      errors: [{ line: 2, column: 5, endColumn: 32 }],
      output: 'FROM debian:12\ncmd ["python3", "-m", "http.server", "8080"]\n',
    },
  ],
});
