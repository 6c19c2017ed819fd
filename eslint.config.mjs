// Lint, including the import-layer rule: which folder may import what.
// core/shared: pure (no I/O modules, no electron); node/cli/helper/preview: plain Node;
// main/preload: the only places that may import `electron`; renderer: browser only.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeIo = ['node:fs', 'node:fs/promises', 'fs', 'fs/promises', 'node:child_process', 'child_process',
  'node:os', 'os', 'node:net', 'net', 'node:http', 'http', 'node:https', 'https', 'node:process', 'process'];
const noElectron = { name: 'electron', message: 'Only src/main and src/preload may import electron.' };
const pattern = (group, message) => ({ group, message });

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', 'bin/**'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly', __dirname: 'readonly', URL: 'readonly', setTimeout: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/core/**/*.ts', 'src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron, { name: 'path', message: 'The core runs anywhere: use src/core/path.ts.' }],
        patterns: [
          pattern(['node:*'], 'The core runs anywhere (a browser, Electron, Node): no node:* modules; I/O goes through ports passed in, paths through src/core/path.ts.'),
          pattern(['**/node/**', '**/cli/**', '**/helper/**', '**/main/**', '**/preload/**', '**/renderer/**', '**/preview/**'], 'The core may import only core (and shared may import core).'),
        ],
      }],
      'no-restricted-globals': ['error',
        { name: 'Buffer', message: 'Node only: the core runs anywhere (use atob/TextDecoder or Uint8Array).' },
        { name: 'process', message: 'The core takes env, platform and the clock as parameters.' },
        { name: 'require', message: 'Import modules; the core loads nothing at run time.' },
        { name: '__dirname', message: 'The core knows no install folder.' }],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The core takes the time from a Clock or a `now` parameter.' },
        { selector: "CallExpression[callee.name=/^(setTimeout|setInterval)$/]", message: 'The core plans; adapters own the timers.' }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Pass the clock in.' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron, { name: 'path', message: 'The core runs anywhere: use src/core/path.ts.' }],
        patterns: [
          pattern(['node:*'], 'The core runs anywhere (a browser, Electron, Node): no node:* modules; I/O goes through ports passed in, paths through src/core/path.ts.'),
          pattern(['**/shared/**', '**/node/**', '**/cli/**', '**/helper/**', '**/main/**', '**/preload/**', '**/renderer/**', '**/preview/**'], 'The core imports only the core: shared builds on it, not the other way round.'),
        ],
      }],
    },
  },
  {
    // One place registers IPC handlers (each answers a result: see src/main/ipc.ts), one place talks to ipcRenderer.
    // (Only where Electron is allowed: a later no-restricted-syntax would replace the core's own.)
    files: ['src/main/**/*.ts', 'src/preload/**/*.ts'],
    ignores: ['src/main/ipc.ts'],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.property.name='handle'][callee.object.name='ipcMain']", message: 'Register IPC handlers only in src/main/ipc.ts (they return results, not throws).' },
        { selector: "CallExpression[callee.property.name='handle'][callee.object.property.name='ipcMain']", message: 'Register IPC handlers only in src/main/ipc.ts (they return results, not throws).' }],
    },
  },
  {
    files: ['src/node/**/*.ts', 'src/cli/**/*.ts', 'src/helper/**/*.ts', 'src/preview/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron],
        patterns: [pattern(['**/main/**', '**/preload/**', '**/renderer/**'], 'Plain-Node code may not import Electron adapters or the renderer.')],
      }],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [pattern(['**/core/**', '**/node/**', '**/cli/**', '**/helper/**', '**/main/**', '**/renderer/**', '**/preview/**'], 'The preload only bridges the IPC contract in src/shared.')],
      }],
    },
  },
  {
    files: ['src/renderer/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron, ...nodeIo.map((name) => ({ name, message: 'The renderer runs in a sandboxed browser page.' }))],
        patterns: [pattern(['node:*', '**/core/**', '**/node/**', '**/cli/**', '**/helper/**', '**/main/**', '**/preload/**', '**/preview/**'], 'The renderer talks to the app only through the API in src/shared.')],
      }],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**', 'scripts/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
