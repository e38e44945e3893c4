import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Renderer tests cover its pure modules (no DOM); the pages themselves are tested end to end.
    include: ['electron/**/*.test.ts', 'electron/scripts/**/*.test.ts', 'renderer/src/**/*.test.ts'],
    // The CLI tests run the bundled CLI as a user would; build it once before any test starts.
    globalSetup: ['electron/testing/global-setup.ts'],
    // Passphrase unlocks run a real scrypt (N = 2^17), and several tests spawn child processes.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
