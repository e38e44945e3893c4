// `npm start`: builds the renderer, the main process and the preload, makes sure an Electron build of
// better-sqlite3 exists (out of tree, so `npm test` keeps its Node build), and launches the app.
// Without the Electron binary it stops at once with one line saying how to get it.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './build-electron.js';
import { findElectronBinary } from './electron-binary.js';
import { ensureElectronSqlite } from './electron-native-sqlite.js';

// This file lives in electron/scripts: the repository is two folders up.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const electron = findElectronBinary();
if (!electron.found) {
  console.error(`keywarden: ${electron.message}`);
  process.exit(1);
}

// Taken before the build, which sets NODE_ENV=production for vite.
const env = { ...process.env };
// Set by some tools; it would make the binary a plain Node and ignore the app.
delete env.ELECTRON_RUN_AS_NODE;

try {
  await buildApp();
  ensureElectronSqlite({ electronVersion: electron.version });
} catch (error) {
  console.error(`keywarden: the build failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

const child = spawn(electron.path, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

