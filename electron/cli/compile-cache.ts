/**
 * V8's compile cache for the CLI's bundle (issue 22): compiling ~1 MB of JavaScript is a third of a
 * command's start, and Node ≥ 22.8 can keep the compiled code between runs (module.enableCompileCache).
 * On Node 20 the function does not exist and the CLI starts as before.
 *
 * Where: the user's own cache folder, never the shared temporary folder Node defaults to. The cache
 * holds compiled code, no data, but code that runs: in /tmp another local user could create the folder
 * first and plant entries. A folder another user owns or can write is not used at all. Whoever can
 * write the user's own folders can already run code as the CLI (NODE_OPTIONS, the shell profile), so
 * the cache opens no new way in. The desktop app does not turn it on: its Electron fuses shut
 * NODE_OPTIONS and check app.asar precisely so that nothing in the user's folders changes its code, and
 * V8 checks a cache entry only against the source's hash, not who wrote it.
 */
import { mkdirSync, statSync } from 'node:fs';
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';

/** Node ≥ 22.8 has these; @types/node describes them, Node 20 lacks them. */
type CompileCacheApi = Partial<Pick<typeof module, 'enableCompileCache'>>;
const compileCacheApi: CompileCacheApi = module;

/** The per-user cache folder of the platform, plus Keywarden's: ~/.cache/keywarden/node-compile-cache on Linux. */
export function compileCacheFolder(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', 'Keywarden', 'node-compile-cache');
  if (platform === 'win32') return path.join(env['LOCALAPPDATA'] ?? path.join(home, 'AppData', 'Local'), 'Keywarden', 'node-compile-cache');
  return path.join(env['XDG_CACHE_HOME'] || path.join(home, '.cache'), 'keywarden', 'node-compile-cache');
}

/**
 * Turns the cache on for modules loaded from now on; true when it is on. Never throws: without a
 * cache the CLI only starts slower. Node writes the cache when the process exits. NODE_COMPILE_CACHE,
 * when set, wins (Node enabled it at start), and NODE_DISABLE_COMPILE_CACHE=1 turns it off.
 */
export function enableCompileCache(folder: string): boolean {
  if (typeof compileCacheApi.enableCompileCache !== 'function') return false;
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    if (!isPrivateFolder(folder)) return false;
    const { status } = compileCacheApi.enableCompileCache(folder);
    const { ENABLED, ALREADY_ENABLED } = module.constants.compileCacheStatus;
    return status === ENABLED || status === ALREADY_ENABLED;
  } catch {
    return false;
  }
}

/** Owned by this user and writable by no one else (Windows: the profile's folders are private already). */
function isPrivateFolder(folder: string): boolean {
  if (process.platform === 'win32' || typeof process.getuid !== 'function') return true;
  const stats = statSync(folder);
  return stats.uid === process.getuid() && (stats.mode & 0o022) === 0;
}
