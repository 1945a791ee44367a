import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';
import importX from 'eslint-plugin-import-x';

/**
 * The folders of docs/architecture.md import one way only. Each zone says: files in `target`
 * may not import from `from`.
 */
const layering = [
  // lib/domain is pure: nothing with I/O, nothing above it.
  {
    target: './lib/domain',
    from: ['./lib/server', './lib/client', './lib/sandbox', './app', './components', './bin'],
  },
  {
    target: './lib/server',
    from: ['./lib/client', './lib/sandbox', './app', './components', './bin'],
  },
  {
    target: './lib/client',
    from: ['./lib/server', './lib/sandbox', './app', './components', './bin'],
  },
  // The sandbox is a cluster: it knows Istio semantics (lib/domain), never the console.
  {
    target: './lib/sandbox',
    from: ['./lib/server', './lib/client', './app', './components', './bin'],
  },
  // Components run in the browser: no server code, no sandbox.
  { target: './components', from: ['./lib/server', './lib/sandbox', './app', './bin'] },
  { target: './app', from: ['./lib/sandbox', './bin'] },
];

const config = [
  {
    ignores: [
      '.next/**',
      'node_modules/**',
      '.aviary/**',
      'next-env.d.ts',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  ...nextVitals,
  ...nextTypescript,
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver': { typescript: true, node: true },
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layering }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Browser code must never pull in server modules through a side door.
    files: ['components/**', 'lib/client/**', 'lib/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'Browser code cannot use Node built-ins.' },
            {
              group: ['server-only', '@kubernetes/client-node', 'better-sqlite3'],
              message: 'Server-only package in browser code.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['bin/**/*.js', 'scripts/**/*.mjs', '*.config.*', 'e2e/**', 'bench/**'],
    rules: { '@next/next/no-assign-module-variable': 'off' },
  },
];
export default config;
