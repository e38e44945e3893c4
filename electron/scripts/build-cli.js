// Bundles the headless CLI into out/cli so `npx keywarden` works right after `npm install`
// (npm runs this as `prepare`) and starts fast: one file, no TypeScript at run time.
// Native and heavy packages stay external: better-sqlite3 is a native addon, and ccxt is
// imported lazily by the core so that commands which never talk to an exchange skip its ~0.4 s load.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { bundleExternals } from './bundle-externals.js';

// This file lives in electron/scripts: the repository is two folders up.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function buildCli() {
  await build({
    entryPoints: [path.join(root, 'electron/cli/main.ts')],
    outfile: path.join(root, 'out/cli/keywarden.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    sourcemap: 'linked',
    external: bundleExternals,
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildCli();
}
