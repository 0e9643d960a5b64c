// Lint: TypeScript rules plus the layer rules of DESIGN.md section 3, enforced as forbidden imports per folder.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import noImportCycle from './scripts/eslint-rules/no-import-cycle.js';

const NODE_BUILTINS = [
  'node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'worker_threads',
  'stream', 'util', 'events', 'zlib', 'module', 'process', 'tls', 'dgram', 'cluster', 'readline', 'v8', 'vm',
];
const electron = { group: ['electron', 'electron/*', 'electron-updater'], message: 'Only electron/main and electron/preload may import Electron (DESIGN.md section 3).' };
const nodeOnly = { group: [...NODE_BUILTINS, 'better-sqlite3', 'kysely', 'pino', 'rotating-file-stream'], message: 'shared/ and renderer/ run in the browser too: no Node modules (DESIGN.md section 3).' };
const noRenderer = { group: ['**/renderer/**'], message: 'The renderer is imported by nobody (DESIGN.md section 3).' };
const noCore = { group: ['**/electron/core/**', '**/core/**'], message: 'Only the shell and the browser host may import electron/core (DESIGN.md section 3).' };
const noShell = { group: ['**/electron/main/**', '**/electron/preload/**', '**/browser-host/**', '**/main/**', '**/preload/**'], message: 'The shell and hosts are imported by nobody but themselves (DESIGN.md section 3).' };
const noCentral = { group: ['**/central/**'], message: 'The central server is a separate program; talk to it over HTTP (DESIGN.md section 3).' };

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'dist', 'release', 'test-results', 'playwright-report', '.tmp', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  // Imports run one way: a cycle between modules, type-only imports included, is an error; cut a small types
  // module out instead (DESIGN.md section 3).
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { project: { rules: { 'no-import-cycle': noImportCycle } } },
    rules: { 'project/no-import-cycle': 'error' },
  },
  { files: ['shared/**'], rules: restrict(electron, nodeOnly, noRenderer, noCore, noShell, noCentral) },
  { files: ['renderer/**'], rules: restrict(electron, nodeOnly, noCore, noShell, noCentral) },
  { files: ['electron/core/**'], rules: restrict(electron, noRenderer, noShell, noCentral) },
  { files: ['electron/browser-host/**'], rules: restrict(electron, noRenderer, noCentral) },
  { files: ['electron/main/**', 'electron/preload/**'], rules: restrict(noRenderer, noCentral, { group: ['**/browser-host/**'], message: 'The shell does not use the browser host.' }) },
  { files: ['central/**'], rules: restrict(electron, noRenderer, noCore, noShell) },
);
