import { rule } from '../../../../src/lint/rules/DL3003';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM debian:12\nWORKDIR /usr/src\nRUN make\n',
    'FROM debian:12\nRUN echo cd /x\n',
    'FROM debian:12\nRUN git clone https://example.com/cd.git\n',
    'FROM debian:12\nRUN make -C /src\n',
    'FROM debian:12\nRUN cat <<EOF > /etc/motd\ncd somewhere\nEOF\n',
    // hadolint has no ONBUILD variant of DL3003.
    'FROM debian:12\nONBUILD RUN cd /app && make\n',
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN cd /usr/src && make\n', errors: [{ line: 2, column: 5, endLine: 2, endColumn: 7 }] },
    { code: 'FROM debian:12\nRUN make; cd build\n', errors: [{ line: 2, column: 11, endColumn: 13 }] },
    { code: 'FROM debian:12\nRUN set -e \\\n    && cd /tmp \\\n    && ls\n', errors: [{ line: 3, column: 8, endColumn: 10 }] },
    { code: 'FROM debian:12\nRUN (cd /src && make) && (cd /doc && make)\n', errors: [{ line: 2, column: 6, endColumn: 8 }, { line: 2, column: 27, endColumn: 29 }] },
    { code: 'FROM debian:12\nRUN <<EOF\nset -e\ncd /src\nEOF\n', errors: [{ line: 4, column: 1, endColumn: 3 }] },
  ],
});
