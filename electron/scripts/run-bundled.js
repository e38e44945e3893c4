// Builds TypeScript entry points from electron/bench into out/bench (two levels deep, like out/cli, so
// paths derived from import.meta.url resolve the same) and runs one of them with plain Node, passing
// the command's arguments on. Shared by `npm run bench` and `npm run soak`.
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { shippedBundleOptions } from './shipped-bundle-options.js';

// This file lives in electron/scripts: the repository is two folders up.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** A chunk no build wrote for this long belongs to no run still going (a soak can run for hours). */
const STALE_CHUNK_MS = 24 * 60 * 60 * 1000;

/** Bundles `entries` (names in electron/bench) and runs the first one. */
export async function runBundled(entries) {
  const outdir = path.join(root, 'out', 'bench');
  // Each entry is its own program, built like the app's bundles: split at its lazy import()s so that
  // what it loads only when first used is not compiled at start. Built one by one, so no entry shares a
  // chunk with another and loads what only the other one needs (core_start's two children stay apart).
  const results = await Promise.all(
    entries.map((entry) =>
      build({
        entryPoints: [path.join(root, 'electron', 'bench', entry)],
        outdir,
        // In out/bench itself, not a subfolder: modules that find the repository from import.meta.url
        // land in chunks too.
        splitting: true,
        chunkNames: 'chunk-[name]-[hash]',
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'esm',
        ...shippedBundleOptions,
        logLevel: 'warning',
        metafile: true,
      }),
    ),
  );
  removeStaleChunks(outdir, new Set(results.flatMap(({ metafile }) => Object.keys(metafile.outputs).map((file) => path.resolve(file)))));
  const main = path.join(outdir, entries[0].replace(/\.ts$/, '.js'));
  const child = spawn(process.execPath, [main, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  child.on('close', (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0);
  });
}

/** Chunk names carry a hash: earlier builds' chunks pile up. Only old ones go (a bench and a soak may run at once). */
function removeStaleChunks(outdir, written) {
  const now = Date.now();
  for (const name of readdirSync(outdir)) {
    const file = path.join(outdir, name);
    if (!name.startsWith('chunk-') || written.has(file)) continue;
    if (now - statSync(file).mtimeMs > STALE_CHUNK_MS) rmSync(file, { force: true });
  }
}
