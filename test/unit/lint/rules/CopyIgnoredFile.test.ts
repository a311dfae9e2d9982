import { rule } from '../../../../src/lint/rules/CopyIgnoredFile';
import { testRule } from '../ruleTester';

const ignored = { dockerignore: ['*.env', 'node_modules', '.git', 'docs', 'build'] };

testRule(rule, {
  valid: [
    'FROM alpine:3\nCOPY secrets.env /app/\n',
    { code: 'FROM alpine:3\nCOPY package.json /app/\n', settings: ignored },
    { code: 'FROM alpine:3 AS b\nFROM alpine:3\nCOPY --from=b /build /build\n', settings: ignored },
    { code: 'FROM alpine:3\nCOPY . /app\n', settings: ignored },
    { code: 'FROM alpine:3\nADD https://example.com/build /x\n', settings: ignored },
    { code: 'FROM alpine:3\nCOPY <<EOF /docs\nhello\nEOF\n', settings: ignored },
    // BuildKit checks nothing when the file has an exception: an excluded folder may hold an included file.
    { code: 'FROM alpine:3\nCOPY secrets.env /app/\n', settings: { dockerignore: ['*.env', '!keep.env'] } },
    { code: 'FROM alpine:3\nCOPY . /app\n', settings: { dockerignore: ['*.md', 'build/'] } },
  ],
  invalid: [
    // The context root only when a pattern excludes everything.
    { code: 'FROM alpine:3\nCOPY . /app\n', settings: { dockerignore: ['*'] }, errors: [{ line: 2, column: 6, endColumn: 7 }] },
    { code: 'FROM alpine:3\nCOPY ./ /app\n', settings: { dockerignore: ['**'] }, errors: [{ line: 2, column: 6 }] },
    { code: 'FROM alpine:3\nCOPY secrets.env /app/\n', settings: ignored, errors: [{ line: 2, column: 6, endLine: 2, endColumn: 17, message: 'Attempting to Copy file "secrets.env" that is excluded by .dockerignore' }] },
    { code: 'FROM alpine:3\nCOPY ["node_modules", "/app/node_modules"]\n', settings: ignored, errors: [{ line: 2, column: 7, endColumn: 21 }] },
    { code: 'FROM alpine:3\nADD ./build/out.txt /x\n', settings: ignored, errors: [{ line: 2, column: 5, endColumn: 20, message: 'Attempting to Add file' }] },
    { code: 'FROM alpine:3\nCOPY a.txt .git /dst/\n', settings: ignored, errors: [{ line: 2, column: 12, endColumn: 16 }] },
    { code: 'FROM alpine:3\nCOPY --chown=1000 docs/ /docs\n', settings: ignored, errors: [{ line: 2, column: 19, endColumn: 24 }] },
  ],
});
