import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'media/**', 'test-artifacts/**', '.wharf-test/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
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
);
