import { rule } from '../../../../src/lint/rules/DL3008';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    // hadolint compares the command word as written (Shell.hs): a path to the program is another name.
    'FROM debian:12\nRUN /usr/bin/apt-get install -y curl\n',
    'FROM debian:12\nRUN apt-get install -y curl=7.88.1-10\n',
    'FROM debian:12\nRUN apt-get update\n',
    'FROM debian:12\nRUN apt-get install -y ./pkg.deb\n',
    'FROM debian:12\nRUN apt-get install -y -t bookworm-backports git=1:2.43.0-1\n',
    'FROM debian:12\nRUN apt-get install -y curl/bookworm-backports\n',
    'FROM debian:12\nRUN apt-cache show curl\n',
    'FROM debian:12\nRUN echo apt-get install curl\n',
    // Pinned packages on both sides of a continuation.
    'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10 \\\n    ca-certificates=20230311 && rm -rf /var/lib/apt/lists/*\n',
    '# escape=`\r\nFROM debian:12\r\nRUN apt-get install -y curl=7.88.1-10 `\r\n    ca-certificates=20230311\r\n',
    'FROM debian:12\nRUN <<EOF\napt-get install -y curl=7.88.1-10\\\n  ca-certificates=20230311\nEOF\n',
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN apt-get install -y curl\n', errors: [{ line: 2, column: 24, endLine: 2, endColumn: 28 }] },
    {
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends \\\n    curl=7.88.1-10 \\\n    git\n',
      errors: [{ line: 4, column: 5, endLine: 4, endColumn: 8 }],
    },
    { code: 'FROM debian:12\nRUN apt-get -o Dpkg::Options::=--force-confnew install -y "python3" wget=1.21\n', errors: [{ line: 2, column: 59, endColumn: 68 }] },
    { code: 'FROM debian:12\nRUN apt-get install -y curl git\n', errors: [{ line: 2, column: 24, endColumn: 28 }, { line: 2, column: 29, endColumn: 32 }] },
    { code: 'FROM debian:12\nONBUILD RUN apt-get update && apt-get install python\n', errors: [{ line: 2, column: 47, endColumn: 53 }] },
    { code: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y jq\nEOF\n', errors: [{ line: 4, column: 20, endColumn: 22 }] },
    // The package alone, never the continuation after it (in a heredoc the shell joins the lines).
    {
      code: 'FROM debian:12\nRUN <<EOF\napt-get install -y curl\\\n  git\nEOF\n',
      errors: [{ line: 3, column: 20, endLine: 3, endColumn: 24 }, { line: 4, column: 3, endLine: 4, endColumn: 6 }],
    },
    {
      code: 'FROM debian:12\r\nRUN <<EOF\r\napt-get install -y curl\\\r\n  git\r\nEOF\r\n',
      errors: [{ line: 3, column: 20, endLine: 3, endColumn: 24 }, { line: 4, column: 3, endLine: 4, endColumn: 6 }],
    },
    {
      code: 'FROM debian:12\nRUN apt-get install -y curl \\\n    ca-certificates=20230311 wget\\\n  && true\n',
      errors: [{ line: 2, column: 24, endLine: 2, endColumn: 28 }, { line: 3, column: 30, endLine: 3, endColumn: 34 }],
    },
    // The exec form is read after the builder joins its lines, whatever the escape character.
    { code: '# escape=`\nFROM debian:12\nRUN ["apt-get", `\n  "install", "curl"]\n', errors: [{ line: 4, column: 14, endLine: 4, endColumn: 20 }] },
  ],
});
