// Builds TypeScript entry points from electron/bench into out/bench (two levels deep, like out/cli, so
// paths derived from import.meta.url resolve the same) and runs one of them with plain Node, passing
// the command's arguments on. Shared by `npm run bench` and `npm run soak`.
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleExternals } from './bundle-externals.js';

// This file lives in electron/scripts: the repository is two folders up.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Bundles `entries` (names in electron/bench) and runs the first one. */
export async function runBundled(entries) {
  const outdir = path.join(root, 'out', 'bench');
  await build({
    entryPoints: entries.map((entry) => path.join(root, 'electron', 'bench', entry)),
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external: bundleExternals,
    logLevel: 'warning',
  });
  const main = path.join(outdir, entries[0].replace(/\.ts$/, '.js'));
  const child = spawn(process.execPath, [main, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  child.on('close', (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0);
  });
}
