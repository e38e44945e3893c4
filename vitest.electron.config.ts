// The Electron end-to-end suite (e2e/electron): launches the real desktop app with Playwright. It builds
// the app and, once per Electron version, better-sqlite3 for Electron; where the Electron binary is not
// installed, the suite is skipped with one printed line.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/electron/**/*.e2e.test.ts'],
    // One Electron app at a time: each owns a window, a tray icon and a data folder.
    fileParallelism: false,
    testTimeout: 120_000,
    // The first run may compile better-sqlite3 for Electron.
    hookTimeout: 600_000,
    pool: 'forks',
  },
});
