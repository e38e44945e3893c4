import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isKeywardenError } from '../errors';
import { migrationsFolder, makeTempHome } from '../../testing/test-core';
import { DATABASE_FILE, openDatabase } from './database';

describe('database', () => {
  let temp: ReturnType<typeof makeTempHome>;
  beforeEach(() => {
    temp = makeTempHome();
  });
  afterEach(() => temp.cleanup());

  it('creates the schema in WAL mode, owner-only, and a second start applies nothing', async () => {
    const first = openDatabase({ home: temp.home, migrationsFolder });
    expect(first.migration.applied).toBeGreaterThan(0);
    expect(first.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(first.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(first.sqlite.pragma('secure_delete', { simple: true })).toBe(1);
    // NORMAL (1): commits never wait for the disk on the main thread; flushed() syncs them.
    expect(first.sqlite.pragma('synchronous', { simple: true })).toBe(1);
    const tables = (first.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['audit_log', 'credential_secrets', 'credentials', 'settings', 'vault_keys']));
    first.sqlite.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('probe', '1', 1)").run();
    await first.flushed();
    first.close();
    if (process.platform !== 'win32') {
      expect(statSync(path.join(temp.home, DATABASE_FILE)).mode & 0o777).toBe(0o600);
    }

    const second = openDatabase({ home: temp.home, migrationsFolder });
    expect(second.migration.applied).toBe(0);
    expect(second.sqlite.prepare('SELECT count(*) AS n FROM "__drizzle_migrations"').get()).toEqual({ n: first.migration.applied });
    expect(second.sqlite.prepare("SELECT value FROM settings WHERE key = 'probe'").get()).toEqual({ value: '1' });
    second.close();
  });

  it('refuses a database written by a newer Keywarden, and leaves it as it was', () => {
    const db = openDatabase({ home: temp.home, migrationsFolder });
    db.sqlite.prepare('INSERT INTO "__drizzle_migrations" (hash, created_at) VALUES (?, ?)').run('from-the-future', Date.UTC(2100, 0, 1));
    db.sqlite.exec('CREATE TABLE future_feature (id INTEGER)');
    db.close();
    const before = readFileSync(path.join(temp.home, DATABASE_FILE));
    let caught: unknown;
    try {
      openDatabase({ home: temp.home, migrationsFolder });
    } catch (error) {
      caught = error;
    }
    expect(isKeywardenError(caught, 'SCHEMA_TOO_NEW')).toBe(true);
    expect((caught as Error).message).toContain('newer version of Keywarden');
    expect(readFileSync(path.join(temp.home, DATABASE_FILE)).equals(before)).toBe(true);
  });

  it('reports a damaged database file and never overwrites it', () => {
    const file = path.join(temp.home, DATABASE_FILE);
    const garbage = Buffer.from('this is not a sqlite database, but it is somebody\'s file'.repeat(100));
    writeFileSync(file, garbage);
    let caught: unknown;
    try {
      openDatabase({ home: temp.home, migrationsFolder });
    } catch (error) {
      caught = error;
    }
    expect(isKeywardenError(caught, 'DATABASE_CORRUPT')).toBe(true);
    expect((caught as Error).message).toContain('left untouched');
    expect(readFileSync(file).equals(garbage)).toBe(true);
  });
});
