/**
 * Issue 22: what an order reads from the exchange before its decision (the market's price and the
 * free balance it spends) is asked at once, and the MACs of the limits and the kill switch are
 * remembered per key; neither may weaken a refusal. Against the offline fake exchange.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseOf } from '../../testing/test-core';
import { useVerifiedKeyFixture } from '../../testing/verified-key-fixture';
import { GLOBAL_SCOPE, defaultGlobalLimits, readGlobalLimits, writeLimits } from './risk-limits-store';
import { rememberedMacMatches } from './remembered-mac';
import { rowMac } from '../integrity/row-integrity';
import type { OrderIntent, PlacementContext } from './trading-schema';

const manual: PlacementContext = { source: 'manual', actor: 'ui' };
const uncapped = { ...defaultGlobalLimits, maxOrderNotionalUsd: null, maxDailyNotionalUsd: null };

describe('order reads', () => {
  const fixture = useVerifiedKeyFixture({ label: 'main', exchangeTimeoutMs: 1500 });
  beforeEach(() => {
    writeLimits(databaseOf(fixture.core).db, GLOBAL_SCOPE, uncapped, fixture.clock.now(), fixture.core.integrity);
    fixture.binance.resetRequests();
  });
  afterEach(() => fixture.binance.setPrice('BTC/USDT', 65000));

  const place = async (overrides: Partial<OrderIntent> = {}) => (await fixture.core.trading.place({ account: 'main', symbol: 'BTC/USDT', side: 'buy', amount: 0.001, ...overrides }, manual)).order;
  const asked = (suffix: string) => fixture.binance.requests.filter((r) => r.path.endsWith(suffix)).length;
  const orderPosts = () => fixture.binance.requests.filter((r) => r.path.endsWith('/order') && r.method === 'POST');

  it('asks for the price and the balance together: a price that cannot be read still sends nothing', async () => {
    fixture.binance.failNext(1, 'drop', '/ticker/24hr');
    const order = await place();
    expect(order).toMatchObject({ status: 'rejected' });
    expect(order.message).toMatch(/nothing was sent/i);
    // Asked one after the other, the failed price would have stopped the balance from being asked.
    expect(asked('/account')).toBe(1);
    expect(orderPosts()).toHaveLength(0);
  });

  it('refuses once, sending nothing, when the price and the balance both fail', async () => {
    fixture.binance.failNext(1, '5xx', '/ticker/24hr');
    fixture.binance.failNext(1, '5xx', '/account');
    const order = await place({ side: 'sell', amount: 0.01 });
    expect(order.status).toBe('rejected');
    expect(order.message).toMatch(/nothing was sent/i);
    expect(orderPosts()).toHaveLength(0);
    // The next order reads both afresh and goes through.
    expect((await place()).status).toBe('filled');
  });

  it('reads the balance fresh for every order: a balance that went away refuses the next sell', async () => {
    expect((await place({ side: 'sell', amount: 0.1 })).status).toBe('filled');
    fixture.binance.setBalance(fixture.key.apiKey, 'BTC', 0);
    const refused = await place({ side: 'sell', amount: 0.1 });
    expect(refused).toMatchObject({ status: 'blocked', blockedBy: 'insufficient-balance' });
    expect(asked('/account')).toBe(2);
  });

  it('refuses a limit price far from the market read for this very order', async () => {
    writeLimits(databaseOf(fixture.core).db, GLOBAL_SCOPE, { ...uncapped, maxPriceDeviationPct: 5 }, fixture.clock.now(), fixture.core.integrity);
    expect((await place({ type: 'limit', price: 64000 })).status).toMatch(/open|filled/);
    fixture.binance.setPrice('BTC/USDT', 80000);
    const refused = await place({ type: 'limit', price: 64000 });
    expect(refused.status).toBe('blocked');
    expect(orderPosts()).toHaveLength(1);
  });

  describe('remembered MACs', () => {
    it('still finds limits changed in SQL after they were read and verified', async () => {
      const { core, clock } = fixture;
      const { db, sqlite } = databaseOf(core);
      writeLimits(db, GLOBAL_SCOPE, { ...uncapped, maxOrderNotionalUsd: 100 }, clock.now(), core.integrity);
      expect(readGlobalLimits(db, core.integrity).maxOrderNotionalUsd).toBe(100);
      expect(readGlobalLimits(db, core.integrity).maxOrderNotionalUsd).toBe(100);
      sqlite.prepare('UPDATE risk_limits SET max_order_notional_usd = NULL WHERE scope = ?').run(GLOBAL_SCOPE);
      // Taken as absent (the defaults), and the alarm pauses trading.
      expect(readGlobalLimits(db, core.integrity)).toEqual(defaultGlobalLimits);
      await new Promise((resolve) => setImmediate(resolve));
      expect(core.integrity.alarms()).toContainEqual(expect.objectContaining({ table: 'risk_limits', key: GLOBAL_SCOPE }));
      const order = await place();
      expect(order.status).toBe('blocked');
      expect(orderPosts()).toHaveLength(0);
    });

    it('answers a verified row from memory only under the key it was verified with, and never a mismatch', () => {
      const first = Buffer.alloc(32, 1);
      const second = Buffer.alloc(32, 2);
      const fields = { value: { paused: false } };
      const mac = rowMac(first, 'settings', 'pause', fields);
      expect(rememberedMacMatches(first, 'settings', 'pause', fields, mac)).toBe(true);
      expect(rememberedMacMatches(first, 'settings', 'pause', fields, mac)).toBe(true);
      expect(rememberedMacMatches(second, 'settings', 'pause', fields, mac)).toBe(false);
      expect(rememberedMacMatches(first, 'settings', 'pause', { value: { paused: true } }, mac)).toBe(false);
      expect(rememberedMacMatches(first, 'settings', 'other', fields, mac)).toBe(false);
      expect(rememberedMacMatches(first, 'settings', 'pause', fields, `${mac.slice(0, -1)}0`)).toBe(mac.endsWith('0'));
      expect(rememberedMacMatches(first, 'settings', 'pause', fields, null)).toBe(false);
    });
  });
});
