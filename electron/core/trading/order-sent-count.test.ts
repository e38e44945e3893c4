/**
 * The risk gate's per-minute count (issue 22) must cost O(limit), not O(orders in the window): it
 * reads a partial index of sent orders and stops at the limit. Checked by what SQLite plans (the
 * index, searched by range, no blocked or rejected row in it) and by the capped answer, never by timing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../store/database';
import { makeTempHome, migrationsFolder } from '../../testing/test-core';
import { listOrdersQuery, ordersSentSince, SENT_SINCE_SQL } from './order-store';
import { readUsage } from './risk-limits-store';

const NOW = Date.UTC(2026, 10, 20, 12);

describe('orders sent in the last minute', () => {
  let temp: ReturnType<typeof makeTempHome>;
  let database: OpenedDatabase;

  beforeEach(() => {
    temp = makeTempHome('keywarden-sent-count-');
    database = openDatabase({ home: temp.home, migrationsFolder });
    // The orders name accounts that need not exist here.
    database.sqlite.pragma('foreign_keys = OFF');
    const insert = database.sqlite.prepare(`
      INSERT INTO orders (id, credential_id, source, idempotency_key, client_order_id, symbol, side, type, amount, requested_amount,
        requested_unit, notional_usd, paper, status, message, filled_amount, created_at, updated_at)
      VALUES (@id, @credentialId, 'webhook', @id, @id, 'BTC/USDT', 'buy', 'market', 1, 1, 'base', 10, @paper, @status, '', 0, @createdAt, @createdAt)`);
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

  it('reads only the partial index of sent orders, by range, and stops at the limit', () => {
    for (const [name, text] of Object.entries(SENT_SINCE_SQL)) {
      const plan = (database.sqlite.prepare(`EXPLAIN QUERY PLAN ${text}`).all({ paper: 0, credentialId: 'acct-a', since: NOW - 60_000, cap: 5 }) as { detail: string }[]).map((row) => row.detail).join(' | ');
      expect(plan, name).toMatch(name === 'all' ? /SEARCH orders USING (COVERING )?INDEX orders_sent_created_idx \(paper=\? AND created_at>\?\)/ : /SEARCH orders USING (COVERING )?INDEX orders_sent_credential_created_idx \(credential_id=\? AND paper=\? AND created_at>\?\)/);
      expect(plan, name).not.toMatch(/SCAN orders/);
      expect(text).toMatch(/LIMIT @cap\)$/);
    }
    // Blocked and rejected orders are not in the index at all: rows of the window it holds are sent ones only.
    const indexed = (database.sqlite.prepare(`SELECT COUNT(*) AS n FROM orders INDEXED BY orders_sent_created_idx WHERE paper = 0 AND created_at > 0 AND status NOT IN ('blocked','rejected')`).get() as { n: number }).n;
    const sent = (database.sqlite.prepare(`SELECT COUNT(*) AS n FROM orders WHERE paper = 0 AND status NOT IN ('blocked','rejected')`).get() as { n: number }).n;
    expect(indexed).toBe(sent);
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
