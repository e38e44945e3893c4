/**
 * core_start's baseline (issue 22's goal: core start ≤ 1.2× this): the least any app on this stack
 * does to start, load the SQLite driver, open the file and check its migrations, then read the
 * credentials' count. Bundled on its own, like core-start-target.ts, so the child times its loading.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { DATABASE_FILE } from '../core/store/database';
import { applyMigrations } from '../core/store/migrations';
import { migrationsFolder } from '../testing/test-core';

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
