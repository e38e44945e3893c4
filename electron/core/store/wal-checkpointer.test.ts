/**
 * The WAL checkpointer: a worker copies the WAL into the database file while the main connection
 * keeps writing (the main connection alone would not, below its safety net), close waits for it so
 * the main connection's close still removes the WAL, and a worker that cannot run hands checkpoints
 * back to the main connection.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeTempHome, migrationsFolder } from '../../testing/test-core';
import { DATABASE_FILE, openDatabase, type OpenedDatabase } from './database';
import { DEFAULT_CHECKPOINT_PAGES, SAFETY_NET_PAGES, WORKER_CHECKPOINT_PAGES, WalCheckpointer } from './wal-checkpointer';

/** Writes about `pages` pages into the WAL, in commits of 50 rows. */
function writePages(database: OpenedDatabase, pages: number): void {
  const insert = database.sqlite.prepare("INSERT INTO settings (key, value, updated_at) VALUES (?, ?, 0)");
  const filler = JSON.stringify('x'.repeat(3000));
  for (let batch = 0; batch < pages / 50; batch += 1) {
    database.sqlite.transaction(() => {
      for (let row = 0; row < 50; row += 1) insert.run(`filler-${batch}-${row}`, filler);
    })();
  }
}

describe('WalCheckpointer', () => {
  let temp: ReturnType<typeof makeTempHome>;
  beforeEach(() => {
    temp = makeTempHome();
  });
  afterEach(() => temp.cleanup());

  it('copies the WAL into the database file from its own thread while the connection stays open', async () => {
    const database = openDatabase({ home: temp.home, migrationsFolder });
    const dbFile = path.join(temp.home, DATABASE_FILE);
    try {
      // The main connection would checkpoint by itself only past the safety net.
      expect(database.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(SAFETY_NET_PAGES);
      const before = statSync(dbFile).size;
      writePages(database, WORKER_CHECKPOINT_PAGES * 1.5);
      // The background tick starts the worker once the WAL is half-way; the worker then checkpoints.
      await vi.waitFor(() => expect(statSync(dbFile).size).toBeGreaterThan(before + WORKER_CHECKPOINT_PAGES * 4096), { timeout: 10_000, interval: 50 });
      expect(database.sqlite.prepare("SELECT count(*) AS n FROM settings WHERE key LIKE 'filler-%'").get()).toEqual({ n: WORKER_CHECKPOINT_PAGES * 1.5 });
    } finally {
      database.close();
    }
    // The worker closed its connection first, so the main one was the last: WAL checkpointed and removed.
    expect(existsSync(`${dbFile}-wal`)).toBe(false);
    const reopened = openDatabase({ home: temp.home, migrationsFolder });
    expect(reopened.sqlite.prepare("SELECT count(*) AS n FROM settings WHERE key LIKE 'filler-%'").get()).toEqual({ n: WORKER_CHECKPOINT_PAGES * 1.5 });
    reopened.close();
  });

  it('hands checkpoints back to the main connection when the worker cannot run', async () => {
    const database = openDatabase({ home: temp.home, migrationsFolder });
    try {
      const checkpointer = new WalCheckpointer({ sqlite: database.sqlite, file: database.file, modulePath: path.join(temp.home, 'no-such-module.js') });
      expect(database.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(SAFETY_NET_PAGES);
      checkpointer.start();
      await vi.waitFor(() => expect(database.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(DEFAULT_CHECKPOINT_PAGES), { timeout: 10_000, interval: 20 });
      expect(checkpointer.running).toBe(false);
      // Not started again, and stopping a failed one returns at once.
      checkpointer.start();
      expect(checkpointer.running).toBe(false);
      checkpointer.stop();
    } finally {
      database.close();
    }
  });
});
