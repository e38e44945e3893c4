// Builds what the desktop app loads: the Electron main process and the preload (esbuild, into out/main
// and out/preload) and, with --with-renderer, the renderer (vite, into out/renderer). The main bundle is ESM (package.json "type": "module"), split into chunks at lazy imports, with these packages external:
// better-sqlite3 is native, ccxt is loaded lazily, and electron-builder ships node_modules anyway.
// The preload runs sandboxed, where `require` knows only 'electron' and a few Node built-ins, so it is
// one self-contained CommonJS file. Of the contract it needs only the channel and event names: they are
// read from the contract at build time and inlined, so the preload cannot drift from the contract and
// carries no zod (a few KB instead of ~750 KB in every window).
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { shippedBundleOptions } from './shipped-bundle-options.js';

// This file lives in electron/scripts: the repository is two folders up.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const mainOutfile = path.join(root, 'out/main/main.js');
export const preloadOutfile = path.join(root, 'out/preload/preload.cjs');

export async function buildMain(outfile = mainOutfile) {
  const outdir = path.dirname(outfile);
  const { metafile } = await build({
    entryPoints: { [path.basename(outfile, '.js')]: path.join(root, 'electron/main/main.ts') },
    outdir,
    // Split at the core's lazy import()s (wallets, Polymarket orders, viem and its curves): in one file
    // V8 would still parse them at every start (issue 22). Chunks sit next to main.js, so a module that
    // finds its files from import.meta.url resolves the same from a chunk.
    splitting: true,
    chunkNames: 'chunk-[name]-[hash]',
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    sourcemap: 'linked',
    ...shippedBundleOptions,
    logLevel: 'warning',
    metafile: true,
  });
  // Chunk names carry a hash: earlier builds' chunks go, once the new ones are written.
  const written = new Set(Object.keys(metafile.outputs).map((file) => path.resolve(file)));
  for (const name of readdirSync(outdir)) {
    const file = path.join(outdir, name);
    if (name.startsWith('chunk-') && !written.has(file)) rmSync(file, { force: true });
  }
}

export async function buildPreload(outfile = preloadOutfile) {
  const names = await readContractNames();
  await build({
    entryPoints: [path.join(root, 'electron/preload/preload.ts')],
    outfile,
    bundle: true,
    platform: 'browser',
    target: 'chrome140',
    format: 'cjs',
    // Everything but 'electron' goes into the file: a sandboxed preload cannot load packages.
    external: ['electron'],
    plugins: [contractNamesPlugin(names)],
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}

/** The contract's channel and event names, read by running the contract module itself. */
export async function readContractNames() {
  const result = await build({
    entryPoints: [path.join(root, 'electron/api/contract.ts')],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    logLevel: 'warning',
  });
  const code = result.outputFiles[0].text;
  const contract = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  return { channelNames: [...contract.channelNames], contractEventNames: [...contract.contractEventNames] };
}

/**
 * Serves the preload's import of electron/api/contract with just the two name lists. Importing any
 * other value from the contract in the preload fails the build ("No matching export"), on purpose.
 */
function contractNamesPlugin(names) {
  const contractFile = path.join(root, 'electron/api/contract');
  return {
    name: 'keywarden-contract-names',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /\/api\/contract(\.ts)?$/ }, (args) => {
        const resolved = path.resolve(args.resolveDir, args.path).replace(/\.ts$/, '');
        return resolved === contractFile ? { path: contractFile, namespace: 'contract-names' } : undefined;
      });
      pluginBuild.onLoad({ filter: /.*/, namespace: 'contract-names' }, () => ({
        contents: [
          '// Generated at build time from electron/api/contract.ts by scripts/build-electron.js.',
          `export const channelNames = Object.freeze(${JSON.stringify(names.channelNames)});`,
          `export const contractEventNames = Object.freeze(${JSON.stringify(names.contractEventNames)});`,
        ].join('\n'),
        loader: 'js',
      }));
    },
  };
}

export async function buildElectron() {
  await Promise.all([buildMain(), buildPreload()]);
}

/** The renderer, with the project's vite.config.ts, into out/renderer. */
export async function buildRenderer() {
  const { build: viteBuild } = await import('vite');
  // React's production build: what ships.
  process.env.NODE_ENV = 'production';
  await viteBuild({ configFile: path.join(root, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
}

/** Everything the desktop app loads: renderer, main process, preload. */
export async function buildApp() {
  await buildRenderer();
  await buildElectron();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await (process.argv.includes('--with-renderer') ? buildApp() : buildElectron());
}
