import { rule } from '../../../../src/lint/rules/DL3049';
import { testRule } from '../ruleTester';

const schema = { labelSchema: { version: 'semver', maintainer: 'text' } };

testRule(rule, {
  valid: [
    'FROM debian:12\n',
    { code: 'FROM debian:12\nLABEL version=1.0.0 maintainer=me\n', settings: schema },
    { code: 'FROM debian:12 AS base\nLABEL version=1.0.0 maintainer=me\nFROM base\nRUN ls\n', settings: schema },
    { code: 'FROM golang:1.22 AS build\nRUN go build\nFROM debian:12\nLABEL version=1.0.0\nLABEL maintainer=me\nCOPY --from=build /out /app\n', settings: schema },
    { code: 'FROM debian:12\nLABEL other=1\n', settings: { labelSchema: {} } },
    // hadolint: a stage without a name that sets the labels answers for the stage it is built from.
    { code: 'FROM debian:12 AS base\nFROM base\nLABEL version=1 maintainer=me\n', settings: schema },
    { code: 'FROM golang:1.22 AS build\nFROM debian:12\nLABEL version=1 maintainer=me\nCOPY --chown=0:0 --from=build /out /app\n', settings: schema },
  ],
  invalid: [
    { code: 'FROM debian:12\n', settings: schema, errors: [{ line: 1, column: 1, endLine: 1, endColumn: 5, message: '`version`' }, { line: 1, column: 1, message: '`maintainer`' }] },
    { code: 'FROM debian:12\nLABEL version=1.0.0\n', settings: schema, errors: [{ line: 1, column: 1, endColumn: 5, message: '`maintainer`' }] },
    { code: 'FROM debian:12 AS a\nLABEL version=1 maintainer=me\nFROM alpine:3\nLABEL version=2\n', settings: schema, errors: [{ line: 3, column: 1, message: '`maintainer`' }] },
    { code: 'FROM golang:1.22 AS build\nFROM debian:12\nLABEL version=1 maintainer=me\n', settings: schema, errors: [{ line: 1, column: 1 }, { line: 1, column: 1 }] },
    { code: 'FROM debian:12\n  from alpine:3\nLABEL maintainer=x\n', settings: { labelSchema: { maintainer: 'text' } }, errors: [{ line: 1, column: 1 }] },
  ],
});
