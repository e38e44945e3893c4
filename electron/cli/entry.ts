/**
 * `keywarden`: the headless CLI, bundled into out/cli/keywarden.js by electron/scripts/build-cli.js
 * (run by `npm install`). The plain form of `keywarden run` takes a direct path (run-directly.ts);
 * every other command goes to the full command line (main.ts). Each is loaded only when used, after
 * the compile cache is on, so that on Node ≥ 22.8 they load compiled (compile-cache.ts).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileCacheFolder, enableCompileCache } from './compile-cache';
import { readRunArguments } from './run-arguments';

enableCompileCache(compileCacheFolder());

const bundleDir = path.dirname(fileURLToPath(import.meta.url));
const direct = readRunArguments(process.argv.slice(2));
if (direct) await (await import('./run-directly')).runDirectly(direct, bundleDir);
else await (await import('./main')).runCommandLine(bundleDir);
