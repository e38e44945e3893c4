/**
 * The risk gate's per-minute count (issue 22) must cost O(limit), not O(orders in the window): it
 * reads `recent_sent_orders` (the orders sent in the ten minutes before the newest, kept by triggers)
 * and stops at the limit. Checked by what SQLite plans (the index, searched by range), by the capped
 * answer and against a full scan of the orders through random changes, never by timing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../store/database';
import path from 'node:path';
import { migrationsBefore } from '../../testing/older-migrations';
import { seededRandom } from '../../testing/fake-exchange/faults';
import { makeTempHome, migrationsFolder } from '../../testing/test-core';
import { listOrdersQuery, ordersSentSince, SENT_SINCE_SQL } from './order-store';
import { readUsage } from './risk-limits-store';

const NOW = Date.UTC(2026, 10, 20, 12);
/** An order as the tests make it: one market buy of 1 BTC valued at $10, its id as its keys. */
const INSERT_ORDER = `
  INSERT INTO orders (id, credential_id, source, idempotency_key, client_order_id, symbol, side, type, amount, requested_amount,
    requested_unit, notional_usd, paper, status, message, filled_amount, created_at, updated_at)
  VALUES (@id, @credentialId, 'webhook', @id, @id, 'BTC/USDT', 'buy', 'market', 1, 1, 'base', 10, @paper, @status, '', 0, @createdAt, @createdAt)`;

