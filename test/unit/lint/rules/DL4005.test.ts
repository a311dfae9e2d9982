import { rule } from '../../../../src/lint/rules/DL4005';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    // hadolint compares the command word as written (Shell.hs): a path to the program is another name.
    'FROM debian:12\nRUN /bin/ln -sf bash /bin/sh\n',
    'FROM debian:12\nSHELL ["/bin/bash", "-c"]\n',
    'FROM debian:12\nRUN ln -s /usr/bin/python3 /usr/bin/python\n',
    'FROM debian:12\nRUN echo ln /bin/sh\n',
    'FROM debian:12\nRUN ln -sf /bin/sh.distrib /bin/dash\n',
    'FROM debian:12\nRUN ls -l /bin/sh\n',
  ],
  invalid: [
    { code: 'FROM debian:12\nONBUILD RUN ln -s /bin/bash /bin/sh\n', errors: [{ line: 2, column: 13, endColumn: 36 }] },
    { code: 'FROM debian:12\nRUN ln -sf /bin/bash /bin/sh\n', errors: [{ line: 2, column: 5, endLine: 2, endColumn: 29 }] },
    { code: 'FROM debian:12\nRUN rm /bin/sh && ln -s /bin/bash /bin/sh\n', errors: [{ line: 2, column: 19, endColumn: 42 }] },
    { code: 'FROM debian:12\nRUN ["ln", "-sf", "/bin/bash", "/bin/sh"]\n', errors: [{ line: 2, column: 6, endColumn: 41 }] },
    { code: 'FROM debian:12\nRUN apt-get update \\\n && ln -sf /bin/bash /bin/sh\n', errors: [{ line: 3, column: 5, endColumn: 29 }] },
  ],
});
