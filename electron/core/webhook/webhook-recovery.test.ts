/**
 * Alerts that a crash left answered-but-unsettled: recovered at the next unlock, never lost, never
 * placed twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeExchange, makeBinanceHmacKey, type FakeExchange } from '../../testing/fake-exchange';
import { TEST_PASSPHRASE, createTestCore, makeTempHome, databaseOf } from '../../testing/test-core';
import { clientOrderIdFor } from '../trading/client-order-id';

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

  const alert = { account: 'main', symbol: 'BTCUSDT', side: 'buy', type: 'market', amount: 0.001, unit: 'base', price: 65000 };

  /** A vault in `home` with a verified Binance key "main" and an alert source. */
  async function vaultWithSource(home: string, fields: ReturnType<typeof makeBinanceHmacKey>) {
    const core = createTestCore(home, { exchangeUrlOverrides: { binance: binance.url } });
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    await core.credentials.create({ provider: 'binance', label: 'main', fields }, 'ui');
    await core.verifier.verify('main', 'ui');
    return { core, source: core.webhook.sources.create({ label: 'tv', scope: { accounts: ['main'], maxNotionalUsd: 1000 } }, 'ui').source };
  }

  /** An alert event left "accepted" with no order, as a crash or a power cut leaves it. */
  function acceptedEvent(core: Awaited<ReturnType<typeof vaultWithSource>>['core'], sourceId: string, receivedAt: number, idempotencyKey: string | null = null): number {
    return Number(databaseOf(core).sqlite.prepare("INSERT INTO webhook_events (received_at, source_id, http_status, outcome, message, alert, idempotency_key) VALUES (?, ?, 200, 'accepted', 'Accepted; handed to trading.', ?, ?)")
      .run(receivedAt, sourceId, JSON.stringify(alert), idempotencyKey).lastInsertRowid);
  }

  it('settles from the recorded order, places fresh ones once, and marks old ones failed', async () => {
    const { core, source } = await vaultWithSource(temp.home, key);
    const now = Date.now();
    // Events from before 0004 carry no order key.
    const fresh = acceptedEvent(core, source.id, now);
    const old = acceptedEvent(core, source.id, now - 10 * 60_000);
    // One whose order was recorded (and placed) before the crash, but the event not updated.
    const withOrder = acceptedEvent(core, source.id, now);
    const placed = await core.trading.place({ ...{ account: 'main', symbol: 'BTCUSDT', side: 'buy', amount: 0.001, price: 65000 }, idempotencyKey: 'before-crash' }, { source: 'webhook', actor: 'webhook', webhookEventId: withOrder });
    core.close();

    const restarted = createTestCore(temp.home, { exchangeUrlOverrides: { binance: binance.url } });
    await restarted.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'ui');
    await restarted.webhook.whenIdle();
    const events = databaseOf(restarted).sqlite.prepare('SELECT id, outcome, order_id AS orderId, message FROM webhook_events ORDER BY id').all() as { id: number; outcome: string; orderId: string | null; message: string }[];
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

  it('after a power cut undid an order\'s record, finds the order by its client order id instead of placing it again', async () => {
    const home = makeTempHome();
    const powerCutKey = makeBinanceHmacKey();
    binance.addKey({ ...powerCutKey, allowedIps: ['127.0.0.1'] });
    const atExchange = (key: string) => binance.orders.filter((o) => o.apiKey === powerCutKey.apiKey && o.clientOrderId === clientOrderIdFor(key));
    try {
      const { core, source } = await vaultWithSource(home.home, powerCutKey);
      const sentKey = `webhook:${source.id}:sent-then-lost`;
      const unsentKey = `webhook:${source.id}:never-sent`;
      const sent = acceptedEvent(core, source.id, Date.now(), sentKey);
      const unsent = acceptedEvent(core, source.id, Date.now(), unsentKey);
      // The order reached the exchange; then the power cut undid its unsynced record (the event's survived).
      const placed = await core.trading.place({ account: 'main', symbol: 'BTCUSDT', side: 'buy', amount: 0.001, price: 65000, idempotencyKey: sentKey }, { source: 'webhook', actor: 'webhook', webhookEventId: sent });
      expect(placed.order.status).toBe('filled');
      databaseOf(core).sqlite.prepare('DELETE FROM orders WHERE idempotency_key = ?').run(sentKey);
      expect(atExchange(sentKey)).toHaveLength(1);
      core.close();

      const restarted = createTestCore(home.home, { exchangeUrlOverrides: { binance: binance.url } });
      await restarted.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'ui');
      await restarted.webhook.whenIdle();
      expect(atExchange(sentKey)).toHaveLength(1);
      expect(atExchange(unsentKey)).toHaveLength(1);
      const rows = databaseOf(restarted).sqlite.prepare('SELECT idempotency_key AS k, status, exchange_order_id AS e, webhook_event_id AS eventId FROM orders ORDER BY created_at').all();
      expect(rows).toEqual([
        { k: sentKey, status: 'filled', e: atExchange(sentKey)[0]?.id, eventId: sent },
        { k: unsentKey, status: 'filled', e: atExchange(unsentKey)[0]?.id, eventId: unsent },
      ]);
      const events = databaseOf(restarted).sqlite.prepare('SELECT id, outcome FROM webhook_events WHERE id IN (?, ?) ORDER BY id').all(sent, unsent);
      expect(events).toEqual([{ id: sent, outcome: 'placed' }, { id: unsent, outcome: 'placed' }]);
      expect(restarted.audit.verify()).toMatchObject({ ok: true });
      restarted.close();
    } finally {
      home.cleanup();
    }
  });

  it('does not send a recovered alert while the exchange cannot say whether it already has it', async () => {
    const home = makeTempHome();
    const outageKey = makeBinanceHmacKey();
    binance.addKey({ ...outageKey, allowedIps: ['127.0.0.1'] });
    try {
      const { core, source } = await vaultWithSource(home.home, outageKey);
      const key = `webhook:${source.id}:during-outage`;
      acceptedEvent(core, source.id, Date.now(), key);
      core.close();

      const restarted = createTestCore(home.home, { exchangeUrlOverrides: { binance: binance.url } });
      try {
        // Markets load first; then the exchange fails the one question that matters: "do you have it?"
        await restarted.exchangeClients.publicClient('binance', 'live');
        binance.failNext(1, '5xx', '/order');
        await restarted.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'ui');
        await restarted.webhook.whenIdle();
        expect(binance.orders.filter((o) => o.apiKey === outageKey.apiKey)).toHaveLength(0);
        const order = databaseOf(restarted).sqlite.prepare('SELECT status, error_code AS code, message FROM orders WHERE idempotency_key = ?').get(key);
        expect(order).toMatchObject({ status: 'unknown', code: 'EXCHANGE_CHECK_FAILED', message: expect.stringContaining('was not sent') });
      } finally {
        restarted.close();
      }
    } finally {
      home.cleanup();
    }
  });
});
