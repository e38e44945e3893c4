// Lint keeps the layers of DESIGN.md (docs/architecture.md) honest. What it enforces:
// - Zones, by folder (eslint-plugin-boundaries, `boundaries/dependencies`; imports, re-exports and
//   dynamic imports alike): electron/shared → shared only; electron/core → core, shared;
//   electron/api → api, core, shared; electron/main, electron/preload, electron/cli → themselves,
//   api, shared (main also electron/preload/ipc-wire.ts, the wire names both ends of IPC share);
//   renderer/src → renderer, shared, and `import type` from electron/api.
// - Test helpers (electron/testing, electron/main/testing, renderer/src/testing, e2e/harness) may
//   import anything; no production zone may import them. Tests (*.test.ts(x), e2e/) and dev tooling
//   (electron/bench, electron/scripts) may import anything. Production code never imports a test file
//   or a *-test-kit.ts, not even in its own zone.
// - Packages (no-restricted-imports): `electron` is refused in electron/core, electron/api,
//   electron/cli, electron/testing and the renderer (of the app's layers, only main and preload use
//   it); the renderer imports no Node built-in, better-sqlite3 or ccxt; the shared tier no package.
// - no-console outside the CLI, scripts, benchmarks and test helpers; type-only imports are `import type`.
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

const electronOnlyIn = (message) => ({
  paths: [{ name: 'electron', message }],
  patterns: [{ group: ['electron/*'], message }],
});

const zone = (type) => ({ element: { type } });
const zones = (...types) => ({ element: { types: { anyOf: types } } });

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
    plugins: { boundaries },
    settings: {
      'boundaries/root-path': import.meta.dirname,
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } },
      'boundaries/dependency-nodes': ['import', 'export', 'dynamic-import', 'require'],
      // First match wins, so the test helpers inside electron/main and renderer/src come first.
      'boundaries/elements': [
        { type: 'testing', pattern: ['electron/testing', 'electron/main/testing', 'renderer/src/testing', 'e2e/harness'], partialMatch: false },
        { type: 'tooling', pattern: ['electron/bench', 'electron/scripts'], partialMatch: false },
        { type: 'e2e', pattern: 'e2e', partialMatch: false },
        { type: 'shared', pattern: 'electron/shared', partialMatch: false },
        { type: 'core', pattern: 'electron/core', partialMatch: false },
        { type: 'api', pattern: 'electron/api', partialMatch: false },
        { type: 'main', pattern: 'electron/main', partialMatch: false },
        { type: 'preload', pattern: 'electron/preload', partialMatch: false },
        { type: 'cli', pattern: 'electron/cli', partialMatch: false },
        { type: 'renderer', pattern: 'renderer/src', partialMatch: false },
      ],
      // Every file is production code unless it is a test, a test kit or tooling (exclusive: a test is
      // only a test).
      'boundaries/files': [
        { category: 'production', pattern: '**/*' },
        { category: 'test', pattern: ['**/*.test.ts', '**/*.test.tsx', '**/*-test-kit.ts', 'e2e/**', 'electron/bench/**', 'electron/testing/**', 'electron/main/testing/**', 'renderer/src/testing/**'], exclusive: true },
      ],
    },
    rules: {
      'boundaries/dependencies': ['error', {
        default: 'disallow',
        // Also inside a zone: a test file in the same folder is still a test.
        checkInternals: true,
        message: '{{ from.element.types }} may not import {{ to.element.types }} ({{ dependency.source }}): see the zones at the top of eslint.config.js.',
        policies: [
          { from: zone('shared'), allow: { to: zone('shared') } },
          { from: zone('core'), allow: { to: zones('core', 'shared') } },
          { from: zone('api'), allow: { to: zones('api', 'core', 'shared') } },
          { from: zone('main'), allow: { to: [zones('main', 'api', 'shared'), { file: { path: 'electron/preload/ipc-wire.ts' } }] } },
          { from: zone('preload'), allow: { to: zones('preload', 'api', 'shared') } },
          { from: zone('cli'), allow: { to: zones('cli', 'api', 'shared') } },
          { from: zone('renderer'), allow: { to: zones('renderer', 'shared') } },
          { from: zone('renderer'), allow: { to: zone('api'), dependency: { kind: 'type' } } },
          { from: { file: { categories: 'production' } }, disallow: { to: { file: { categories: 'test' } } }, message: 'Production code may not import a test or a test helper ({{ dependency.source }}).' },
          { from: zones('testing', 'tooling', 'e2e'), allow: { to: { module: { origin: 'local' } } } },
          { from: { file: { categories: 'test' } }, allow: { to: { module: { origin: 'local' } } } },
        ],
      }],
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
          group: ['node:*', 'better-sqlite3', 'ccxt'],
          message: 'The renderer runs in the browser: no Node built-ins, no database, no exchange library.',
        }],
      }],
    },
  },
  {
    // The shared pure tier runs in the core and in the renderer alike: no package, not even node:*
    // or zod, so it stays loadable in both (boundaries/dependencies keeps its local imports inside it).
    // Its tests may use the test tools.
    files: ['electron/shared/**/*.ts'],
    ignores: ['electron/shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ regex: '^(?!\\.)', message: 'electron/shared imports no package: it runs in the core and the renderer alike.' }],
      }],
    },
  },
  {
    // The CLI and scripts talk to a terminal; everything else goes through the injected logger.
    files: ['electron/cli/**/*.ts', 'electron/scripts/**/*.js', 'electron/bench/**/*.ts', 'electron/cli/bin.js', 'electron/testing/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
