/**
 * Alerts that a crash left answered-but-unsettled: recovered at the next unlock, never lost, never
 * placed twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeExchange, makeBinanceHmacKey, type FakeExchange } from '../../testing/fake-exchange';
import { TEST_PASSPHRASE, createTestCore, makeTempHome } from '../../testing/test-core';

describe('webhook alerts unsettled by a crash', () => {
  let binance: FakeExchange;
  const temp = makeTempHome();
  const key = makeBinanceHmacKey();

  beforeAll(async () => {
    binance = await startFakeExchange({ exchange: 'binance' });
    binance.addKey({ ...key, allowedIps: ['127.0.0.1'] });
  });
  afterAll(async () => {
    await binance.stop();
    temp.cleanup();
  });

  it('settles from the recorded order, places fresh ones once, and marks old ones failed', async () => {
    const core = createTestCore(temp.home, { exchangeUrlOverrides: { binance: binance.url } });
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    await core.credentials.create({ provider: 'binance', label: 'main', fields: key }, 'ui');
    await core.verifier.verify('main', 'ui');
    const source = core.webhook.sources.create({ label: 'tv' }, 'ui').source;
    const alert = { account: 'main', symbol: 'BTCUSDT', side: 'buy', type: 'market', amount: 0.001, unit: 'base', price: 65000 };
    const insert = core.database.sqlite.prepare("INSERT INTO webhook_events (received_at, source_id, http_status, outcome, message, alert) VALUES (?, ?, 200, 'accepted', 'Accepted; handed to trading.', ?)");
    const now = Date.now();
    const fresh = Number(insert.run(now, source.id, JSON.stringify(alert)).lastInsertRowid);
    const old = Number(insert.run(now - 10 * 60_000, source.id, JSON.stringify(alert)).lastInsertRowid);
    // One whose order was recorded (and placed) before the crash, but the event not updated.
    const withOrder = Number(insert.run(now, source.id, JSON.stringify(alert)).lastInsertRowid);
    const placed = await core.trading.place({ ...{ account: 'main', symbol: 'BTCUSDT', side: 'buy', amount: 0.001, price: 65000 }, idempotencyKey: 'before-crash' }, { source: 'webhook', actor: 'webhook', webhookEventId: withOrder });
    core.close();

    const restarted = createTestCore(temp.home, { exchangeUrlOverrides: { binance: binance.url } });
    await restarted.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'ui');
    await restarted.webhook.whenIdle();
    const events = restarted.database.sqlite.prepare('SELECT id, outcome, order_id AS orderId, message FROM webhook_events ORDER BY id').all() as { id: number; outcome: string; orderId: string | null; message: string }[];
    const byId = new Map(events.map((e) => [e.id, e]));
    expect(byId.get(fresh)).toMatchObject({ outcome: 'placed', orderId: expect.any(String) });
    expect(byId.get(old)).toMatchObject({ outcome: 'failed', orderId: null, message: expect.stringContaining('too old to place now') });
    expect(byId.get(withOrder)).toMatchObject({ outcome: 'placed', orderId: placed.order.id });
    expect(binance.orders.filter((o) => o.apiKey === key.apiKey)).toHaveLength(2);
    // A second unlock finds nothing left to do.
    restarted.vault.lock('user', 'ui');
    await restarted.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'ui');
    expect(restarted.webhook.recoverUnsettled()).toEqual({ settled: 0, placed: 0, failed: 0 });
    expect(binance.orders.filter((o) => o.apiKey === key.apiKey)).toHaveLength(2);
    restarted.close();
  });
});
