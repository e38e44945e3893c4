// `npm run bench`: bundles the benchmarks (electron/bench) into out/bench, two levels deep like
// out/cli so paths derived from import.meta.url resolve the same, then runs them with plain Node.
// stdout carries only the benches' JSON lines; extra arguments pick benches by name.
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleExternals } from './bundle-externals.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bench = path.join(root, 'electron', 'bench');

await build({
  entryPoints: ['run.ts', 'core-start.child.ts', 'core-start-target.ts'].map((entry) => path.join(bench, entry)),
  outdir: path.join(root, 'out', 'bench'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // Native and heavy packages load from node_modules at run time, as in the CLI bundle.
  external: bundleExternals,
  logLevel: 'warning',
});

const child = spawn(process.execPath, [path.join(root, 'out', 'bench', 'run.js'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
child.on('close', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});
