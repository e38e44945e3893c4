/**
 * Applies the SQL migrations drizzle-kit generated into drizzle/. We read drizzle's journal and keep
 * its bookkeeping table (`__drizzle_migrations`) so drizzle-kit tooling agrees with us, but apply them
 * ourselves to add two guarantees drizzle's migrator lacks: the check and the changes happen in one
 * `BEGIN IMMEDIATE` transaction (two processes starting at once cannot both migrate), and a database
 * written by a newer Keywarden is refused instead of being used with a schema we do not know.
 */
import type Database from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { KeywardenError } from '../errors';

export interface MigrationResult {
  readonly applied: number;
  readonly schemaVersion: number;
}

export function applyMigrations(sqlite: Database.Database, migrationsFolder: string): MigrationResult {
  let migrations: ReturnType<typeof readMigrationFiles>;
  try {
    migrations = readMigrationFiles({ migrationsFolder });
  } catch {
    throw new KeywardenError('DATABASE_UNAVAILABLE', `Keywarden's database migrations are missing from ${migrationsFolder}. Reinstall Keywarden; your data was not touched.`);
  }
  const known = new Set(migrations.map((m) => m.folderMillis));
  const newestKnown = Math.max(0, ...known);

  const run = sqlite.transaction((): number => {
    sqlite.exec('CREATE TABLE IF NOT EXISTS "__drizzle_migrations" (id INTEGER PRIMARY KEY, hash TEXT NOT NULL, created_at NUMERIC)');
    const appliedAt = (sqlite.prepare('SELECT created_at FROM "__drizzle_migrations"').all() as { created_at: number }[]).map((row) => Number(row.created_at));
    const unknown = appliedAt.filter((at) => !known.has(at) && at > newestKnown);
    if (unknown.length > 0) {
      throw new KeywardenError(
        'SCHEMA_TOO_NEW',
        'This data folder was last used by a newer version of Keywarden. Update Keywarden to open it; nothing was changed.',
      );
    }
    const done = new Set(appliedAt);
    let count = 0;
    for (const migration of migrations) {
      if (done.has(migration.folderMillis)) continue;
      for (const statement of migration.sql) {
        if (statement.trim()) sqlite.exec(statement);
      }
      sqlite.prepare('INSERT INTO "__drizzle_migrations" (hash, created_at) VALUES (?, ?)').run(migration.hash, migration.folderMillis);
      count += 1;
    }
    return count;
  });

  // A migration that changes a column rebuilds its table (copy, drop, rename): SQLite's procedure
  // for it turns foreign key checks off around the rebuild (lang_altertable.html, "other kinds of
  // table schema changes"), else a copied row naming a row that is gone stops the upgrade and the app
  // with it. The setting only changes outside a transaction; it is back on before anything else runs.
  const foreignKeys = sqlite.pragma('foreign_keys', { simple: true }) === 1;
  if (foreignKeys) sqlite.pragma('foreign_keys = OFF');
  try {
    const applied = run.immediate();
    return { applied, schemaVersion: migrations.length };
  } finally {
    if (foreignKeys) sqlite.pragma('foreign_keys = ON');
  }
}
