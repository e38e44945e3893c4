/**
 * vitest globalSetup: builds the renderer once, with the project's own vite.config.ts, so every
 * scenario runs exactly what the Electron shell would load.
 */
import { build } from 'vite';
import { viteConfigFile } from './paths';

export async function setup(): Promise<void> {
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
