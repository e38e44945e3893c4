/**
 * One alert, several accounts (issue 19): one order per account through the gate with its own
 * limits, each exactly once (redelivery, recovery); percent sizing; reversals wait for the order
 * they reverse.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../app';
import { invokeChannel } from '../../api/handlers';
import { startFakeExchange, makeBinanceHmacKey, type FakeExchange } from '../../testing/fake-exchange';
import { TEST_PASSPHRASE, createTestCore, makeTempHome, databaseOf } from '../../testing/test-core';
import { alertBody, sendRaw } from '../../testing/webhook-test-kit';
import { GLOBAL_SCOPE, defaultGlobalLimits, writeLimits } from '../trading/risk-limits-store';

describe('one alert, several accounts', () => {
  let binance: FakeExchange;
  let temp: ReturnType<typeof makeTempHome>;
  let core: Core;
  let keys: ReturnType<typeof makeBinanceHmacKey>[];
  let ids: string[];
  let token: string;
  let baseUrl: string;

  beforeAll(async () => {
    binance = await startFakeExchange({ exchange: 'binance' });
  });
  afterAll(async () => {
    await binance.stop();
  });
  beforeEach(async (context) => {
    temp = makeTempHome();
    // Only the test of a reversal that never settles needs the wait cut short.
    const quickGiveUp = context.task.name.includes('never settles');
    core = createTestCore(temp.home, { exchangeUrlOverrides: { binance: binance.url }, exchangeTimeoutMs: 2000, ...(quickGiveUp ? { reversalWait: { timeoutMs: 300, pollMs: 50 } } : {}) });
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    core.vault.setAutoLockMinutes(0, 'ui');
    keys = [makeBinanceHmacKey(), makeBinanceHmacKey()];
    ids = [];
    for (const [n, key] of keys.entries()) {
      binance.addKey({ ...key, allowedIps: ['127.0.0.1'] });
      const id = (await core.credentials.create({ provider: 'binance', label: `acct${n}`, fields: key }, 'ui')).id;
      expect((await core.verifier.verify(id, 'ui')).outcome).toBe('ok');
      ids.push(id);
    }
    // Room for the orders below; the resting limit buy sits far from the market on purpose.
    writeLimits(databaseOf(core).db, GLOBAL_SCOPE, { ...defaultGlobalLimits, maxOrderNotionalUsd: null, maxDailyNotionalUsd: null, maxOpenExposureUsd: null, maxPriceDeviationPct: null }, Date.now(), core.integrity);
    const issued = core.webhook.createSource({ label: 'tv', scope: { accounts: ids, maxNotionalUsd: 1000 } }, 'ui');
    token = issued.oneTimeToken;
    baseUrl = (await core.webhook.start({ host: '127.0.0.1', port: 0 })).localUrl ?? '';
  });
  afterEach(async () => {
    await core.webhook.stop();
    core.close();
    temp.cleanup();
  });

  const post = (fields: Record<string, unknown>) => sendRaw(baseUrl, `/webhook/${token}`, { method: "POST", headers: { "content-type": "application/json" }, body: alertBody({ symbol: 'BTCUSDT', ...fields }, Date.now()) });
  const atExchange = (n: number) => binance.orders.filter((o) => o.apiKey === keys[n]?.apiKey);
  const events = () => core.webhook.events({ limit: 10 });

  it('places one order per account, each through its own limits, and a redelivery places nothing new', async () => {
    expect(await invokeChannel(core, 'limits.set', { scope: ids[1], maxOrderNotionalUsd: 20 }, { actor: 'ui' })).toMatchObject({ ok: true });
    const first = await post({ accounts: ['acct0', 'acct1'], id: 'a-1' });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ status: 'accepted', accounts: [{ account: ids[0] }, { account: ids[1] }] });
    await core.webhook.whenIdle();
    expect(atExchange(0)).toHaveLength(1);
    expect(atExchange(1)).toHaveLength(0);
    const [event] = events();
    expect(event).toMatchObject({ outcome: 'placed', accounts: [{ accountId: ids[0], outcome: 'placed' }, { accountId: ids[1], outcome: 'blocked', message: expect.stringContaining('20') }] });

    const again = await post({ accounts: ['acct0', 'acct1'], id: 'a-1' });
    expect(again.json).toMatchObject({ status: 'duplicate' });
    await core.webhook.whenIdle();
    expect(atExchange(0)).toHaveLength(1);
  });

  it('"account": "*" trades every account of the source; an unknown account in a list refuses the whole alert', async () => {
    await post({ account: '*', id: 'star' });
    await core.webhook.whenIdle();
    expect([atExchange(0).length, atExchange(1).length]).toEqual([1, 1]);
    const refused = await post({ accounts: ['acct0', 'nobody'], id: 'bad' });
    expect(refused.status).toBe(422);
    expect(refused.json.error?.message).toContain('Nothing was placed for any account');
    expect([atExchange(0).length, atExchange(1).length]).toEqual([1, 1]);
  });

  it('after a crash between accounts, recovery places only the missing account, once', async () => {
    const source = core.webhook.sources.list()[0];
    const alert = { accounts: ['acct0', 'acct1'], symbol: 'BTCUSDT', side: 'buy', type: 'market', amount: 0.001, unit: 'base', id: 'crash' };
    const eventKey = `webhook:${source?.id}:crash`;
    const eventId = Number(databaseOf(core).sqlite.prepare("INSERT INTO webhook_events (received_at, source_id, http_status, outcome, message, alert, idempotency_key) VALUES (?, ?, 200, 'accepted', 'Accepted; handed to trading.', ?, ?)")
      .run(Date.now(), source?.id, JSON.stringify(alert), eventKey).lastInsertRowid);
    // The first account's order was placed before the process died.
    await core.trading.place({ account: ids[0] ?? '', symbol: 'BTCUSDT', side: 'buy', amount: 0.001, idempotencyKey: `${eventKey}@${ids[0]}` }, { source: 'webhook', actor: 'webhook', webhookEventId: eventId });
    await core.webhook.stop();
    core.close();
    core = createTestCore(temp.home, { exchangeUrlOverrides: { binance: binance.url } });
    await core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'ui');
    await core.webhook.whenIdle();
    expect([atExchange(0).length, atExchange(1).length]).toEqual([1, 1]);
    expect(core.webhook.recoverUnsettled()).toEqual({ settled: 0, placed: 0, failed: 0 });
    expect(events().find((e) => e.id === eventId)).toMatchObject({ outcome: 'placed', accounts: [{ outcome: 'placed' }, { outcome: 'placed' }] });
  });

  it('sizes a percentage of the free balance, and refuses 0, 101 and words', async () => {
    binance.setPrice('BTC/USDT', 50_000);
    binance.setBalance(keys[0]?.apiKey ?? '', 'USDT', 1000);
    try {
      const intent = { account: ids[0] ?? '', symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: 50_000, amount: 50, amountUnit: 'percent' } as const;
      expect(await core.trading.preview(intent, { source: 'cli', actor: 'cli' })).toMatchObject({ amount: 0.01, notes: [expect.stringContaining('50% of the free 1000 USDT is 500 USDT')] });
      const placed = await core.trading.place(intent, { source: 'cli', actor: 'cli' });
      expect(placed.order).toMatchObject({ amount: 0.01, requestedAmount: 500, requestedUnit: 'quote', status: 'filled' });
      for (const amount of ['0', '101', 'abc']) {
        const reply = await post({ account: 'acct0', amount, unit: 'percent', id: `p-${amount}` });
        expect(reply.status).toBe(400);
        expect(reply.json.error?.message).toMatch(/amount/);
      }
    } finally {
      binance.setPrice('BTC/USDT', 65_000);
    }
  });

  it('a reversal waits until the market order before it is settled, then is placed after it', async () => {
    // A market buy whose answer is lost: done on the exchange, its fate unknown here.
    binance.failNext(1, 'lost-response', '/order');
    const lost = await core.trading.enqueue({ account: ids[0] ?? '', symbol: 'BTCUSDT', side: 'buy', amount: 0.001 }, { source: 'webhook', actor: 'webhook' });
    expect(lost.order.status).toBe('unknown');
    // The sell that reverses it asks the exchange about the buy first, and goes out only after it.
    const sold = await core.trading.enqueue({ account: ids[0] ?? '', symbol: 'BTCUSDT', side: 'sell', amount: 0.001 }, { source: 'webhook', actor: 'webhook' });
    expect(sold.order.status).toBe('filled');
    expect(core.trading.getOrder(lost.order.id).status).toBe('filled');
    expect(atExchange(0).map((o) => o.side)).toEqual(['buy', 'sell']);
  });

  it('a resting limit order does not hold up the next alert', async () => {
    const resting = await core.trading.enqueue({ account: ids[0] ?? '', symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: 40_000, amount: 0.001 }, { source: 'webhook', actor: 'webhook' });
    expect(resting.order.status).toBe('open');
    const sold = await core.trading.enqueue({ account: ids[0] ?? '', symbol: 'BTCUSDT', side: 'sell', amount: 0.001 }, { source: 'webhook', actor: 'webhook' });
    expect(sold.order.status).toBe('filled');
  });

  it('a reversal whose previous order never settles is refused with the reason, not placed', async () => {
    binance.failNext(1, 'lost-response', '/order');
    const lost = await core.trading.enqueue({ account: ids[0] ?? '', symbol: 'BTCUSDT', side: 'buy', amount: 0.001 }, { source: 'webhook', actor: 'webhook' });
    expect(lost.order.status).toBe('unknown');
    // Every look at the buy fails meanwhile: its fate stays unknown.
    binance.failNext(100, '5xx', '/order');
    const sell = await core.trading.enqueue({ account: ids[0] ?? '', symbol: 'BTCUSDT', side: 'sell', amount: 0.001 }, { source: 'webhook', actor: 'webhook' });
    expect(sell.order).toMatchObject({ status: 'rejected', errorCode: 'ORDER_NOT_SETTLED', message: expect.stringContaining(lost.order.id) });
    expect(atExchange(0).filter((o) => o.side === 'sell')).toHaveLength(0);
  });
});
