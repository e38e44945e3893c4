/**
 * An order's client order id is derived from its idempotency key (client-order-id.ts), so it is not
 * stored a second time (issue 22's growth per alert): only an id that is not derived (a Polymarket
 * order's hash) is. Every order still reads with the id it was sent with, and a database from before
 * keeps its stored ids, its usage totals and its triggers through the table's rebuild (drizzle/0022).
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../store/database';
import { migrationsBefore } from '../../testing/older-migrations';
import { makeBinanceHmacKey } from '../../testing/fake-exchange';
import { TEST_PASSPHRASE, createTestCore, databaseOf, makeTempHome, migrationsFolder } from '../../testing/test-core';
import { clientOrderIdFor } from './client-order-id';
import { findOrder, insertOrder, insertOrderIfNew } from './order-store';
import { readUsage } from './risk-limits-store';

const NOW = Date.UTC(2026, 11, 1, 12);

function orderRow(id: string, idempotencyKey: string, clientOrderId: string) {
  return {
    id, credentialId: '', source: 'webhook' as const, idempotencyKey, clientOrderId, symbol: 'BTC/USDT', side: 'buy' as const, type: 'market' as const,
    amount: 0.001, requestedAmount: 0.001, requestedUnit: 'base' as const, notionalUsd: 65, paper: false, status: 'sending' as const, message: 'Sending.', createdAt: NOW, updatedAt: NOW,
  };
}

describe('the client order id', () => {
  let temp: ReturnType<typeof makeTempHome>;
  beforeEach(() => {
    temp = makeTempHome();
  });
  afterEach(() => temp.cleanup());

  it('is stored only when it is not the one derived from the idempotency key, and reads the same either way', async () => {
    const core = createTestCore(temp.home);
    try {
      await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'system');
      const { id: credentialId } = await core.credentials.create({ provider: 'binance', label: 'main', fields: makeBinanceHmacKey() }, 'system');
      const { db, sqlite } = databaseOf(core);
      const derived = clientOrderIdFor('webhook:s1:a1');
      insertOrder(db, { ...orderRow('o1', 'webhook:s1:a1', derived), credentialId });
      insertOrderIfNew(db, { ...orderRow('o2', 'webhook:s1:a2', '0xpolymarket-order-hash'), credentialId });
      // A refused intent recorded again with the same key is still not a second order.
      insertOrderIfNew(db, { ...orderRow('o3', 'webhook:s1:a1', derived), credentialId });
      const stored = sqlite.prepare('SELECT id, client_order_id AS c FROM orders ORDER BY id').all();
      expect(stored).toEqual([{ id: 'o1', c: null }, { id: 'o2', c: '0xpolymarket-order-hash' }]);
      expect(findOrder(db, 'o1')?.clientOrderId).toBe(derived);
      expect(derived).toMatch(/^kw-[A-Za-z0-9]{28}$/);
      expect(findOrder(db, 'o2')?.clientOrderId).toBe('0xpolymarket-order-hash');
    } finally {
      core.close();
    }
  });

  it('of orders stored before is kept through the upgrade, and the usage triggers still count orders after it', () => {
    const home = path.join(temp.home, 'data');
    const before = openDatabase({ home, migrationsFolder: migrationsBefore(22, path.join(temp.home, 'drizzle-0021')) });
    before.sqlite.pragma('foreign_keys = OFF');
    const insert = before.sqlite.prepare(`
      INSERT INTO orders (id, credential_id, source, idempotency_key, client_order_id, symbol, side, type, amount, requested_amount,
        requested_unit, notional_usd, paper, status, message, filled_amount, created_at, updated_at)
      VALUES (@id, 'acct-a', 'webhook', @key, @client, 'BTC/USDT', 'buy', 'market', 1, 1, 'base', 100, 0, 'sending', '', 0, @createdAt, @createdAt)`);
    insert.run({ id: 'old', key: 'k-old', client: clientOrderIdFor('k-old'), createdAt: NOW - 10_000 });
    const beforeUsage = readUsage(before, 'acct-a', false, NOW);
    before.close();

    // The order names an account that is not there: the rebuild copies it anyway (foreign key checks
    // are off around migrations, as SQLite's procedure says) and the checks are back on afterwards.
    const after = openDatabase({ home, migrationsFolder });
    try {
      expect(after.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      after.sqlite.pragma('foreign_keys = OFF');
      expect(after.sqlite.prepare("SELECT client_order_id AS c FROM orders WHERE id = 'old'").get()).toEqual({ c: clientOrderIdFor('k-old') });
      expect(readUsage(after, 'acct-a', false, NOW)).toEqual(beforeUsage);
      expect(beforeUsage).toMatchObject({ dailyNotionalUsd: 100, ordersLastMinute: 1 });
      // Every trigger came back with the rebuilt table: a new order and a fill move the totals.
      const triggers = (after.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'orders' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
      expect(triggers).toEqual(['orders_recent_sent_after_delete', 'orders_recent_sent_after_insert', 'orders_recent_sent_after_update', 'orders_usage_after_delete', 'orders_usage_after_insert', 'orders_usage_after_update']);
      after.sqlite.prepare(`
        INSERT INTO orders (id, credential_id, source, idempotency_key, symbol, side, type, amount, requested_amount,
          requested_unit, notional_usd, paper, status, message, filled_amount, created_at, updated_at)
        VALUES ('new', 'acct-a', 'webhook', 'k-new', 'BTC/USDT', 'buy', 'market', 1, 1, 'base', 50, 0, 'sending', '', 0, ?, ?)`).run(NOW - 5_000, NOW - 5_000);
      expect(readUsage(after, 'acct-a', false, NOW)).toMatchObject({ dailyNotionalUsd: 150, ordersLastMinute: 2 });
      after.sqlite.prepare("UPDATE orders SET status = 'rejected' WHERE id = 'new'").run();
      expect(readUsage(after, 'acct-a', false, NOW)).toMatchObject({ dailyNotionalUsd: 100, ordersLastMinute: 1 });
    } finally {
      after.close();
    }
  });
});