describe('orders sent in the last minute', () => {
  let temp: ReturnType<typeof makeTempHome>;
  let database: OpenedDatabase;

  beforeEach(() => {
    temp = makeTempHome('keywarden-sent-count-');
    database = openDatabase({ home: temp.home, migrationsFolder });
    // The orders name accounts that need not exist here.
    database.sqlite.pragma('foreign_keys = OFF');
    const insert = database.sqlite.prepare(INSERT_ORDER);
    const statuses = ['blocked', 'rejected', 'sending', 'open', 'filled', 'failed'];
    database.sqlite.transaction(() => {
      for (let n = 0; n < 3000; n += 1) {
        insert.run({ id: `o${n}`, credentialId: n % 3 === 0 ? 'acct-a' : 'acct-b', paper: n % 5 === 0 ? 1 : 0, status: statuses[n % statuses.length], createdAt: NOW - 120_000 + (n % 120) * 1000 });
      }
    })();
  });
  afterEach(() => {
    database.close();
    temp.cleanup();
  });

  function scanned(credentialId: string | null, paper: boolean): number {
    return (database.sqlite.prepare(`SELECT COUNT(*) AS n FROM orders WHERE created_at > ? AND paper = ? AND status NOT IN ('blocked','rejected') AND (? IS NULL OR credential_id = ?)`)
      .get(NOW - 60_000, paper ? 1 : 0, credentialId, credentialId) as { n: number }).n;
  }

  it('counts exactly what a full scan counts, up to the cap', () => {
    for (const credentialId of [null, 'acct-a', 'acct-b', 'acct-c']) {
      for (const paper of [false, true]) {
        const all = scanned(credentialId, paper);
        expect(ordersSentSince(database, { credentialId, paper }, NOW - 60_000, Number.MAX_SAFE_INTEGER)).toBe(all);
        expect(ordersSentSince(database, { credentialId, paper }, NOW - 60_000, 10)).toBe(Math.min(10, all));
        expect(ordersSentSince(database, { credentialId, paper }, NOW - 60_000, 0)).toBe(0);
        // The gate passes the limit; a display of usage (true) counts them all.
        expect(readUsage(database, credentialId, paper, NOW, { perMinute: 7 }).ordersLastMinute).toBe(Math.min(7, all));
        expect(readUsage(database, credentialId, paper, NOW, { perMinute: true }).ordersLastMinute).toBe(all);
        expect(readUsage(database, credentialId, paper, NOW, { perMinute: null }).ordersLastMinute).toBe(0);
      }
    }
    expect(scanned(null, false)).toBeGreaterThan(500);
  });

  it('reads only the recent sent orders, by an index range, and stops at the limit', () => {
    for (const [name, text] of Object.entries(SENT_SINCE_SQL)) {
      const plan = (database.sqlite.prepare(`EXPLAIN QUERY PLAN ${text}`).all({ paper: 0, credentialId: 'acct-a', since: NOW - 60_000, cap: 5 }) as { detail: string }[]).map((row) => row.detail).join(' | ');
      expect(plan, name).toMatch(name === 'all' ? /SEARCH recent_sent_orders USING (COVERING )?INDEX recent_sent_orders_created_idx \(paper=\? AND created_at>\?\)/ : /SEARCH recent_sent_orders USING (COVERING )?INDEX recent_sent_orders_credential_created_idx \(credential_id=\? AND paper=\? AND created_at>\?\)/);
      expect(plan, name).not.toMatch(/SCAN (recent_sent_orders|orders)/);
      expect(text).toMatch(/LIMIT @cap\)$/);
    }
    // Blocked and rejected orders are not in the table at all: the rows it holds are sent ones only.
    const held = (database.sqlite.prepare('SELECT COUNT(*) AS n FROM recent_sent_orders').get() as { n: number }).n;
    const sent = (database.sqlite.prepare(`SELECT COUNT(*) AS n FROM orders WHERE status NOT IN ('blocked','rejected')`).get() as { n: number }).n;
    expect(held).toBe(sent);
    expect(held).toBeLessThan(3000);
  });

  it('stays exact through orders made in time order (the clock sometimes stepping back), status changes and deletes, and forgets what is older than ten minutes', () => {
    database.sqlite.prepare('DELETE FROM orders').run();
    expect(database.sqlite.prepare('SELECT COUNT(*) AS n FROM recent_sent_orders').get()).toEqual({ n: 0 });
    const random = seededRandom(22);
    const statuses = ['blocked', 'rejected', 'sending', 'open', 'filled', 'canceled', 'failed', 'unknown'];
    const insert = database.sqlite.prepare(INSERT_ORDER);
    let now = NOW;
    let made = 0;
    for (let step = 1; step <= 6000; step += 1) {
      const roll = random();
      // Mostly a few hundred ms apart; now and then a burst, a long pause, or the clock stepping back up to 30 s.
      now += roll < 0.02 ? -Math.floor(random() * 30_000) : roll < 0.05 ? Math.floor(random() * 300_000) : Math.floor(random() * 400);
      const action = random();
      if (action < 0.6 || made === 0) {
        insert.run({ id: `r${made}`, credentialId: random() < 0.5 ? 'acct-a' : 'acct-b', paper: random() < 0.2 ? 1 : 0, status: statuses[Math.floor(random() * statuses.length)], createdAt: now });
        made += 1;
      } else if (action < 0.95) {
        // The exchange's answer, a rejection after sending, a reconcile: any status to any other, old orders too.
        database.sqlite.prepare('UPDATE orders SET status = ? WHERE id = ?').run(statuses[Math.floor(random() * statuses.length)], `r${Math.floor(random() * made)}`);
      } else {
        database.sqlite.prepare('DELETE FROM orders WHERE id = ?').run(`r${Math.floor(random() * made)}`);
      }
      if (step % 100 === 0) {
        for (const credentialId of [null, 'acct-a', 'acct-b']) {
          for (const paper of [false, true]) {
            const scan = (database.sqlite.prepare(`SELECT COUNT(*) AS n FROM orders WHERE created_at > ? AND paper = ? AND status NOT IN ('blocked','rejected') AND (? IS NULL OR credential_id = ?)`)
              .get(now - 60_000, paper ? 1 : 0, credentialId, credentialId) as { n: number }).n;
            expect(ordersSentSince(database, { credentialId, paper }, now - 60_000, Number.MAX_SAFE_INTEGER), `step ${step} ${credentialId ?? 'all'} paper=${paper}`).toBe(scan);
          }
        }
      }
    }
    const heldAtEnd = (database.sqlite.prepare('SELECT COUNT(*) AS n FROM recent_sent_orders').get() as { n: number }).n;
    // Old orders whose status changed may come back for a while; orders made in time order go after ten minutes.
    database.sqlite.prepare('DELETE FROM orders').run();
    for (let second = 0; second < 1800; second += 1) insert.run({ id: `t${second}`, credentialId: 'acct-a', paper: 0, status: 'filled', createdAt: now + second * 1000 });
    expect(database.sqlite.prepare('SELECT COUNT(*) AS n FROM recent_sent_orders').get()).toEqual({ n: 601 });
    // What it held above was a few minutes of orders, not the history.
    expect(made).toBeGreaterThan(3000);
    expect(heldAtEnd).toBeLessThan(made / 3);
  });

  it('counts the orders a database already had when it is upgraded from before the table existed', () => {
    const home = path.join(temp.home, 'older');
    const before = openDatabase({ home, migrationsFolder: migrationsBefore(21, path.join(temp.home, 'drizzle-0020')) });
    before.sqlite.pragma('foreign_keys = OFF');
    const insert = before.sqlite.prepare(INSERT_ORDER);
    // An hour of history, then the last minute: two sent, one blocked.
    insert.run({ id: 'old', credentialId: 'acct-a', paper: 0, status: 'filled', createdAt: NOW - 3_600_000 });
    insert.run({ id: 'a', credentialId: 'acct-a', paper: 0, status: 'filled', createdAt: NOW - 30_000 });
    insert.run({ id: 'b', credentialId: 'acct-a', paper: 0, status: 'open', createdAt: NOW - 10_000 });
    insert.run({ id: 'c', credentialId: 'acct-a', paper: 0, status: 'blocked', createdAt: NOW - 5_000 });
    before.close();
    const after = openDatabase({ home, migrationsFolder });
    try {
      expect(ordersSentSince(after, { credentialId: null, paper: false }, NOW - 60_000, 100)).toBe(2);
      expect(ordersSentSince(after, { credentialId: 'acct-a', paper: false }, NOW - 60_000, 100)).toBe(2);
      // Only the last ten minutes were carried over: the hour-old order is history.
      expect(after.sqlite.prepare('SELECT order_id AS id FROM recent_sent_orders ORDER BY created_at').all()).toEqual([{ id: 'a' }, { id: 'b' }]);
    } finally {
      after.close();
    }
  });

  it('finds orders still in play (reconcile, open orders) in a partial index that holds only those', () => {
    const plan = (statuses: Parameters<typeof listOrdersQuery>[1]['statuses']) => {
      const { sql, params } = listOrdersQuery(database.db, { statuses, limit: 1000 }).toSQL();
      return (database.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((row) => row.detail).join(' | ');
    };
    for (const statuses of [['sending', 'unknown'], ['open'], ['sending', 'open', 'unknown']] as const) expect(plan(statuses)).toMatch(/SEARCH orders USING INDEX orders_unsettled_idx/);
    // A settled status is not in the index: the query must not use it (it would miss rows).
    expect(plan(['filled'])).not.toMatch(/orders_unsettled_idx/);
    const indexed = (database.sqlite.prepare("SELECT COUNT(*) AS n FROM orders INDEXED BY orders_unsettled_idx WHERE status IN ('sending','open','unknown')").get() as { n: number }).n;
    expect(indexed).toBe((database.sqlite.prepare("SELECT COUNT(*) AS n FROM orders WHERE status IN ('sending', 'open', 'unknown')").get() as { n: number }).n);
  });
});
