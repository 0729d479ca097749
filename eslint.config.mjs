import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import rosterSecurity from './scripts/eslint/ipc-channel-rule.mjs';

// What may import what: the renderer never reaches main, Node or Electron; main's
// areas never touch Electron (only main/index.ts and main/shell do); shared code
// runs everywhere, so it imports neither.
const NODE_BUILTINS = { group: ['node:*'], message: 'Code that runs in the renderer or in shared cannot use Node APIs.' };
const ELECTRON = { name: 'electron', message: 'Only src/main/index.ts, src/main/shell and src/preload may import electron.' };
// Test support (fixtures, temporary databases, test clients, workers) lives in
// test-support/ folders and serves *.test.ts files only: product code never
// imports it, so the build never bundles it.
const TEST_SUPPORT = { group: ['**/test-support/**', '**/test-support'], message: 'Only tests (and other test support) import test-support/.' };
const TESTS = ['src/**/*.test.{ts,tsx}', 'src/**/test-support/**'];
const MAIN_IMPORTS = { group: ['**/renderer/**', '**/preload/**'], message: 'main does not import the renderer or preload.' };

export default tseslint.config(
  // electron.vite.config.ts.<time>.mjs: electron-vite's bundle of its config, made and deleted while it builds; npm test
  // lints beside the build, and ESLint failed on one it had listed and could no longer open.
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'electron.vite.config.*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-control-regex': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [ELECTRON],
          patterns: [NODE_BUILTINS, { group: ['**/main/**', '**/preload/**'], message: 'The renderer reaches main only through lib/api.ts.' }],
        },
      ],
      'no-restricted-globals': ['error', { name: 'require', message: 'The renderer has no require.' }],
    },
  },
  {
    // Stores hold only the window's own state (selection, drafts, dialogs, filters); what main
    // knows comes through the query layer (src/renderer/src/data), never a store's own call.
    files: ['src/renderer/src/stores/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [ELECTRON],
          patterns: [
            NODE_BUILTINS,
            { group: ['**/main/**', '**/preload/**'], message: 'The renderer reaches main only through lib/api.ts.' },
            { group: ['**/lib/api', '**/data/*'], message: 'A store never calls main: read through data/query.ts hooks, change through data/use-contract-mutation.ts.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/src/{screens,components,stores}/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-properties': ['error', { object: 'window', property: 'api', message: 'Call lib/api.ts, not window.api.' }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [ELECTRON], patterns: [NODE_BUILTINS, { group: ['**/main/**', '**/renderer/**', '**/preload/**'], message: 'shared imports nothing of the processes.' }] },
      ],
    },
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/index.ts', 'src/main/shell/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [ELECTRON], patterns: [MAIN_IMPORTS] }],
    },
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/index.ts', 'src/main/shell/**', ...TESTS],
    rules: {
      'no-restricted-imports': ['error', { paths: [ELECTRON], patterns: [MAIN_IMPORTS, TEST_SUPPORT] }],
    },
  },
  {
    files: ['src/main/index.ts', 'src/main/shell/**/*.ts', 'src/preload/**/*.ts'],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': ['error', { patterns: [TEST_SUPPORT] }],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    plugins: { roster: rosterSecurity },
    rules: {
      // The bridge hands the page functions, never Electron's objects.
      'no-restricted-syntax': [
        'error',
        {
          selector: "Identifier[name='ipcRenderer']:not(MemberExpression > Identifier.object):not(ImportSpecifier > Identifier)",
          message: 'Use ipcRenderer only to call it: never hand it, or a reference to it, to the page.',
        },
        {
          // ipcRenderer.on handed over unbound still lets the page listen on any channel.
          selector: "MemberExpression[object.name='ipcRenderer']:not(CallExpression > MemberExpression.callee)",
          message: 'Call ipcRenderer methods in place: never hand one of them to the page.',
        },
      ],
      // Security: the channel is a literal, a constant, or checked by isChannel() first (scripts/eslint/ipc-channel-rule.mjs).
      'roster/ipc-checked-channel': 'error',
    },
  },
  {
    // Security: the system browser opens only allow-listed https pages, through shell/external-links.ts.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/main/shell/external-links.ts'],
    plugins: { roster: rosterSecurity },
    rules: { 'roster/no-open-external': 'error' },
  },
);
