// Lint: TypeScript rules plus the import directions of docs/architecture.md,
// each with a message that says why, so a wrong import fails CI readably.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const ui = {
  group: ['**/ui', '**/ui/**', 'preact', 'preact/*', 'preact-iso', '@preact/*'],
  message: 'Only src/main.tsx and src/ui may use the UI: lower layers must run without a page.',
};
const sync = {
  group: ['**/sync', '**/sync/**'],
  message: 'Layers go domain <- storage <- sync <- ui: this layer sits below sync.',
};
const storage = {
  group: ['**/storage', '**/storage/**', 'dexie', 'idb-keyval'],
  message: 'Layers go domain <- storage <- sync <- ui: this layer sits below storage.',
};
const node = {
  group: ['node:*', 'hono', 'hono/*', '@hono/*', 'kysely', 'better-sqlite3', 'pg', '**/server/**'],
  message: 'The client runs in a browser: server and Node modules cannot be imported here.',
};

const restrict = (...patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
});
/** As `restrict`, for code the page or the service worker bundles. */
const restrictClient = (...patterns) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: [
        {
          name: 'zod',
          message:
            "Browser code uses zod/mini (src/domain/zod.ts): full zod cannot be tree-shaken and would put all of it in the page's JavaScript.",
        },
      ],
      patterns,
    },
  ],
});

export default tseslint.config(
  {
    ignores: [
      'dist',
      'node_modules',
      'data',
      'test-results',
      'playwright-report',
      'dev-dist',
      '.tmp',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/domain/**'],
    rules: restrictClient(
      { ...ui, message: 'src/domain is pure: no UI, no I/O.' },
      { ...sync, message: 'src/domain is pure: it cannot depend on the sync engine.' },
      {
        ...storage,
        message: 'src/domain is pure: no IndexedDB; storage depends on domain, not the reverse.',
      },
      {
        ...node,
        message: 'src/domain is shared by the browser and the server: no Node or server modules.',
      },
    ),
  },
  {
    files: ['src/storage/**'],
    rules: restrictClient(ui, sync, node),
  },
  {
    files: ['src/sync/**'],
    rules: restrictClient(ui, node),
  },
  {
    files: ['sw/**'],
    rules: restrictClient(
      {
        ...ui,
        message: 'The service worker has no page: it may use sync, storage and domain only.',
      },
      node,
    ),
  },
  {
    files: ['src/ui/**'],
    rules: restrictClient(
      {
        group: ['dexie', '**/storage/db', '**/storage/db.ts'],
        message:
          'The UI reads live queries and writes through commands: it never opens a Dexie table.',
      },
      node,
    ),
  },
  {
    files: ['server/**'],
    rules: restrict(
      { ...ui, message: 'The server runs in Node: it shares only src/domain with the client.' },
      { ...sync, message: 'The server runs in Node: it shares only src/domain with the client.' },
      {
        ...storage,
        message:
          'The server must not import storage: it runs in Node, storage is the device database.',
      },
    ),
  },
);
