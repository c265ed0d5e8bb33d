// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'schema/**', '.cache/**', 'out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['scripts/**/*.mjs', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Decimal'][callee.property.name='set']",
          message: 'Never Decimal.set: use the private clone in src/decimal.',
        },
      ],
    },
  },
  {
    // The pure core must not import Node built-ins (DEVELOPERS.md: only src/io and src/cli may).
    files: ['src/**/*.ts'],
    ignores: ['src/io/**', 'src/cli/**', 'src/node.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*', 'fs', 'path', 'os', 'stream', 'worker_threads', 'crypto', 'zlib'], message: 'The pure core imports nothing from Node: move this to src/io or src/cli.' }] },
      ],
    },
  },
);
