import { defineConfig } from 'vitest/config';

// Two projects, both run by `npx vitest run` (pick one with `--project electron` / `--project renderer`).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'electron',
          // The core, the API, main, the CLI, the shared pure tier and the build scripts, on the real core.
          include: ['electron/**/*.test.ts'],
          // The CLI tests run the bundled CLI as a user would; build it once before any test starts.
          globalSetup: ['electron/testing/global-setup.ts'],
          // Passphrase unlocks run a real scrypt (N = 2^17), and several tests spawn child processes.
          testTimeout: 60_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'renderer',
          // The renderer's pure modules and its stores (over a fake window.keywarden); no DOM needed.
          // The pages themselves are tested end to end (vitest.e2e.config.ts).
          include: ['renderer/src/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
      },
    ],
  },
});
