/** Where the e2e suite finds the built renderer and writes what it saw. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findBrowser } from './find-browser';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const rendererOutDir = path.join(repoRoot, 'out', 'renderer');
export const screenshotDir = path.join(repoRoot, 'test-results', 'e2e');
export const viteConfigFile = path.join(repoRoot, 'vite.config.ts');

/** The Chromium or Chrome the scenarios drive; globalSetup installed one if the machine had none (find-browser.ts). */
export function chromiumPath(): string {
  const found = findBrowser();
  if (!found) throw new Error('e2e: no Chromium or Chrome found (globalSetup should have installed one).');
  return found;
}
