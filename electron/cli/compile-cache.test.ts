/**
 * The CLI's compile cache holds code that runs: it lives in the user's own cache folder, never in the
 * shared temporary folder, and a folder someone else could write is refused. Node 20 (no cache API)
 * starts as before.
 */
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const enableCompileCache = vi.fn(() => ({ status: 1 }));
const compileCacheStatus = { FAILED: 0, ENABLED: 1, ALREADY_ENABLED: 2, DISABLED: 3 };

/** compile-cache.ts as loaded by a Node that has the cache API (≥ 22.8), or by one without it. */
async function loadCompileCache(withApi: boolean) {
  vi.resetModules();
  vi.doMock('node:module', () => ({ default: withApi ? { enableCompileCache, constants: { compileCacheStatus } } : {} }));
  return import('./compile-cache');
}

const folders: string[] = [];
function scratch(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'keywarden-compile-cache-'));
  folders.push(folder);
  return folder;
}

afterEach(() => {
  vi.doUnmock('node:module');
  enableCompileCache.mockClear();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('the compile cache folder', () => {
  it("is the user's own cache folder on every platform, never the temporary folder", async () => {
    const { compileCacheFolder } = await loadCompileCache(true);
    const home = os.homedir();
    expect(compileCacheFolder({}, 'linux')).toBe(path.join(home, '.cache', 'keywarden', 'node-compile-cache'));
    expect(compileCacheFolder({ XDG_CACHE_HOME: '/home/ada/.xdg-cache' }, 'linux')).toBe(path.join('/home/ada/.xdg-cache', 'keywarden', 'node-compile-cache'));
    expect(compileCacheFolder({}, 'darwin')).toBe(path.join(home, 'Library', 'Caches', 'Keywarden', 'node-compile-cache'));
    expect(compileCacheFolder({ LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' }, 'win32')).toBe(path.join('C:\\Users\\ada\\AppData\\Local', 'Keywarden', 'node-compile-cache'));
  });
});

describe('turning the compile cache on', () => {
  it('makes a private folder and hands it to Node', async () => {
    const { enableCompileCache: enable } = await loadCompileCache(true);
    const folder = path.join(scratch(), 'cache');
    expect(enable(folder)).toBe(true);
    expect(enableCompileCache).toHaveBeenCalledWith(folder);
  });

  it.skipIf(process.platform === 'win32')('refuses a folder other users can write', async () => {
    const { enableCompileCache: enable } = await loadCompileCache(true);
    const folder = scratch();
    chmodSync(folder, 0o777);
    expect(enable(folder)).toBe(false);
    expect(enableCompileCache).not.toHaveBeenCalled();
  });

  it('does nothing on a Node without the cache (Node 20): no folder is made', async () => {
    const { enableCompileCache: enable } = await loadCompileCache(false);
    const folder = path.join(scratch(), 'cache');
    expect(enable(folder)).toBe(false);
    expect(existsSync(folder)).toBe(false);
  });
});
