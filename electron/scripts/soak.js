// `npm run soak`: bundles electron/bench/soak-run.ts into out/bench (two levels deep, like out/cli,
// so paths derived from import.meta.url resolve the same) and runs the long soak with plain Node.
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleExternals } from './bundle-externals.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

await build({
  entryPoints: [path.join(root, 'electron', 'bench', 'soak-run.ts')],
  outdir: path.join(root, 'out', 'bench'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  external: bundleExternals,
  logLevel: 'warning',
});

const child = spawn(process.execPath, [path.join(root, 'out', 'bench', 'soak-run.js'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
child.on('close', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});
