import { rule } from '../../../../src/lint/rules/DL3016';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM node:20\nRUN npm install\n',
    'FROM node:20\nRUN npm install express@4.18.2\n',
    'FROM node:20\nRUN npm install -g @angular/cli@17.0.0\n',
    'FROM node:20\nRUN npm install git+https://github.com/org/repo.git#v1.0.0\n',
    'FROM node:20\nRUN npm install ./local-pkg ../other /abs/pkg.tgz\n',
    'FROM node:20\nRUN npm ci\n',
    'FROM node:20\nRUN npm run build -- install express\n',
    // The value of --loglevel / --registry is no package.
    'FROM node:20\nRUN npm install --loglevel verbose express@4.18.2\n',
    'FROM node:20\nRUN npm install --registry https://registry.example.com\n',
    'FROM node:20\nRUN npm install @my-org/pkg@1.2.3\n',
  ],
  invalid: [
    { code: 'FROM node:20\nRUN npm --registry https://r.example.com install express\n', errors: [{ line: 2, column: 50, endColumn: 57 }] },
    { code: 'FROM node:20\nONBUILD RUN npm install express\n', errors: [{ line: 2, column: 25, endColumn: 32 }] },
    { code: 'FROM node:20\nRUN npm install express\n', errors: [{ line: 2, column: 17, endLine: 2, endColumn: 24 }] },
    { code: 'FROM node:20\nRUN npm install -g @angular/cli\n', errors: [{ line: 2, column: 20, endColumn: 32 }] },
    { code: 'FROM node:20\nRUN npm install --save lodash@4 react\n', errors: [{ line: 2, column: 33, endColumn: 38 }] },
    { code: 'FROM node:20\nRUN npm install git+https://github.com/org/repo.git\n', errors: [{ line: 2, column: 17, endColumn: 52 }] },
    { code: 'FROM node:20\nRUN npm ci && npm install \\\n      typescript\n', errors: [{ line: 3, column: 7, endColumn: 17 }] },
  ],
});
