// Builds better-sqlite3 for Electron OUT OF TREE, for `npm start`. node_modules/better-sqlite3 stays
// the Node build that `npm test` and the CLI need; rebuilding it in place (what electron-rebuild does)
// would break them until the next `npm rebuild`. Instead: copy the package to
// out/native/electron-<version>-<platform>-<arch>/, build the copy for Electron's ABI, keep only the
// .node file, and let the main process load it through better-sqlite3's `nativeBinding` option
// (electron/main/app-paths.ts computes the same folder). Cached: rebuilt only when the Electron or
// better-sqlite3 version changes.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// This file lives in electron/scripts: the repository is two folders up.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const sourcePackage = path.join(root, 'node_modules', 'better-sqlite3');

/** Same folder as nativeBuildFolder() in electron/main/app-paths.ts. */
export function nativeBuildFolder(electronVersion, platform = process.platform, arch = process.arch) {
  return path.join(root, 'out', 'native', `electron-${electronVersion}-${platform}-${arch}`);
}

/** Returns the path of better_sqlite3.node built for this Electron; builds it when missing or stale. */
export function ensureElectronSqlite({ electronVersion, platform = process.platform, arch = process.arch, log = (line) => console.log(line) }) {
  const folder = nativeBuildFolder(electronVersion, platform, arch);
  const binary = path.join(folder, 'better_sqlite3.node');
  const stampFile = path.join(folder, 'build-stamp.json');
  const stamp = JSON.stringify({ electron: electronVersion, betterSqlite3: packageVersion(), platform, arch });
  if (existsSync(binary) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return binary;

  log(`Building better-sqlite3 ${packageVersion()} for Electron ${electronVersion} (${platform}-${arch}), once…`);
  const work = path.join(folder, 'better-sqlite3');
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  // The sources only: the Node build in build/ must not be mistaken for the Electron one.
  cpSync(sourcePackage, work, { recursive: true, filter: (source) => !source.startsWith(path.join(sourcePackage, 'build')) && !source.startsWith(path.join(sourcePackage, 'node_modules')) });

  // Like better-sqlite3's own install script: a prebuilt binary if one can be fetched, else compile.
  const downloaded = run(work, [resolveTool('prebuild-install/bin.js'), '--runtime=electron', `--target=${electronVersion}`, `--platform=${platform}`, `--arch=${arch}`, '--verbose']);
  if (!downloaded) {
    log('No prebuilt binary could be fetched; compiling from source (needs a C++ toolchain and Electron\'s headers).');
    const nodeGyp = process.env.npm_config_node_gyp || resolveTool('node-gyp/bin/node-gyp.js');
    const compiled = run(work, [nodeGyp, 'rebuild', '--release', '--runtime=electron', `--target=${electronVersion}`, `--arch=${arch}`, '--dist-url=https://electronjs.org/headers']);
    if (!compiled) throw new Error(`Could not build better-sqlite3 for Electron ${electronVersion}: see the output above.`);
  }
  copyFileSync(path.join(work, 'build', 'Release', 'better_sqlite3.node'), binary);
  rmSync(work, { recursive: true, force: true });
  writeFileSync(stampFile, stamp);
  return binary;
}

function packageVersion() {
  return JSON.parse(readFileSync(path.join(sourcePackage, 'package.json'), 'utf8')).version;
}

function resolveTool(relative) {
  const file = path.join(root, 'node_modules', relative);
  if (!existsSync(file)) throw new Error(`node_modules/${relative} is missing: run npm install.`);
  return file;
}

function run(cwd, args) {
  return spawnSync(process.execPath, args, { cwd, stdio: 'inherit' }).status === 0;
}
