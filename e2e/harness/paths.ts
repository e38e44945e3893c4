/** Where the e2e suite finds the built renderer and writes what it saw. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const rendererOutDir = path.join(repoRoot, 'out', 'renderer');
export const screenshotDir = path.join(repoRoot, 'test-results', 'e2e');
export const viteConfigFile = path.join(repoRoot, 'vite.config.ts');

/** Debian's Chromium (apt); Playwright's own browser downloads are not used. */
export const chromiumPath = process.env['KEYWARDEN_E2E_CHROMIUM'] ?? '/usr/bin/chromium';
