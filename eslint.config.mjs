// One lint config: typescript-eslint's recommended rules, plus the workflow sandbox boundary.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', '.data/', 'bench/out/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // Workflow code is replayed: no I/O, no config, no wall clock. Only Temporal's workflow API and pure domain code.
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'crypto', 'http', 'https', 'net', 'child_process', 'os'],
              message: 'workflows/ must not import Node built-ins',
            },
            {
              group: [
                '**/src/config*',
                '**/src/temporal/**',
                '**/src/web/**',
                '**/src/slack/**',
                '**/src/cli/**',
              ],
              message: 'workflows/ imports only @temporalio/workflow, src/domain and workflows/',
            },
            {
              // Activities are proxied by type only; their code runs on the worker, never in the sandbox.
              group: ['**/activities', '**/activities/**'],
              allowTypeImports: true,
              message: 'workflows/ may import activities only with `import type`',
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Date',
          property: 'now',
          message:
            'use workflow time (Date is deterministic only inside the sandbox); prefer explicit helpers',
        },
      ],
    },
  },
);
