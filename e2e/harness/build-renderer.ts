/**
 * vitest globalSetup: makes sure a browser exists (find-browser.ts), then builds the renderer once, with the project's own vite.config.ts, so every
 * scenario runs exactly what the Electron shell would load.
 */
import { build } from 'vite';
import { ensureBrowser } from './find-browser';
import { viteConfigFile } from './paths';

export async function setup(): Promise<void> {
  // Before building: a machine without a browser gets one now (or the run stops with what to install).
  process.stdout.write(`e2e: driving ${ensureBrowser()}\n`);
  // vitest sets NODE_ENV=test, and vite would then bundle React's development build. Test what ships.
  const nodeEnv = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  try {
    await build({ configFile: viteConfigFile, mode: 'production', logLevel: 'warn' });
  } finally {
    if (nodeEnv === undefined) delete process.env['NODE_ENV'];
    else process.env['NODE_ENV'] = nodeEnv;
  }
}
