// Type-aware linting: floating promises are errors (a dropped promise in the server loses writes).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'coverage/',
      '.tendlc/',
      'bench-tools/',
      'engine/schemas/compiled/',
      '.doc-run/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Layers point one way, cli → validator → simulator → engine (docs/architecture.md);
  // test/layers.test.ts checks the same over the whole import graph.
  {
    files: ['engine/**/*.ts'],
    rules: {
      // The engine is pure: text, time and randomness are passed in, I/O lives at the edges.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/simulator/**', '**/validator/**', '**/cli/**'],
              message: 'the engine imports no other layer',
            },
            {
              group: ['node:*', 'fs', 'path', 'express', 'ws', 'lowdb', 'lowdb/*'],
              message: 'the engine does no I/O',
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'draw from the random source passed in' },
        { object: 'Date', property: 'now', message: 'read the time passed in' },
      ],
    },
  },
  {
    files: ['simulator/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/validator/**', '**/cli/**'], message: 'the simulator imports only the engine' },
          ],
        },
      ],
    },
  },
  {
    files: ['validator/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/cli/**'], message: 'the validator does not import the command line' }] },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        performance: 'readonly',
        structuredClone: 'readonly',
      },
    },
  },
);
