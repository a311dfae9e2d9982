import { rule } from '../../../../src/lint/rules/DL3001';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    // hadolint compares the command word as written (Shell.hs): a path to the program is another name.
    'FROM debian:12\nRUN /usr/bin/ssh -V\n',
    'FROM debian:12\nRUN apt-get update\n',
    'FROM debian:12\nRUN echo ssh vim top\n',
    'FROM debian:12\nRUN apt-get install -y openssh-client\n',
    'FROM debian:12\nRUN ./shutdown.sh\n',
    'FROM debian:12\nCMD ["top"]\n',
    'FROM debian:12\nRUN cat <<EOF > /x\nvim\nEOF\n',
    // A flag before the program leaves the wrapper as the command (ShellCheck's getCommandName).
    'FROM debian:12\nRUN command -v ssh\n',
    'FROM debian:12\nRUN exec --long ssh\n',
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN ssh git@example.com\n', errors: [{ line: 2, column: 5, endLine: 2, endColumn: 8 }] },
    { code: 'FROM debian:12\nRUN apt-get update && service nginx start\n', errors: [{ line: 2, column: 23, endColumn: 30 }] },
    { code: 'FROM debian:12\nRUN ps aux | grep x; kill -9 1\n', errors: [{ line: 2, column: 5, endColumn: 7 }, { line: 2, column: 22, endColumn: 26 }] },
    { code: 'FROM debian:12\nRUN true \\\n  && mount -t tmpfs none /mnt\n', errors: [{ line: 3, column: 6, endColumn: 11 }] },
    { code: 'FROM debian:12\nRUN ["vim", "/etc/hosts"]\n', errors: [{ line: 2, column: 6, endColumn: 11 }] },
    // hadolint names the program a wrapper runs: busybox, builtin, command, exec (after -c, -l, -a name).
    { code: 'FROM alpine:3\nRUN busybox top -n 1\n', errors: [{ line: 2, column: 13, endColumn: 16 }] },
    { code: 'FROM debian:12\nRUN exec -a sh ps aux\n', errors: [{ line: 2, column: 16, endColumn: 18 }] },
    { code: 'FROM debian:12\nRUN command ssh host\n', errors: [{ line: 2, column: 13, endColumn: 16 }] },
  ],
});
