// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Imports that carry I/O, a framework or a platform: none may reach the pure packages. */
const PLATFORM = [
  'react',
  'react-dom',
  'dexie',
  'dexie-react-hooks',
  'hono',
  'hono/*',
  '@hono/*',
  'drizzle-orm',
  'drizzle-orm/*',
  'postgres',
  '@electric-sql/*',
  'workbox-window',
  'node:*',
];
const APPS = ['@wms/server', '@wms/server/*', '@wms/pwa', '@wms/pwa/*', '**/apps/**'];

/** The layer order of ARCHITECTURE.md: protocol ← domain ← apps; apps never import each other. */
const layers = [
  {
    files: ['packages/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: [...PLATFORM, ...APPS, '@wms/*'], message: 'protocol imports only zod' },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...PLATFORM, ...APPS, 'zod', '@wms/domain'],
              message: 'domain imports only @wms/protocol: pass time, ids and data in',
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Date',
          property: 'now',
          message: 'domain is pure: take the time as a parameter',
        },
        {
          object: 'Math',
          property: 'random',
          message: 'domain is pure: take ids and randomness as parameters',
        },
        {
          object: 'crypto',
          property: 'randomUUID',
          message: 'domain is pure: take ids as parameters',
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'domain is pure: take the time as a parameter',
        },
      ],
    },
  },
  {
    files: ['apps/server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@wms/pwa', '@wms/pwa/*', '**/pwa/**', 'react', 'react-dom', 'dexie'],
              message: 'the server never imports the PWA',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/pwa/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@wms/server',
                '@wms/server/*',
                '**/server/**',
                'drizzle-orm',
                'postgres',
                '@electric-sql/*',
                'node:*',
              ],
              message: 'the PWA never imports the server',
            },
          ],
        },
      ],
    },
  },
  {
    // Configuration is parsed once per app (env.ts); test harnesses read the test environment.
    files: ['apps/**/*.{ts,tsx}', 'packages/protocol/**/*.ts'],
    ignores: [
      'apps/server/src/env.ts',
      '**/testing/**',
      '**/*.test.ts',
      'apps/pwa/vite.config.ts',
      'apps/server/drizzle.config.ts',
    ],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'read configuration through env.ts' },
      ],
    },
  },
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'data/**',
      'apps/server/drizzle/**',
      'tests/artifacts/**',
      'tests/fixtures/pwa-protocol-*/app/**',
      'tests/api-client/hub-api.ts',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['apps/pwa/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['**/*.test.ts', '**/testing/**', 'tests/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  ...layers,
);
