/**
 * core_start's baseline (issue 22's goal: core start ≤ 1.2× this): the least any app on this stack
 * does to start, load the SQLite driver, open the file and check its migrations, then read the
 * credentials' count. Bundled on its own, like core-start-target.ts, so the child times its loading.
 * It imports nothing else of Keywarden's: until 6 December it took the migrations folder from
 * testing/test-core, which imports createCore, so this "bare" start loaded most of the core's code
 * too and the ratio flattered the core (issue 22).
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATABASE_FILE } from '../core/store/database-file';
import { applyMigrations } from '../core/store/migrations';

/** Bundled into out/bench: the repository, and its drizzle folder, are two folders up. */
const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'drizzle');

export function startCore(home: string): Promise<{ credentials: number; ccxtLoaded: boolean }> {
  const sqlite = new Database(path.join(home, DATABASE_FILE));
  try {
    sqlite.pragma('journal_mode = WAL');
    applyMigrations(sqlite, migrationsFolder);
    const { n } = sqlite.prepare('SELECT COUNT(*) AS n FROM credentials').get() as { n: number };
    return Promise.resolve({ credentials: n, ccxtLoaded: false });
  } finally {
    sqlite.close();
  }
}
