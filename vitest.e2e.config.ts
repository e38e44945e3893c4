// End-to-end: the built renderer in Debian Chromium, wired to the real core (e2e/harness). The
// Electron suite in e2e/electron has its own runner and is not part of this one.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    exclude: ['e2e/electron/**', 'node_modules/**'],
    // Builds out/renderer once with vite.config.ts before any scenario runs.
    globalSetup: ['e2e/harness/build-renderer.ts'],
    // Each file starts Chromium; scenarios run real scrypt unlocks and load ccxt's exchange list.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
