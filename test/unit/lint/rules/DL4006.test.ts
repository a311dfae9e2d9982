import { rule } from '../../../../src/lint/rules/DL4006';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM debian:12\nRUN curl -fsSL https://x/a -o a\n',
    'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://x | tar xz\n',
    'FROM debian:12\nSHELL ["/bin/ash", "-eo", "pipefail", "-c"]\nRUN a | b\n',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN Get-Process | Stop-Process\n',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["cmd", "/S", "/C"]\nRUN dir | findstr x\n',
    'FROM debian:12\nSHELL ["/usr/bin/zsh", "-o", "pipefail", "-c"]\nRUN a | b\n',
    'FROM debian:12\nSHELL ["/bin/bash", "-euo", "pipefail", "-c"]\nRUN a | b\n',
    'FROM debian:12\nRUN a || b\n',
    'FROM debian:12\nRUN echo "a | b"\n',
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN curl -fsSL https://x | tar xz\n', errors: [{ line: 2, column: 26, endLine: 2, endColumn: 27 }] },
    { code: 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN a | b\n', errors: [{ line: 3, column: 7, endColumn: 8 }] },
    { code: 'FROM debian:12 AS a\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM debian:12\nRUN a|b\n', errors: [{ line: 4, column: 6, endColumn: 7 }] },
    { code: 'FROM debian:12\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\nRUN a | b\n', errors: [{ line: 3, column: 7 }] },
    // hadolint recognises a non-POSIX shell by the start of the SHELL's text: a path to it is not one.
    { code: 'FROM debian:12\nSHELL ["/usr/bin/pwsh", "-Command"]\nRUN a | b\n', errors: [{ line: 3, column: 7 }] },
    { code: 'FROM debian:12\nSHELL ["/bin/bash", "-c", "pipefail"]\nRUN a | b\n', errors: [{ line: 3, column: 7 }] },
    { code: 'FROM debian:12\nRUN set -e \\\n  && a \\\n  | b\n', errors: [{ line: 4, column: 3, endColumn: 4 }] },
    // The pipe the shell sees, not one in a comment line inside the continuation.
    { code: 'FROM debian:12\nRUN curl -fsSL https://x \\\n  # not | this one \\\n  | tar xz\n', errors: [{ line: 4, column: 3, endLine: 4, endColumn: 4 }] },
    { code: 'FROM debian:12\nRUN curl -fsSL https://x\\\n|& tar xz\n', errors: [{ line: 3, column: 1, endLine: 3, endColumn: 3 }] },
  ],
});
