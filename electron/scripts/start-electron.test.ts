import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nativeBuildFolder as appNativeBuildFolder } from '../main/app-paths';
import { repoRoot } from '../testing/test-core';
import { findElectronBinary } from './electron-binary.js';
import { nativeBuildFolder } from './electron-native-sqlite.js';

describe('npm start', () => {
  it('builds better-sqlite3 for Electron exactly where the main process looks for it', () => {
    expect(nativeBuildFolder('45.4.1', 'linux', 'x64')).toBe(appNativeBuildFolder(repoRoot, '45.4.1', 'linux', 'x64'));
    expect(path.relative(repoRoot, nativeBuildFolder('45.4.1', 'linux', 'x64'))).toBe(path.join('out', 'native', 'electron-45.4.1-linux-x64'));
  });

  it.skipIf(findElectronBinary().found)('without the Electron binary: stops at once with one line saying how to get it', () => {
    const started = Date.now();
    const run = spawnSync(process.execPath, [path.join(repoRoot, 'electron', 'scripts', 'start-electron.js')], { cwd: repoRoot, encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^keywarden: The Electron [\d.]+ binary is not installed .* Install it with `node node_modules\/electron\/install\.js`/);
    // Nothing was built first.
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
