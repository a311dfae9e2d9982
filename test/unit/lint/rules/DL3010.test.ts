import { rule } from '../../../../src/lint/rules/DL3010';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM debian:12\nADD app.tar.gz /opt/\n',
    'FROM debian:12\nCOPY app.tar.gz /opt/\n',
    'FROM debian:12\nCOPY app.tar.gz /tmp/\nRUN tar -tzf /tmp/app.tar.gz\n',
    'FROM debian:12\nCOPY app.txt /tmp/\nRUN tar -xf /tmp/other.tar\n',
    'FROM debian:12 AS a\nCOPY app.tar /tmp/\nFROM debian:12\nRUN tar -xf /tmp/app.tar\n',
    'FROM debian:12\nCOPY --from=build /out/app.tar /tmp/\nRUN tar -xf /tmp/app.tar\n',
  ],
  invalid: [
    // Any dashed word with an x reads as extraction to hadolint (`--xattrs` too).
    { code: 'FROM debian:12\nCOPY app.tar /tmp/\nRUN tar --xattrs -f /tmp/app.tar -C /opt\n', errors: [{ line: 2, column: 6 }] },
    { code: 'FROM debian:12\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz\n', errors: [{ line: 2, column: 6, endLine: 2, endColumn: 16 }] },
    { code: 'FROM debian:12\nCOPY build/dist.tar /tmp/\nRUN cd /opt && tar --extract --file /tmp/dist.tar\n', errors: [{ line: 2, column: 6, endColumn: 20 }] },
    { code: 'FROM debian:12\nCOPY src /tmp/pkg.tgz\nRUN tar xzf x -C / ; tar -xzf /tmp/pkg.tgz\n', errors: [{ line: 2, column: 10, endColumn: 22 }] },
    { code: 'FROM debian:12\nCOPY data.xz /tmp/\nRUN unxz /tmp/data.xz\n', errors: [{ line: 2, column: 6, endColumn: 13 }] },
    { code: 'FROM debian:12\nCOPY "a.tar" b.gz /tmp/\nRUN tar -xf a.tar && gunzip b.gz\n', errors: [{ line: 2, column: 6, endColumn: 13 }, { line: 2, column: 14, endColumn: 18 }] },
  ],
});
