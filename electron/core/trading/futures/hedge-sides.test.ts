/**
 * A hedge account holding both sides of one symbol: reduce-only orders and the position limit are
 * checked against the side the order meets, not the net (long 0.01 and short 0.01 net to 0, which
 * refused a valid close). Real core, temp SQLite, real ccxt, the fake Binance USDⓈ-M.
 */
import { describe, expect, it } from 'vitest';
import { databaseOf } from '../../../testing/test-core';
import { useVerifiedKeyFixture } from '../../../testing/verified-key-fixture';
import { GLOBAL_SCOPE, defaultGlobalLimits, writeLimits } from '../risk-limits-store';
import type { OrderIntent, PlacementContext, RiskLimits } from '../trading-schema';
import { positionMet } from './position-slot';

const manual: PlacementContext = { source: 'manual', actor: 'ui' };
const open: RiskLimits = { ...defaultGlobalLimits, maxOrderNotionalUsd: null, maxDailyNotionalUsd: null, maxLeverage: null };

describe('the position an order meets', () => {
  it('is the net in one-way mode and one side in hedge mode', () => {
    const both = { long: 2, short: 3 };
    expect(positionMet(both, 'one-way', 'sell', true)).toBe(-1);
    expect(positionMet(both, 'hedge', 'sell', true)).toBe(2);
    expect(positionMet(both, 'hedge', 'buy', true)).toBe(-3);
    expect(positionMet(both, 'hedge', 'buy', false)).toBe(2);
    expect(positionMet(both, 'hedge', 'sell', false)).toBe(-3);
    expect(positionMet({ long: 0, short: 0 }, 'hedge', 'sell', true)).toBe(0);
  });
});

describe('hedge account holding both sides', () => {
  const fixture = useVerifiedKeyFixture({ label: 'main' });
  const setLimits = (limits: Partial<RiskLimits>) => writeLimits(databaseOf(fixture.core).db, GLOBAL_SCOPE, { ...open, ...limits }, fixture.clock.now(), fixture.core.integrity);
  const intent = (overrides: Partial<OrderIntent> = {}): OrderIntent => ({ account: 'main', symbol: 'BTCUSDT.P', side: 'buy', amount: 0.01, ...overrides });
  const held = () => fixture.binance.futures.positionsOf(fixture.key.apiKey, 'BTC/USDT').filter((p) => p.amount !== 0).map((p) => [p.side, p.amount]);
  const hedgeBoth = () => {
    fixture.binance.futures.setHedged(fixture.key.apiKey, true);
    fixture.binance.futures.setPosition(fixture.key.apiKey, 'BTC/USDT', 'long', 0.01, 65000);
    fixture.binance.futures.setPosition(fixture.key.apiKey, 'BTC/USDT', 'short', 0.02, 65000);
  };

  it('reduces each side by its own size, refuses more than that side holds, and sends nothing then', async () => {
    setLimits({});
    hedgeBoth();
    const tooMuch = await fixture.core.trading.place(intent({ side: 'sell', amount: 0.02, reduceOnly: true }), manual);
    expect(tooMuch.order).toMatchObject({ status: 'rejected', errorCode: 'INVALID_INPUT' });
    expect(tooMuch.order.message).toContain('0.01');
    const sold = await fixture.core.trading.place(intent({ side: 'sell', amount: 0.01, reduceOnly: true }), manual);
    expect(sold.order).toMatchObject({ status: 'filled', positionSide: 'long' });
    const noLong = await fixture.core.trading.place(intent({ side: 'sell', amount: 0.001, reduceOnly: true }), manual);
    expect(noLong.order).toMatchObject({ status: 'rejected', errorCode: 'NO_POSITION' });
    expect(noLong.order.message).toContain('no BTC/USDT:USDT long position');
    const bought = await fixture.core.trading.place(intent({ side: 'buy', amount: 0.015, reduceOnly: true }), manual);
    expect(bought.order).toMatchObject({ status: 'filled', positionSide: 'short' });
    expect(held()).toEqual([['short', 0.005]]);
  });

  it('values an opening order against its own side for the position limit', async () => {
    hedgeBoth();
    // Long side: 0.01 + 0.01 = 1,300 USD, under 1,500. Short side: 0.02 + 0.01 = 1,950 USD, over it.
    setLimits({ maxPositionNotionalUsd: 1500 });
    expect((await fixture.core.trading.place(intent(), manual)).order.status).toBe('filled');
    const shortMore = await fixture.core.trading.place(intent({ side: 'sell' }), manual);
    expect(shortMore.order).toMatchObject({ status: 'blocked', blockedBy: 'max-position' });
  });

  it('a close of one side closes that side whole', async () => {
    setLimits({});
    hedgeBoth();
    const closed = await fixture.core.trading.place(intent({ side: 'sell', closePosition: true }), manual);
    expect(closed.order).toMatchObject({ status: 'filled', side: 'sell', amount: 0.01, reduceOnly: true });
    expect(held()).toEqual([['short', 0.02]]);
  });
});
