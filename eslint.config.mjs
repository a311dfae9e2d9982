import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import regexp from 'eslint-plugin-regexp';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'media/**', 'test-artifacts/**', '.wharf-test/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Every pattern over user or engine text runs in linear time: a Dockerfile, a .dockerignore or a
  // pasted reference is read as the user types, so one backtracking pattern freezes the editor
  // (issue 16). These two rules find the patterns that can backtrack or rescan super-linearly; the
  // plugin's recommended set keeps the rest plain. Everywhere, tests and scripts included: they
  // run on the same inputs. Sticky patterns are tried at one position only, as the rule assumes.
  regexp.configs['flat/recommended'],
  {
    rules: {
      'regexp/no-super-linear-backtracking': ['error', { report: 'potential' }],
      'regexp/no-super-linear-move': ['error', { report: 'potential', ignorePartial: false }],
    },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/webview/**/*.ts', 'media/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The layering is enforced, not hoped for: the engine, lint and editing layers run in plain
    // Node (engine tests, benchmarks, the wharf-lint CLI) and must never reach for `vscode`.
    files: ['src/docker/**/*.ts', 'src/lint/**/*.ts', 'src/editing/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'src/docker, src/lint and src/editing run in plain Node: no vscode import.' }], patterns: [{ group: ['**/ui/**', '**/ui'], message: 'src/docker, src/lint and src/editing must not import the UI layer.' }] }],
    },
  },
  {
    // The workspace's files (safe reads, the build context and its .dockerignore) are shared by
    // the engine layer, the linter and the UI: it imports none of them.
    files: ['src/workspace/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'src/workspace runs in plain Node: no vscode import.' }], patterns: [{ group: ['**/ui/**', '**/ui', '**/docker/**', '**/docker', '**/lint/**', '**/lint'], message: 'src/workspace is below docker, lint and ui: it imports none of them.' }] }],
    },
  },
);
