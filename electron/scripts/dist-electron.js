// `npm run dist`: builds the app and packages it with electron-builder (electron-builder.yml) for this
// platform: AppImage and deb on Linux, dmg on macOS, an NSIS installer on Windows, into release/.
//
// electron-builder rebuilds native modules for Electron IN PLACE, in node_modules. That would leave
// node_modules/better-sqlite3 unusable for Node (`npm test`, the CLI) until `npm rebuild`, so the Node
// build is set aside first and put back afterwards, whatever happens. It packages the Electron binary
// npm installed in node_modules/electron/dist (electronDist), so nothing else has to be downloaded.
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './build-electron.js';
import { findElectronBinary } from './electron-binary.js';

// This file lives in electron/scripts: the repository is two folders up.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const nodeBuild = path.join(root, 'node_modules', 'better-sqlite3', 'build');
const backup = path.join(root, 'out', 'native', 'node-build-backup');

const electron = findElectronBinary();
if (!electron.found) {
  console.error(`keywarden: ${electron.message}`);
  process.exit(1);
}

await buildApp();

rmSync(backup, { recursive: true, force: true });
mkdirSync(path.dirname(backup), { recursive: true });
if (existsSync(nodeBuild)) cpSync(nodeBuild, backup, { recursive: true });
let failed = false;
try {
  const { build } = (await import('electron-builder')).default;
  const artifacts = await build({
    projectDir: root,
    config: { extends: path.join(root, 'electron-builder.yml'), electronDist: path.join(root, 'node_modules', 'electron', 'dist'), electronVersion: electron.version },
  });
  console.log(artifacts.map((file) => path.relative(root, file)).join('\n'));
} catch (error) {
  failed = true;
  console.error(`keywarden: packaging failed: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  if (existsSync(backup)) {
    rmSync(nodeBuild, { recursive: true, force: true });
    cpSync(backup, nodeBuild, { recursive: true });
    rmSync(backup, { recursive: true, force: true });
  }
}
process.exit(failed ? 1 : 0);
