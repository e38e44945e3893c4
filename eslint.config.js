// Lint keeps the layers of DESIGN.md honest: the core never touches Electron, the renderer only
// knows the contract and the shared pure tier, the shared tier imports nothing but itself, and only
// the one IPC wrapper / the preload may touch the raw IPC objects.
import tseslint from 'typescript-eslint';

const electronOnlyIn = (message) => ({
  paths: [{ name: 'electron', message }],
  patterns: [{ group: ['electron/*'], message }],
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'release/**', 'dist/**', 'drizzle/**', 'coverage/**', 'test-results/**', 'playwright-report/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', electronOnlyIn('electron/core runs under plain Node: pass Electron APIs in as adapters.')],
    },
  },
  {
    files: ['electron/api/**/*.ts', 'electron/cli/**/*.ts', 'electron/testing/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', electronOnlyIn('Only electron/main and electron/preload may import electron.')],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The renderer talks to the main process only through window.keywarden.' }],
        patterns: [{
          group: ['**/electron/core/**', '**/electron/main/**', '**/electron/cli/**', '**/electron/preload/**', 'node:*', 'better-sqlite3', 'ccxt'],
          message: 'The renderer may import only the contract (electron/api/contract) and the shared pure tier (electron/shared).',
        }],
      }],
    },
  },
  {
    // The shared pure tier runs in the core and in the renderer alike: nothing from outside it, not
    // even node:* or zod, so it stays loadable in both. Its tests may use the test tools.
    files: ['electron/shared/**/*.ts'],
    ignores: ['electron/shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ regex: '^(?!\\./[^./])|\\.\\./', message: 'electron/shared imports nothing but electron/shared (./…): it runs in the core and the renderer alike.' }],
      }],
    },
  },
  {
    // The CLI and scripts talk to a terminal; everything else goes through the injected logger.
    files: ['electron/cli/**/*.ts', 'electron/scripts/**/*.js', 'electron/bench/**/*.ts', 'electron/cli/bin.js', 'electron/testing/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
