/**
 * Issue 22: what an order reads from the exchange before its decision (the market's price and the
 * free balance it spends) is asked at once, and the MACs of the limits and the kill switch are
 * remembered per key; neither may weaken a refusal. Against the offline fake exchange.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { databaseOf } from '../../testing/test-core';
import { useVerifiedKeyFixture } from '../../testing/verified-key-fixture';
import { GLOBAL_SCOPE, defaultGlobalLimits, readGlobalLimits, writeLimits } from './risk-limits-store';
import type { OrderIntent, PlacementContext } from './trading-schema';
import { BALANCE_POLICY } from './balance-ledger';
import { QUOTE_POLICY } from './recent-quotes';

const manual: PlacementContext = { source: 'manual', actor: 'ui' };
const uncapped = { ...defaultGlobalLimits, maxOrderNotionalUsd: null, maxDailyNotionalUsd: null };

describe('order reads', () => {
  const fixture = useVerifiedKeyFixture({ label: 'main', exchangeTimeoutMs: 1500 });
  beforeEach(() => {
    // Every test starts with nothing recent: the price and balance of the test before are too old.
    fixture.clock.advance(60_000);
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
    // The next order, once the failed reads are too old to share, reads both afresh and goes through.
    fixture.clock.advance(BALANCE_POLICY.maxAgeMs + 1);
    expect((await place()).status).toBe('filled');
  });

  describe('a recent price and balance (recent-reading.ts)', () => {
    const pastBalanceAge = () => fixture.clock.advance(BALANCE_POLICY.maxAgeMs + 1);
    const pastPriceAge = () => fixture.clock.advance(QUOTE_POLICY.maxAgeMs + 1);

    it('decides on a balance at most 1.5 s old, less what its own orders took since; older, it asks again', async () => {
      expect((await place({ side: 'sell', amount: 0.3 })).status).toBe('filled');
      expect(asked('/account')).toBe(1);
      // 0.5 BTC read, 0.3 sold since: 0.2 left, whatever the exchange says this instant.
      const over = await place({ side: 'sell', amount: 0.25 });
      expect(over).toMatchObject({ status: 'blocked', blockedBy: 'insufficient-balance' });
      expect(asked('/account')).toBe(2); // short: asked again before refusing, and the exchange agrees (0.2)
      expect((await place({ side: 'sell', amount: 0.2 })).status).toBe('filled');
      expect(asked('/account')).toBe(2);
      fixture.binance.setBalance(fixture.key.apiKey, 'BTC', 0.5);
      pastBalanceAge();
      expect((await place({ side: 'sell', amount: 0.4 })).status).toBe('filled');
      expect(asked('/account')).toBe(3);
    });

    it('never uses a balance older than 1.5 s: one that went away refuses the next sell', async () => {
      expect((await place({ side: 'sell', amount: 0.1 })).status).toBe('filled');
      fixture.binance.setBalance(fixture.key.apiKey, 'BTC', 0);
      pastBalanceAge();
      const refused = await place({ side: 'sell', amount: 0.1 });
      expect(refused).toMatchObject({ status: 'blocked', blockedBy: 'insufficient-balance' });
      expect(refused.message).toBe('This sells 0.1 BTC, but "main" has 0 BTC free.');
      expect(orderPosts()).toHaveLength(1);
    });

    it('asks again before refusing: a balance that grew since it was read lets the order through', async () => {
      fixture.binance.setBalance(fixture.key.apiKey, 'USDT', 20);
      expect((await place()).status).toBe('blocked');
      fixture.binance.setBalance(fixture.key.apiKey, 'USDT', 10000);
      expect((await place()).status).toBe('filled');
      expect(asked('/account')).toBe(3);
    });

    it('two orders decided together cannot both spend the same coins', async () => {
      fixture.binance.setBalance(fixture.key.apiKey, 'USDT', 100);
      fixture.binance.setLatency(40);
      try {
        // Each fits the 100 USDT; together they do not. Keywarden refuses the second before sending it.
        const [first, second] = (await Promise.all([place(), place({ symbol: 'ETH/USDT', amount: 0.02 })])).map((order) => order);
        const statuses = [first?.status, second?.status].sort();
        expect(statuses).toEqual(['blocked', 'filled']);
        expect([first, second].find((order) => order?.status === 'blocked')).toMatchObject({ blockedBy: 'insufficient-balance' });
        expect(orderPosts()).toHaveLength(1);
      } finally {
        fixture.binance.setLatency(0);
        fixture.binance.setBalance(fixture.key.apiKey, 'USDT', 10000);
      }
    });

    it('leaves the last word to the exchange: coins gone in the last moment are refused there', async () => {
      expect((await place()).status).toBe('filled');
      fixture.binance.setBalance(fixture.key.apiKey, 'USDT', 1);
      const refused = await place();
      expect(refused).toMatchObject({ status: 'failed', errorCode: 'INSUFFICIENT_BALANCE' });
      expect(refused.message).toBe('Not enough balance on Binance for this BTC/USDT order.');
      fixture.binance.setBalance(fixture.key.apiKey, 'USDT', 10000);
    });

    it('a percentage is a share of the balance asked for that order, less what is under way', async () => {
      expect((await place()).status).toBe('filled');
      fixture.binance.setBalance(fixture.key.apiKey, 'BTC', 0.4);
      const sold = await place({ side: 'sell', amount: 50, amountUnit: 'percent' });
      expect(sold).toMatchObject({ status: 'filled', amount: 0.2 });
      expect(asked('/account')).toBe(2);
      fixture.binance.setBalance(fixture.key.apiKey, 'BTC', 0.5);
    });

    it('reads again in the background once a balance is older than 0.5 s, without a second read under way', async () => {
      expect((await place()).status).toBe('filled');
      fixture.clock.advance(BALANCE_POLICY.refreshAfterMs + 1);
      expect((await place()).status).toBe('filled');
      await vi.waitFor(() => expect(asked('/account')).toBe(2));
      expect((await place()).status).toBe('filled');
      expect(asked('/account')).toBe(2);
    });

    it('refuses a limit price far from a market price at most 1 s old', async () => {
      writeLimits(databaseOf(fixture.core).db, GLOBAL_SCOPE, { ...uncapped, maxPriceDeviationPct: 5 }, fixture.clock.now(), fixture.core.integrity);
      expect((await place({ type: 'limit', price: 64000 })).status).toMatch(/open|filled/);
      expect((await place({ type: 'limit', price: 64000 })).status).toMatch(/open|filled/);
      expect(asked('/ticker/24hr')).toBe(1);
      fixture.binance.setPrice('BTC/USDT', 80000);
      pastPriceAge();
      const refused = await place({ type: 'limit', price: 64000 });
      expect(refused.status).toBe('blocked');
      expect(refused.blockedBy).toBe('price-band');
      expect(asked('/ticker/24hr')).toBe(2);
      expect(orderPosts()).toHaveLength(2);
    });
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

    it('still finds a key changed in SQL after orders read and verified it', async () => {
      const { core, accountId } = fixture;
      expect((await place()).status).toBe('filled');
      expect((await place()).status).toBe('filled');
      // Exactly the change an attacker would make: the key's accepted permissions, without a new MAC.
      databaseOf(core).sqlite.prepare('UPDATE credentials SET accepted_permissions = ? WHERE id = ?').run('["spot","withdraw"]', accountId);
      expect((await place()).status).toBe('blocked');
      expect(core.integrity.alarms()).toContainEqual(expect.objectContaining({ table: 'credentials', key: accountId }));
      expect(orderPosts()).toHaveLength(2);
    });
  });
});
