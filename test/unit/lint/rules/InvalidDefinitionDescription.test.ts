import { rule } from '../../../../src/lint/rules/InvalidDefinitionDescription';
import { lint } from '../../../../src/lint/lint';
import * as assert from 'node:assert/strict';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    // BuildKit's own passing case (frontend/dockerfile/dockerfile_check_test.go).
    '# check=skip=all;experimental=InvalidDefinitionDescription\n# foo this is the foo\nARG foo=bar\n\n# base this is the base image\nFROM scratch AS base\n\n# version this is the version number\nARG version=latest\n\n# baz this is the baz\nARG foo=baz bar=qux baz=quux\n#\nARG bit=bat\n\n# comment for something other than ARG or FROM\nCOPY Dockerfile .\n',
    // Experimental: off unless the check directive turns it on.
    '# bar this is the bar\nARG foo=bar\n',
    '# check=experimental=StageNameCasing\n# bar this is the bar\nARG foo=bar\n',
    // A FROM without a stage name describes nothing.
    '# check=experimental=all\n# the base image\nFROM scratch\n',
    '# check=experimental=all\nARG foo\n',
  ],
  invalid: [
    {
      // BuildKit's failing case: lines 3, 5, 7 and 9.
      code: '# check=experimental=InvalidDefinitionDescription\n# bar this is the bar\nARG foo=bar\n# BasE this is the BasE image\nFROM scratch AS base\n# definitely a bad comment\nARG version=latest\n# definitely a bad comment\nARG foo=baz bar=qux baz=quux\n',
      errors: [
        { line: 3, column: 1, message: 'Comment for ARG should follow the format: `# foo <description>`' },
        { line: 5, column: 1, message: 'Comment for FROM should follow the format: `# base <description>`' },
        { line: 7, column: 1, message: '`# version <description>`' },
        { line: 9, column: 1, message: '`# <arg_key> <description>`' },
      ],
    },
    // A blank line does not separate a comment from the instruction; the last comment counts.
    { code: '# check=experimental=all\n# foo the foo\n\n# something else\nARG foo\n', errors: [{ line: 5, column: 1 }] },
    // A `check=experimental=` comment above the instruction turns it on there (and is itself no description).
    { code: '# bar\nFROM scratch\n# check=experimental=InvalidDefinitionDescription\nARG foo\n', errors: [{ line: 4, column: 1 }] },
  ],
});

describe('InvalidDefinitionDescription and check=skip', () => {
  it('is not skipped by skip=all: experimental checks ignore skip, as in BuildKit', () => {
    const found = lint('# check=skip=all;experimental=InvalidDefinitionDescription\n# nope\nARG foo\n', { rules: [rule] });
    assert.deepEqual(found.map((f) => [f.code, f.range.start.line]), [['InvalidDefinitionDescription', 2]]);
  });
});
