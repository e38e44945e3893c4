/**
 * Perpetual futures through the real core (temp SQLite, the risk gate, the orders table) and real
 * ccxt against the fake Binance USDⓈ-M: each order kind in each position mode, limits counted at
 * full value, leverage and position caps, paper mode, and a crash between record and send
 * reconciled exactly once.
 */
import { describe, expect, it } from 'vitest';
import { databaseOf } from '../../../testing/test-core';
import { useVerifiedKeyFixture } from '../../../testing/verified-key-fixture';
import { GLOBAL_SCOPE, defaultGlobalLimits, writeLimits } from '../risk-limits-store';
import { RECOVERY_MAX_AGE_MS } from '../trading';
import type { OrderIntent, PlacementContext, RiskLimits } from '../trading-schema';
import { insertOrder } from '../order-store';
import { clientOrderIdFor } from '../client-order-id';

const manual: PlacementContext = { source: 'manual', actor: 'ui' };
const open: RiskLimits = { ...defaultGlobalLimits, maxOrderNotionalUsd: null, maxDailyNotionalUsd: null, maxLeverage: null };

describe('perpetual futures through the core', () => {
  const fixture = useVerifiedKeyFixture({ label: 'main' });
  const setLimits = (limits: Partial<RiskLimits>) => writeLimits(databaseOf(fixture.core).db, GLOBAL_SCOPE, { ...open, ...limits }, fixture.clock.now(), fixture.core.integrity);
  const intent = (overrides: Partial<OrderIntent> = {}): OrderIntent => ({ account: 'main', symbol: 'BTCUSDT.P', side: 'buy', amount: 0.01, ...overrides });
  const posts = () => fixture.binance.requests.filter((r) => r.method === 'POST' && r.path === '/fapi/v1/order' && r.apiKey === fixture.key.apiKey);
  const held = () => fixture.binance.futures.positionsOf(fixture.key.apiKey, 'BTC/USDT').filter((p) => p.amount !== 0).map((p) => [p.side, p.amount]);

  describe.each(['one-way', 'hedge'] as const)('%s mode', (mode) => {
    const prepare = () => {
      setLimits({});
      if (mode === 'hedge') fixture.binance.futures.setHedged(fixture.key.apiKey, true);
    };

    it('market open, limit resting, reduce-only partial close: recorded as linear, sent with the right position side', async () => {
      prepare();
      const opened = await fixture.core.trading.place(intent({ symbol: 'BINANCE:BTCUSDT.P' }), manual);
      expect(opened.order).toMatchObject({ status: 'filled', symbol: 'BTC/USDT:USDT', marketType: 'linear', reduceOnly: false, filledAmount: 0.01 });
      // Full value: 0.01 × 65,000 at any leverage.
      expect(opened.order.notionalUsd).toBeCloseTo(650, 0);
      const resting = await fixture.core.trading.place(intent({ type: 'limit', price: 60000 }), manual);
      expect(resting.order.status).toBe('open');
      const reduced = await fixture.core.trading.place(intent({ side: 'sell', amount: 0.004, reduceOnly: true }), manual);
      expect(reduced.order).toMatchObject({ status: 'filled', reduceOnly: true, positionSide: mode === 'hedge' ? 'long' : 'both' });
      expect(held()).toEqual([[mode === 'hedge' ? 'long' : 'both', 0.006]]);
      expect(posts().map((r) => r.errorCode)).toEqual([undefined, undefined, undefined]);
      expect(posts().map((r) => r.params['positionSide'] ?? 'BOTH')).toEqual(mode === 'hedge' ? ['LONG', 'LONG', 'LONG'] : ['BOTH', 'BOTH', 'BOTH']);
      expect(posts().map((r) => r.params['newClientOrderId'])).toEqual([opened.order.clientOrderId, resting.order.clientOrderId, reduced.order.clientOrderId]);
      const canceled = await fixture.core.trading.cancel(resting.order.id, 'ui');
      expect(canceled.status).toBe('canceled');
    });

    it('a reduce-only with nothing to reduce, or more than is held, sends nothing and says why', async () => {
      prepare();
      const none = await fixture.core.trading.place(intent({ side: 'sell', reduceOnly: true }), manual);
      expect(none.order).toMatchObject({ status: 'rejected', errorCode: 'NO_POSITION' });
      await fixture.core.trading.place(intent(), manual);
      const tooMuch = await fixture.core.trading.place(intent({ side: 'sell', amount: 0.02, reduceOnly: true }), manual);
      expect(tooMuch.order).toMatchObject({ status: 'rejected', errorCode: 'INVALID_INPUT' });
      expect(posts()).toHaveLength(1);
    });
  });

  it('a mode switched on the exchange since it was read: -4061 once, re-read, one order placed', async () => {
    setLimits({});
    await fixture.core.trading.place(intent(), manual);
    await fixture.core.trading.place(intent({ side: 'sell', reduceOnly: true }), manual);
    fixture.binance.futures.setHedged(fixture.key.apiKey, true);
    const placed = await fixture.core.trading.place(intent(), manual);
    expect(placed.order.status).toBe('filled');
    expect(posts().map((r) => r.errorCode)).toEqual([undefined, undefined, -4061, undefined]);
    expect(fixture.binance.futuresOrders.filter((o) => o.clientOrderId === placed.order.clientOrderId)).toHaveLength(1);
  });

  it('refuses an order while the exchange leverage is above the limit, and a position past its cap; a close always passes', async () => {
    setLimits({ maxLeverage: 5 });
    const overLeveraged = await fixture.core.trading.place(intent(), manual);
    expect(overLeveraged.order).toMatchObject({ status: 'blocked', blockedBy: 'max-leverage' });
    expect(overLeveraged.order.message).toMatch(/20x.*5x/);
    fixture.binance.futures.setLeverage(fixture.key.apiKey, 'BTC/USDT', 5);
    setLimits({ maxLeverage: 5, maxPositionNotionalUsd: 1000 });
    expect((await fixture.core.trading.place(intent(), manual)).order.status).toBe('filled');
    const beyond = await fixture.core.trading.place(intent(), manual);
    expect(beyond.order).toMatchObject({ status: 'blocked', blockedBy: 'max-position' });
    setLimits({ maxLeverage: 5, maxPositionNotionalUsd: 1000, maxOrderNotionalUsd: 10, maxDailyNotionalUsd: 10 });
    expect((await fixture.core.trading.place(intent({ side: 'sell', reduceOnly: true }), manual)).order.status).toBe('filled');
    expect(held()).toEqual([]);
  });

  it('counts full value against the per-order limit (leverage does not shrink it)', async () => {
    setLimits({ maxOrderNotionalUsd: 100 });
    const order = await fixture.core.trading.place(intent({ amount: 0.002 }), manual);
    expect(order.order).toMatchObject({ status: 'blocked', blockedBy: 'max-order-notional' });
    expect(posts()).toHaveLength(0);
  });

  it('sizes quote and percent amounts, and refuses worst-case amounts before anything is sent', async () => {
    setLimits({});
    const quote = await fixture.core.trading.place(intent({ amount: 650, amountUnit: 'quote' }), manual);
    expect(quote.order).toMatchObject({ status: 'filled', amount: 0.01 });
    const percent = await fixture.core.trading.place(intent({ amount: 1, amountUnit: 'percent' }), manual);
    // 1% of the free margin (10,000 USDT less what the first position ties up) as full value, not multiplied by leverage.
    expect(percent.order.status).toBe('filled');
    expect(percent.order.amount * 65000).toBeLessThanOrEqual(100);
    const tiny = await fixture.core.trading.place(intent({ amount: 0.0000001 }), manual);
    expect(tiny.order).toMatchObject({ status: 'rejected', errorCode: 'ORDER_TOO_SMALL' });
    for (const amount of [-1, 0, Number.POSITIVE_INFINITY]) await expect(fixture.core.trading.place(intent({ amount }), manual)).rejects.toThrow(/amount/);
    const coinMargined = await fixture.core.trading.place(intent({ symbol: 'BTCUSD.P' }), manual);
    expect(coinMargined.order).toMatchObject({ status: 'rejected', errorCode: 'FUTURES_NOT_SUPPORTED' });
    await expect(fixture.core.trading.place(intent({ symbol: 'BTC/USDT', reduceOnly: true }), manual)).rejects.toThrow(/perpetual/);
  });

  it('paper mode fills and tracks a position without calling the exchange', async () => {
    setLimits({ paperMode: true });
    const before = fixture.binance.privateRequestCount();
    const opened = await fixture.core.trading.place(intent(), manual);
    expect(opened.order).toMatchObject({ status: 'filled', paper: true, marketType: 'linear' });
    const closed = await fixture.core.trading.place(intent({ side: 'sell', reduceOnly: true }), manual);
    expect(closed.order).toMatchObject({ status: 'filled', paper: true });
    const again = await fixture.core.trading.place(intent({ side: 'sell', reduceOnly: true }), manual);
    expect(again.order).toMatchObject({ status: 'rejected', errorCode: 'NO_POSITION' });
    expect(fixture.binance.privateRequestCount()).toBe(before);
  });

  it('an order recorded but not sent before a crash is sent exactly once by reconcile, as a futures order', async () => {
    setLimits({});
    const db = databaseOf(fixture.core).db;
    const now = fixture.clock.now();
    const clientOrderId = clientOrderIdFor('crash-1');
    insertOrder(db, {
      id: 'ocrashfut01', credentialId: fixture.accountId, source: 'manual', idempotencyKey: 'crash-1', clientOrderId, symbol: 'BTC/USDT:USDT', side: 'buy', type: 'market',
      amount: 0.01, requestedAmount: 0.01, requestedUnit: 'base', price: null, notionalUsd: 650, usdPerQuote: 1, paper: false, status: 'sending', message: 'Allowed.',
      marketType: 'linear', reduceOnly: false, createdAt: now, updatedAt: now,
    });
    const first = await fixture.core.trading.reconcile('system');
    const second = await fixture.core.trading.reconcile('system');
    expect(first.placed).toBe(1);
    expect(second.placed).toBe(0);
    expect(fixture.binance.futuresOrders.filter((o) => o.clientOrderId === clientOrderId)).toHaveLength(1);
    expect(fixture.core.trading.getOrder('ocrashfut01')).toMatchObject({ status: 'filled', marketType: 'linear' });
    expect(RECOVERY_MAX_AGE_MS).toBeGreaterThan(0);
  });
});
