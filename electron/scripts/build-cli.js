// Bundles the headless CLI into out/cli so `npx keywarden` works right after `npm install`
// (npm runs this as `prepare`) and starts fast: no TypeScript at run time, and code split into
// chunks so that a command answered by the agent loads only the CLI, never the core.
// Native and heavy packages stay external: better-sqlite3 is a native addon, and ccxt is
// imported lazily by the core so that commands which never talk to an exchange skip its ~0.4 s load.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { shippedBundleOptions } from './shipped-bundle-options.js';

// This file lives in electron/scripts: the repository is two folders up.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const outdir = path.join(root, 'out/cli');

export async function buildCli() {
  const { metafile } = await build({
    entryPoints: { keywarden: path.join(root, 'electron/cli/entry.ts') },
    outdir,
    // The core (drizzle, the vault, the contract's schemas) is loaded with import() only when this
    // process opens the vault itself; splitting puts it in its own chunks (ESM only).
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    sourcemap: 'linked',
    ...shippedBundleOptions,
    logLevel: 'warning',
    metafile: true,
  });
  // Chunk names carry a hash: remove earlier builds' chunks, only once the new ones are written, so a
  // CLI started meanwhile (test files run in parallel) never misses one. Metafile paths are relative
  // to the working directory.
  const written = new Set(Object.keys(metafile.outputs).map((file) => path.resolve(file)));
  const chunks = path.join(outdir, 'chunks');
  for (const name of readdirSync(chunks)) if (!written.has(path.join(chunks, name))) rmSync(path.join(chunks, name), { force: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildCli();
}
