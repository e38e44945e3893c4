/**
 * Accepted alerts keep their order's idempotency key (drizzle/0004): the duplicate check looks it up
 * by index, and recovery after a power cut finds the order by it. A database from before 0004 gets
 * the keys of the alerts that have orders, so their repeats are still refused after the upgrade.
 * Once a one-account alert's order holds the key, the event's copy goes (0019, issue 22's growth
 * per alert): the duplicate check finds the order by the same key first.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../store/database';
import { migrationsBefore } from '../../testing/older-migrations';
import { makeTempHome, migrationsFolder } from '../../testing/test-core';
import { WebhookEventLog, type WebhookEventRecord } from './webhook-event-log';

const NOW = Date.UTC(2026, 11, 1, 12);
const KEY = 'webhook:src1:alert-1';

function eventRecord(alertId: string): WebhookEventRecord {
  return { receivedAt: NOW, sourceId: 'src1', remoteAddress: '127.0.0.1', contentType: 'application/json', bodyHash: `hash-${alertId}`, alertId, httpStatus: 200, outcome: 'accepted', message: 'Accepted; handed to trading.', alert: null, idempotencyKey: null };
}

describe('the idempotency key on accepted alerts', () => {
  let temp: ReturnType<typeof makeTempHome>;
  beforeEach(() => {
    temp = makeTempHome();
  });
  afterEach(() => temp.cleanup());

  it('is backfilled from the orders when a database from before 0004 is upgraded, and the duplicate check finds it', () => {
    const home = path.join(temp.home, 'data');
    const before = openDatabase({ home, migrationsFolder: migrationsBefore(4, path.join(temp.home, 'drizzle-0003')) });
    before.sqlite.pragma('foreign_keys = OFF');
    const insertEvent = before.sqlite.prepare("INSERT INTO webhook_events (received_at, source_id, alert_id, http_status, outcome, message) VALUES (?, 'src1', ?, 200, ?, 'x')");
    const placed = Number(insertEvent.run(NOW - 3_600_000, 'alert-1', 'placed').lastInsertRowid);
    const refused = Number(insertEvent.run(NOW - 3_600_000, 'alert-2', 'stale').lastInsertRowid);
    // Cut off after its order was recorded, before it settled: recovery finds the order by its key.
    const waiting = Number(insertEvent.run(NOW - 3_600_000, 'alert-3', 'accepted').lastInsertRowid);
    const insertOrder = before.sqlite.prepare(`INSERT INTO orders (id, credential_id, source, idempotency_key, client_order_id, symbol, side, type, amount, requested_amount, requested_unit, notional_usd, paper, status, message, webhook_event_id, created_at, updated_at)
      VALUES (?, 'acct', 'webhook', ?, ?, 'BTC/USDT', 'buy', 'market', 0.001, 0.001, 'base', 65, 0, ?, 'x', ?, ?, ?)`);
    insertOrder.run('o1', KEY, 'kw-1', 'filled', placed, NOW, NOW);
    insertOrder.run('o3', 'webhook:src1:alert-3', 'kw-3', 'sending', waiting, NOW, NOW);
    before.close();

    const upgraded = openDatabase({ home, migrationsFolder: migrationsBefore(19, path.join(temp.home, 'drizzle-0018')) });
    try {
      // 0004, and every migration after it up to 0018.
      expect(upgraded.migration.applied).toBeGreaterThanOrEqual(1);
      const keys = upgraded.sqlite.prepare('SELECT id, idempotency_key AS key FROM webhook_events ORDER BY id').all();
      expect(keys).toEqual([{ id: placed, key: KEY }, { id: refused, key: null }, { id: waiting, key: 'webhook:src1:alert-3' }]);
    } finally {
      upgraded.close();
    }

    // 0019 (issue 22): the settled alert's key is held by its order, so the event's copy goes; the
    // repeat is still refused, found through the order.
    const after = openDatabase({ home, migrationsFolder });
    try {
      // The alert still waiting to settle keeps its key: recovery finds its order by it.
      expect(after.sqlite.prepare('SELECT id, idempotency_key AS key FROM webhook_events ORDER BY id').all()).toEqual([{ id: placed, key: null }, { id: refused, key: null }, { id: waiting, key: 'webhook:src1:alert-3' }]);
      // The check by key is an index look-up, not a scan of the events.
      const plan = after.sqlite.prepare('EXPLAIN QUERY PLAN SELECT id, order_id FROM webhook_events WHERE idempotency_key = ? ORDER BY id LIMIT 1').all('k') as { detail: string }[];
      expect(plan.map((step) => step.detail).join(' ')).toContain('USING INDEX webhook_events_idempotency_key_idx');
      const log = new WebhookEventLog(after);
      const repeat = log.acceptUnlessDuplicate(eventRecord('alert-1'), { sourceId: 'src1', idempotencyKey: KEY, alertId: 'alert-1', bodyHash: 'other', windowMs: 60_000 });
      expect(repeat).toEqual({ duplicateOf: { eventId: placed, orderId: 'o1' } });
    } finally {
      after.close();
    }
  });

  it('is stored with an accepted alert, so a repeat is refused before its order is recorded', () => {
    const database = openDatabase({ home: temp.home, migrationsFolder });
    try {
      const log = new WebhookEventLog(database);
      const check = { sourceId: 'src1', idempotencyKey: KEY, alertId: 'alert-1', bodyHash: 'hash-alert-1', windowMs: 60_000 };
      const first = log.acceptUnlessDuplicate({ ...eventRecord('alert-1'), idempotencyKey: KEY }, check);
      expect(first).toEqual({ accepted: expect.any(Number) });
      const eventId = 'accepted' in first ? first.accepted : -1;
      expect(database.sqlite.prepare('SELECT idempotency_key AS key FROM webhook_events WHERE id = ?').get(eventId)).toEqual({ key: KEY });
      // A day later it is still the same alert (the check by alert id used to forget after a day).
      const later = { ...eventRecord('alert-1'), receivedAt: NOW + 2 * 86_400_000, idempotencyKey: KEY };
      expect(log.acceptUnlessDuplicate(later, check)).toEqual({ duplicateOf: { eventId, orderId: null } });
      // Settled without an order (refused before one was recorded): the event keeps its key, a repeat is still caught.
      log.settle(eventId, { outcome: 'failed', message: 'x', orderId: null });
      expect(log.acceptUnlessDuplicate(later, check)).toEqual({ duplicateOf: { eventId, orderId: null } });
      // Another alert id is another alert.
      expect(log.acceptUnlessDuplicate({ ...eventRecord('alert-2'), idempotencyKey: 'webhook:src1:alert-2' }, { ...check, idempotencyKey: 'webhook:src1:alert-2', alertId: 'alert-2' })).toEqual({ accepted: expect.any(Number) });
    } finally {
      database.close();
    }
  });
});
