/**
 * Webhook event retention and space (issue 22): pruning deletes exactly the events past their keep
 * time (never an alert still waiting to settle), the freed pages go back to the file (incremental
 * vacuum; an older file converted once by a full VACUUM, its rows intact), and crash recovery reads
 * only unsettled alerts through their partial index.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../store/database';
import { makeTempHome, migrationsFolder } from '../../testing/test-core';
import { reclaimSpace, type EventRetention } from './event-retention';
import { webhookEvents } from '../store/schema';
import { WebhookEventLog, UNSETTLED } from './webhook-event-log';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 20, 12);
const OUTCOMES = ['accepted', 'placed', 'blocked', 'rejected', 'failed', 'duplicate', 'malformed', 'stale', 'test', 'unauthorized'] as const;

describe('webhook event retention', () => {
  let temp: ReturnType<typeof makeTempHome>;
  let database: OpenedDatabase;

  beforeEach(() => {
    temp = makeTempHome('keywarden-retention-');
    database = openDatabase({ home: temp.home, migrationsFolder });
  });
  afterEach(() => {
    database.close();
    temp.cleanup();
  });

  function insertEvents(ageDays: readonly number[], padding = 0): void {
    const insert = database.sqlite.prepare("INSERT INTO webhook_events (received_at, source_id, http_status, outcome, message, alert) VALUES (?, 'src', 200, ?, ?, NULL)");
    database.sqlite.transaction(() => {
      for (const age of ageDays) for (const outcome of OUTCOMES) insert.run(NOW - age * DAY, outcome, `${outcome} ${'x'.repeat(padding)}`);
    })();
  }

  function pruneWebhookEvents(_sqlite: unknown, now: number, retention: EventRetention): number {
    const log = new WebhookEventLog(database);
    try {
      return log.prune(now, retention);
    } finally {
      log.close();
    }
  }

  const remaining = () => database.sqlite.prepare('SELECT outcome, (? - received_at) / 86400000 AS age FROM webhook_events ORDER BY id').all(NOW) as { outcome: string; age: number }[];

  it('deletes exactly the events past their keep time, and never an alert still waiting to settle', () => {
    insertEvents([0, 6, 8, 89, 91, 400]);
    const removed = pruneWebhookEvents(database.sqlite, NOW, { keepAcceptedDays: 90, keepRefusedDays: 7 });
    const handedOn = ['placed', 'blocked', 'rejected', 'failed'];
    const expected = [0, 6, 8, 89, 91, 400].flatMap((age) =>
      OUTCOMES.filter((outcome) => outcome === 'accepted' || (handedOn.includes(outcome) ? age < 90 : age < 7)).map((outcome) => ({ outcome, age })),
    );
    expect(remaining()).toEqual(expected);
    expect(removed).toBe(OUTCOMES.length * 6 - expected.length);
    // The person's own choice: a day for both.
    pruneWebhookEvents(database.sqlite, NOW, { keepAcceptedDays: 1, keepRefusedDays: 1 });
    expect(remaining().filter((row) => row.outcome !== 'accepted').every((row) => row.age < 1)).toBe(true);
    expect(remaining().filter((row) => row.outcome === 'accepted')).toHaveLength(6);
  });

  it('prunes through the event log with the retention settings, refusal counts too', () => {
    const log = new WebhookEventLog(database);
    insertEvents([0, 10]);
    database.sqlite.prepare("INSERT INTO webhook_refusal_counts (hour, reason, remote_address, count, last_at) VALUES (1, 'unauthorized', '203.0.113.9', 5, ?), (2, 'unauthorized', '203.0.113.9', 5, ?)").run(NOW - 10 * DAY, NOW - DAY);
    log.prune(NOW, { keepAcceptedDays: 90, keepRefusedDays: 7 });
    expect(remaining().filter((row) => row.age >= 7).map((row) => row.outcome).sort()).toEqual(['accepted', 'blocked', 'failed', 'placed', 'rejected']);
    expect(database.sqlite.prepare('SELECT hour FROM webhook_refusal_counts').all()).toEqual([{ hour: 2 }]);
    log.close();
  });

  const fileBytes = () => {
    database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    return statSync(path.join(temp.home, database.sqlite.name.split(path.sep).pop() ?? '')).size;
  };

  it('gives the deleted pages back to the file (a new file is in incremental mode)', () => {
    expect(database.sqlite.pragma('auto_vacuum', { simple: true })).toBe(2);
    insertEvents(Array.from({ length: 200 }, (_, n) => 30 + n), 400);
    const full = fileBytes();
    pruneWebhookEvents(database.sqlite, NOW, { keepAcceptedDays: 1, keepRefusedDays: 1 });
    expect(reclaimSpace(database.sqlite, { allowFullVacuum: false })).toBe('incremental');
    expect(fileBytes()).toBeLessThan(full / 2);
    expect(reclaimSpace(database.sqlite, { allowFullVacuum: false })).toBe('skipped');
  });

  it('converts an older file once, by a full VACUUM only when allowed, keeping every row', () => {
    // An older file: made without auto-vacuum.
    database.sqlite.pragma('auto_vacuum = NONE');
    database.sqlite.exec('VACUUM');
    expect(database.sqlite.pragma('auto_vacuum', { simple: true })).toBe(0);
    insertEvents(Array.from({ length: 200 }, (_, n) => 30 + n), 400);
    const full = fileBytes();
    pruneWebhookEvents(database.sqlite, NOW, { keepAcceptedDays: 1, keepRefusedDays: 1 });
    const kept = remaining();
    expect(reclaimSpace(database.sqlite, { allowFullVacuum: false })).toBe('skipped');
    expect(fileBytes()).toBe(full);
    // Never inside a transaction.
    expect(database.sqlite.transaction(() => reclaimSpace(database.sqlite, { allowFullVacuum: true }))()).toBe('skipped');
    expect(reclaimSpace(database.sqlite, { allowFullVacuum: true })).toBe('converted');
    expect(database.sqlite.pragma('auto_vacuum', { simple: true })).toBe(2);
    expect(fileBytes()).toBeLessThan(full / 2);
    expect(remaining()).toEqual(kept);
  });

  it('reads only unsettled alerts at recovery, through their partial index', () => {
    insertEvents([0, 1, 2]);
    database.sqlite.prepare("UPDATE webhook_events SET order_id = 'o1' WHERE id = (SELECT MIN(id) FROM webhook_events WHERE outcome = 'accepted')").run();
    const log = new WebhookEventLog(database);
    expect(log.unsettledAlerts()).toHaveLength(2);
    // The very condition the log uses, planned by SQLite: a search of the partial index, no scan of the history.
    const { sql: text, params } = database.db.select({ id: webhookEvents.id }).from(webhookEvents).where(UNSETTLED).orderBy(webhookEvents.id).toSQL();
    const plan = (database.sqlite.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...params) as { detail: string }[]).map((row) => row.detail).join(' | ');
    expect(plan).toMatch(/USING (COVERING )?INDEX webhook_events_unsettled_idx/);
    expect(plan).not.toMatch(/SCAN webhook_events(?! USING)/);
    log.close();
  });
});
