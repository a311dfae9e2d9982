import { rule } from '../../../../src/lint/rules/DL3004';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update\n',
    'FROM debian:12\nRUN apt-get install -y sudo\n',
    'FROM debian:12\nRUN echo "sudo make install"\n',
    'FROM debian:12\nRUN gosu app make\n',
    'FROM debian:12\nRUN cat <<EOF > /etc/sudoers.d/app\napp ALL=(ALL) NOPASSWD: ALL\nEOF\n',
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN sudo apt-get update\n', errors: [{ line: 2, column: 5, endLine: 2, endColumn: 9 }] },
    { code: 'FROM debian:12\nRUN make && sudo make install\n', errors: [{ line: 2, column: 13, endColumn: 17 }] },
    { code: 'FROM debian:12\nRUN true \\\n  ; sudo -u app ls\n', errors: [{ line: 3, column: 5, endColumn: 9 }] },
    { code: 'FROM debian:12\nRUN ["sudo", "ls"]\n', errors: [{ line: 2, column: 6, endColumn: 12 }] },
    { code: 'FROM debian:12\nRUN if true; then sudo ls; fi\n', errors: [{ line: 2, column: 19, endColumn: 23 }] },
    { code: 'FROM debian:12\nRUN echo "$(sudo id -u)"\n', errors: [{ line: 2, column: 13, endColumn: 17 }] },
  ],
});
