// Finds the Electron executable that `npm install` put in node_modules/electron/dist, without
// requiring the `electron` package: its index.js starts a download when the binary is missing, and
// this machine (or CI) may have no way to download it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// This file lives in electron/scripts: the repository is two folders up.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const electronPackage = path.join(root, 'node_modules', 'electron');

/** The Electron version this project is pinned to (package.json of node_modules/electron). */
export function electronVersion() {
  return JSON.parse(readFileSync(path.join(electronPackage, 'package.json'), 'utf8')).version;
}

/**
 * `{ found: true, path, version }`, or `{ found: false, message }` with one line a person can act on.
 * Honours ELECTRON_OVERRIDE_DIST_PATH like the electron package does.
 */
export function findElectronBinary(env = process.env) {
  const version = electronVersion();
  let relative = '';
  try {
    relative = readFileSync(path.join(electronPackage, 'path.txt'), 'utf8').trim();
  } catch {
    // No path.txt: the package's install step never ran or was skipped (ELECTRON_SKIP_BINARY_DOWNLOAD).
  }
  const dist = env.ELECTRON_OVERRIDE_DIST_PATH || path.join(electronPackage, 'dist');
  const file = relative ? path.join(dist, relative) : undefined;
  if (file && existsSync(file)) return { found: true, path: file, version };
  return {
    found: false,
    version,
    message: `The Electron ${version} binary is not installed (node_modules/electron/dist is missing). Install it with \`node node_modules/electron/install.js\` (needs access to github.com; unset ELECTRON_SKIP_BINARY_DOWNLOAD), then try again.`,
  };
}
