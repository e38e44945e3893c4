/**
 * core_start's stack floor: the least an app on Keywarden's mandated stack (better-sqlite3,
 * drizzle-orm, zod) does to start, so the bench can say how much of the core's start is the stack's
 * and how much is ours. It does the baseline's work (open the file, WAL, check the migrations) and
 * then what the stack adds: drizzle over the connection, the credentials' count read through a
 * drizzle select, and one small zod schema built and parsed once. Static named imports, as an app
 * writes them, bundled like the other targets (same esbuild options, tree-shaken): the bundle carries
 * as much zod and drizzle-orm as the core's (~288 KB and ~103 KB), so the libraries cost both the
 * same to compile. Of Keywarden it imports only what the baseline does (database-file, migrations).
 *
 * The table is declared here, with only the column the query names: a drizzle table for this one
 * read is all the stack requires. Keywarden's schema module (store/schema.ts: every table, their
 * indexes, and the zod enums of credential-schema.ts it imports) is Keywarden's own code, so its
 * cost stays on Keywarden's side of the line rather than raising the floor.
 */
import Database from 'better-sqlite3';
import { count } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DATABASE_FILE } from '../core/store/database-file';
import { applyMigrations } from '../core/store/migrations';

/** Bundled into out/bench: the repository, and its drizzle folder, are two folders up. */
const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'drizzle');

const credentials = sqliteTable('credentials', { id: text('id').primaryKey() });
/** Built at module load, as an app declares its schemas. */
const CountRow = z.object({ n: z.number().int().nonnegative() });

export function startCore(home: string): Promise<{ credentials: number; ccxtLoaded: boolean }> {
  const sqlite = new Database(path.join(home, DATABASE_FILE));
  try {
    sqlite.pragma('journal_mode = WAL');
    applyMigrations(sqlite, migrationsFolder);
    const db = drizzle(sqlite);
    const row = db.select({ n: count() }).from(credentials).get();
    const { n } = CountRow.parse(row);
    return Promise.resolve({ credentials: n, ccxtLoaded: false });
  } finally {
    sqlite.close();
  }
}
