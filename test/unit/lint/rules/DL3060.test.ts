import * as assert from 'node:assert/strict';
import { lint } from '../../../../src/lint/lint';
import { rule } from '../../../../src/lint/rules/DL3060';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM node:20\nRUN yarn install --frozen-lockfile && yarn cache clean\n',
    'FROM node:20\nRUN yarn build\n',
    'FROM node:20\nRUN npm ci\n',
    'FROM node:20\nRUN yarn install; yarn cache clean --all\n',
    'FROM node:20\nRUN echo yarn install\n',
    'FROM node:20\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install\n',
    'FROM node:20\nRUN --mount=type=tmpfs,target=/root/.cache/yarn yarn install\n',
    // A build stage nothing builds FROM does not reach the image.
    'FROM node:20 AS deps\nRUN yarn install\nFROM node:20-slim\nCOPY --from=deps /app /app\n',
  ],
  invalid: [
    // A clean-up before the install cleans nothing the install downloads.
    { code: 'FROM node:20\nRUN yarn cache clean && yarn install\n', errors: [{ line: 2, column: 25, endColumn: 37 }] },
    { code: 'FROM node:20\nRUN --mount=type=cache,target=/root/.cache/yarn yarn cache clean && yarn install\n', errors: [{ line: 2, column: 69 }] },
    { code: 'FROM node:20 AS deps\nRUN yarn install\nFROM deps\n', errors: [{ line: 2, column: 5 }] },
    { code: 'FROM node:20 AS deps\nONBUILD RUN yarn install\nFROM node:20-slim\n', errors: [{ line: 2, column: 13, endColumn: 25 }] },
    { code: 'FROM node:20\nRUN yarn install\n', errors: [{ line: 2, column: 5, endLine: 2, endColumn: 17 }], output: 'FROM node:20\nRUN yarn install && yarn cache clean\n' },
    { code: 'FROM node:20\nRUN yarn install --frozen-lockfile && yarn build\n', errors: [{ line: 2, column: 5, endColumn: 17 }], output: 'FROM node:20\nRUN yarn install --frozen-lockfile && yarn cache clean && yarn build\n' },
    { code: 'FROM node:20\nRUN cd /app && yarn --silent install\n', errors: [{ line: 2, column: 16, endColumn: 37 }], output: 'FROM node:20\nRUN cd /app && yarn --silent install && yarn cache clean\n' },
    { code: 'FROM node:20\nRUN yarn install || exit 1\n', errors: [{ line: 2, column: 5 }] },
    { code: 'FROM node:20\nRUN yarn install \\\n    --production\n', errors: [{ line: 2, column: 5 }], output: 'FROM node:20\nRUN yarn install \\\n    --production && yarn cache clean\n' },
  ],
});

describe('DL3060 fix safety', () => {
  // Chaining a clean-up after `||`, `|`, `&` or into exec form would change what the RUN does.
  for (const code of [
    'FROM node:20\nRUN yarn install || exit 1\n',
    'FROM node:20\nRUN yarn install & wait\n',
  ]) {
    it(`reports without a fix: ${JSON.stringify(code.split('\n')[1])}`, () => {
      const found = lint(code, { rules: [rule] });
      assert.equal(found.length, 1);
      assert.deepEqual(found[0].fixes, []);
    });
  }
});
