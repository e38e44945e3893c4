/**
 * Personal trading against the offline fake exchanges: placement through real ccxt, the risk gate's
 * every rule, paper mode, idempotency, failures, reconciliation and panic.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../app';
import { isKeywardenError } from '../errors';
import { startFakeExchange, makeBinanceHmacKey, makeBybitKey, type FakeExchange, type TestKey } from '../../testing/fake-exchange';
import { ManualClock, TEST_PASSPHRASE, createTestCore, makeTempHome, databaseOf } from '../../testing/test-core';
import { deleteLimits, readUsage, writeLimits, GLOBAL_SCOPE, defaultGlobalLimits, noAccountLimits } from './risk-limits-store';
import { RECOVERY_MAX_AGE_MS } from './trading';
import { BALANCE_POLICY } from './balance-ledger';
import type { OrderIntent, PlacementContext, RiskLimits } from './trading-schema';

const manual: PlacementContext = { source: 'manual', actor: 'ui' };
/** The defaults without the dollar caps, so a test of another rule is not stopped by them (they have a test of their own). */
const uncapped: RiskLimits = { ...defaultGlobalLimits, maxOrderNotionalUsd: null, maxDailyNotionalUsd: null };
/** The fake exchange's BTC/USDT: last 65,000, bid and ask one tick (0.01) either side. */
const ASK = 65000.01;

describe('trading', () => {
  let binance: FakeExchange;
  let bybit: FakeExchange;
  let temp: ReturnType<typeof makeTempHome>;
  let core: Core;
  let clock: ManualClock;
  let key: TestKey;
  let accountId: string;

  beforeAll(async () => {
    binance = await startFakeExchange({ exchange: 'binance' });
    bybit = await startFakeExchange({ exchange: 'bybit' });
  });
  afterAll(async () => {
    await binance.stop();
    await bybit.stop();
  });
  beforeEach(async () => {
    temp = makeTempHome();
    clock = new ManualClock(Date.now());
    core = createTestCore(temp.home, { clock, exchangeUrlOverrides: { binance: binance.url, bybit: bybit.url }, exchangeTimeoutMs: 1500 });
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    core.vault.setAutoLockMinutes(0, 'ui');
    key = makeBinanceHmacKey();
    binance.addKey({ ...key, allowedIps: ['127.0.0.1'] });
    accountId = (await core.credentials.create({ provider: 'binance', label: 'main', fields: key }, 'ui')).id;
    await core.verifier.verify(accountId, 'ui');
    writeLimits(databaseOf(core).db, GLOBAL_SCOPE, uncapped, clock.now(), core.integrity);
    binance.resetRequests();
  });
  afterEach(() => {
    core.close();
    temp.cleanup();
    binance.setFaults({});
    binance.setLatency(0);
    binance.setPrice('BTC/USDT', 65000);
  });

  const intent = (overrides: Partial<OrderIntent> = {}): OrderIntent => ({ account: 'main', symbol: 'BTC/USDT', side: 'buy', amount: 0.001, ...overrides });
  const ordersAtExchange = () => binance.orders.filter((o) => o.apiKey === key.apiKey);
  const setLimits = (limits: Partial<RiskLimits>, scope = GLOBAL_SCOPE) => writeLimits(databaseOf(core).db, scope, { ...(scope === GLOBAL_SCOPE ? uncapped : noAccountLimits), ...limits }, clock.now(), core.integrity);
  const orderPosts = () => binance.requests.filter((r) => r.path.endsWith('/order') && r.method === 'POST');

  describe('placement', () => {
    it('places one correctly signed market order with its client order id recorded before sending', async () => {
      const { order, duplicate } = await core.trading.place(intent(), manual);
      expect(duplicate).toBe(false);
      expect(order).toMatchObject({ status: 'filled', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: 0.001, filledAmount: 0.001, paper: false, source: 'manual', blockedBy: null });
      // Valued at the ask, what a market buy pays.
      expect(order.notionalUsd).toBeCloseTo(0.001 * ASK, 8);
      const [placed] = ordersAtExchange();
      expect(ordersAtExchange()).toHaveLength(1);
      expect(placed).toMatchObject({ symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: 0.001, clientOrderId: order.clientOrderId });
      expect(order.exchangeOrderId).toBe(placed?.id);
      expect(binance.requests.filter((r) => r.path.endsWith('/order') && r.method === 'POST').every((r) => r.authenticated)).toBe(true);
      expect(core.credentials.get(accountId).useCount).toBeGreaterThanOrEqual(2);
      expect(core.audit.list({ limit: 5 }).map((r) => r.action)).toEqual(expect.arrayContaining(['order.place', 'order.result']));
    });

    it('accepts the symbol forms TradingView sends, and refuses futures and unknown markets', async () => {
      for (const [symbol, n] of [['BTCUSDT', 1], ['BINANCE:BTCUSDT', 2], ['btc/usdt', 3]] as const) {
        const { order } = await core.trading.place(intent({ symbol }), manual);
        expect(order.symbol).toBe('BTC/USDT');
        expect(ordersAtExchange()).toHaveLength(n);
      }
      // Perpetuals trade on the futures market now (futures/futures-trading.test.ts); coin-margined ones are refused.
      const futures = (await core.trading.place(intent({ symbol: 'BTCUSD.P' }), manual)).order;
      expect(futures).toMatchObject({ status: 'rejected', errorCode: 'FUTURES_NOT_SUPPORTED' });
      expect(futures.message).toContain('coin-margined');
      const unknown = (await core.trading.place(intent({ symbol: 'DOGEUSDT' }), manual)).order;
      expect(unknown).toMatchObject({ status: 'rejected', errorCode: 'INVALID_SYMBOL' });
      expect(ordersAtExchange()).toHaveLength(3);
    });

    it('spends an amount of quote currency exactly (Binance quoteOrderQty)', async () => {
      const { order } = await core.trading.place(intent({ amount: 50, amountUnit: 'quote' }), manual);
      expect(order.status).toBe('filled');
      expect(order.notionalUsd).toBeCloseTo(50, 5);
      expect(ordersAtExchange()[0]?.quoteAmount).toBe(50);
    });

    it('rounds to the market precision and refuses orders below its minimums before sending', async () => {
      const { order } = await core.trading.place(intent({ amount: 0.0012345678 }), manual);
      expect(order.amount).toBe(0.00123);
      const tiny = (await core.trading.place(intent({ amount: 0.00005 }), manual)).order;
      expect(tiny).toMatchObject({ status: 'rejected', errorCode: 'ORDER_TOO_SMALL' });
      expect(tiny.message).toContain('requires at least 5 USDT');
      expect(ordersAtExchange()).toHaveLength(1);
    });

    it('places, refreshes and cancels a limit order', async () => {
      const { order } = await core.trading.place(intent({ type: 'limit', price: 60000.004 }), manual);
      expect(order).toMatchObject({ status: 'open', price: 60000 });
      const canceled = await core.trading.cancel(order.id, 'ui');
      expect(canceled.status).toBe('canceled');
      expect(ordersAtExchange()[0]?.status).toBe('canceled');
      await expect(core.trading.cancel(order.id, 'ui')).rejects.toMatchObject({ code: 'ORDER_NOT_CANCELABLE' });
      // The cancel is found when the audit log is filtered by the order's key.
      const byKey = core.audit.reader.page({ key: order.credentialId, kind: 'trading', limit: 20 }).lines;
      expect(byKey.map((line) => line.action)).toEqual(expect.arrayContaining(['order.cancel', 'order.place']));

      const second = (await core.trading.place(intent({ type: 'limit', price: 64000 }), manual)).order;
      binance.setPrice('BTC/USDT', 63000);
      expect((await core.trading.refresh(second.id, 'ui')).status).toBe('filled');
    });

    it('maps exchange refusals to plain messages', async () => {
      // The balance was read a moment ago for the first buy; the coins went since, which only the
      // exchange can see (balance-ledger.ts): it refuses the second, and the refusal reads plainly.
      expect((await core.trading.place(intent(), manual)).order.status).toBe('filled');
      binance.setBalance(key.apiKey, 'USDT', 1);
      const refused = (await core.trading.place(intent({ symbol: 'ETH/USDT', amount: 0.02 }), manual)).order;
      expect(refused).toMatchObject({ status: 'failed', errorCode: 'INSUFFICIENT_BALANCE' });
      expect(refused.message).toBe('Not enough balance on Binance for this ETH/USDT order.');
      binance.setBalance(key.apiKey, 'USDT', 10000);
    });

    it('places on Bybit too, with its orderLinkId', async () => {
      const bybitKey = makeBybitKey();
      bybit.addKey({ ...bybitKey, allowedIps: ['127.0.0.1'] });
      const id = (await core.credentials.create({ provider: 'bybit', label: 'bybit', fields: bybitKey }, 'ui')).id;
      await core.verifier.verify(id, 'ui');
      const { order } = await core.trading.place(intent({ account: 'bybit', symbol: 'ETHUSDT', amount: 0.01 }), manual);
      expect(order.status).toBe('filled');
      expect(bybit.orders.filter((o) => o.apiKey === bybitKey.apiKey).map((o) => o.clientOrderId)).toEqual([order.clientOrderId]);
    });
  });

  describe('the key that signs', () => {
    it('signs with the rotated key after another process (the CLI) rotated it, and refuses it once revoked there', async () => {
      expect((await core.trading.place(intent(), manual)).order.status).toBe('filled');
      // The CLI beside the app: another core on the same data folder, unlocked with the same passphrase.
      const cli = createTestCore(temp.home, { clock, exchangeUrlOverrides: { binance: binance.url }, exchangeTimeoutMs: 1500 });
      try {
        await cli.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'cli');
        const next = makeBinanceHmacKey();
        binance.addKey({ ...next, allowedIps: ['127.0.0.1'] });
        await cli.rotation.rotate({ ref: accountId, fields: next }, 'cli');
        // The old key is deleted on the exchange, as the rotation guide tells the user to do.
        binance.removeKey(key.apiKey);

        const afterRotation = await core.trading.place(intent(), manual);
        expect(afterRotation.order.status).toBe('filled');
        expect(binance.orders.filter((o) => o.apiKey === next.apiKey)).toHaveLength(1);

        cli.credentials.revoke(accountId, 'cli');
        const afterRevocation = await core.trading.place(intent(), manual);
        expect(afterRevocation.order).toMatchObject({ status: 'blocked', blockedBy: 'credential-unusable' });
        expect(binance.orders.filter((o) => o.apiKey === next.apiKey)).toHaveLength(1);
      } finally {
        cli.close();
      }
    });
  });

  describe('the risk gate', () => {
    const blocked = async (overrides: Partial<OrderIntent> = {}) => {
      const { order } = await core.trading.place(intent(overrides), manual);
      expect(order.status).toBe('blocked');
      return order;
    };

    it('blocks everything while paused, and says so', async () => {
      core.trading.setPaused(true, 'testing', 'ui');
      expect((await blocked()).blockedBy).toBe('paused');
      core.trading.setPaused(false, null, 'ui');
      expect((await core.trading.place(intent(), manual)).order.status).toBe('filled');
      expect(ordersAtExchange()).toHaveLength(1);
    });

    it('blocks unverified, invalid and withdraw-enabled keys (until the risk is accepted)', async () => {
      const fresh = makeBinanceHmacKey();
      binance.addKey({ ...fresh, permissions: { withdraw: true }, allowedIps: ['127.0.0.1'] });
      const id = (await core.credentials.create({ provider: 'binance', label: 'withdraw', fields: fresh }, 'ui')).id;
      expect((await blocked({ account: 'withdraw' })).blockedBy).toBe('credential-unusable');
      await core.verifier.verify(id, 'ui');
      const order = await blocked({ account: 'withdraw' });
      expect(order.blockedBy).toBe('trading-blocked');
      expect(order.message).toContain('can withdraw funds');
      core.verificationRecords.acceptRisk(id, 'ui');
      expect((await core.trading.place(intent({ account: 'withdraw' }), manual)).order.status).toBe('filled');
      core.credentials.revoke(id, 'ui');
      await expect(core.trading.place(intent({ account: 'withdraw' }), manual)).resolves.toMatchObject({ order: { status: 'blocked', blockedBy: 'credential-unusable' } });
    });

    it('applies trading-enabled, the allow-list and the per-order limit, globally and per account', async () => {
      setLimits({ tradingEnabled: false });
      expect((await blocked()).blockedBy).toBe('trading-disabled');
      setLimits({ symbolAllowList: ['ETH/USDT'] });
      expect((await blocked()).blockedBy).toBe('symbol-not-allowed');
      setLimits({ maxOrderNotionalUsd: 50 });
      const tooBig = await blocked();
      expect(tooBig.blockedBy).toBe('max-order-notional');
      expect(tooBig.message).toBe('This order is worth $65; the limit per order (global) is $50.');
      setLimits({});
      setLimits({ maxOrderNotionalUsd: 60 }, accountId);
      expect((await blocked()).message).toContain('(for "main")');
      expect(ordersAtExchange()).toHaveLength(0);
    });

    it('applies the daily, exposure and per-minute limits from what was already placed', async () => {
      setLimits({ maxDailyNotionalUsd: 150 });
      await core.trading.place(intent(), manual);
      await core.trading.place(intent(), manual);
      expect((await blocked()).blockedBy).toBe('max-daily-notional');
      clock.advance(24 * 3600_000);
      setLimits({ maxOpenExposureUsd: 200 });
      await core.trading.place(intent(), manual);
      const exposure = await blocked();
      expect(exposure.blockedBy).toBe('max-open-exposure');
      // A sell reduces exposure and is not blocked by it.
      await core.trading.place(intent({ side: 'sell', amount: 0.002 }), manual);
      expect((await core.trading.place(intent(), manual)).order.status).toBe('filled');
      clock.advance(24 * 3600_000);
      setLimits({ maxOrdersPerMinute: 2 });
      await core.trading.place(intent({ side: 'sell' }), manual);
      await core.trading.place(intent({ side: 'sell' }), manual);
      expect((await blocked({ side: 'sell' })).blockedBy).toBe('max-orders-per-minute');
      clock.advance(61_000);
      expect((await core.trading.place(intent({ side: 'sell' }), manual)).order.status).toBe('filled');
    });

    it('applies an alert source scope', async () => {
      const scope = { accounts: [accountId], symbols: ['ETH/USDT'], sides: ['buy' as const], maxNotionalUsd: 10 };
      const place = (overrides: Partial<OrderIntent>) => core.trading.place(intent(overrides), { source: 'webhook', actor: 'webhook', scope });
      expect((await place({})).order.message).toBe('This alert source may not trade BTC/USDT.');
      expect((await place({ symbol: 'ETH/USDT', side: 'sell', amount: 0.002 })).order.blockedBy).toBe('source-scope');
      expect((await place({ symbol: 'ETH/USDT', amount: 0.01 })).order.message).toContain('at most $10 per order');
      expect((await place({ symbol: 'ETH/USDT', amount: 0.002 })).order.status).toBe('filled');
    });

    it('previews a decision without placing or recording anything', async () => {
      setLimits({ maxOrderNotionalUsd: 50 });
      const preview = await core.trading.preview(intent(), manual);
      expect(preview).toMatchObject({ symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', amount: 0.001, price: ASK, marketPrice: 65000, limitPrice: null, paper: false, notes: [], decision: { allowed: false, rule: 'max-order-notional' } });
      // The balance it was checked against: read fresh, the only private call.
      expect(preview.balance).toEqual({ asset: 'USDT', needed: expect.closeTo(0.001 * ASK, 8), free: 10000 });
      expect(core.trading.listOrders({ limit: 10 })).toEqual([]);
      expect(orderPosts()).toHaveLength(0);
    });

    it('never lets concurrent random intents exceed any limit (property test)', async () => {
      const limits = { maxOrderNotionalUsd: 500, maxDailyNotionalUsd: 3000, maxOpenExposureUsd: 2000, maxOrdersPerMinute: 40, paperMode: true };
      setLimits(limits);
      let seed = 20261122;
      const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      for (let round = 0; round < 4; round += 1) {
        const batch = Array.from({ length: 30 }, () => intent({
          symbol: random() < 0.5 ? 'BTC/USDT' : 'ETH/USDT',
          side: random() < 0.7 ? 'buy' : 'sell',
          amount: Math.round((20 + random() * 600) * 100) / 100,
          amountUnit: 'quote',
        }));
        await Promise.all(batch.map((one) => core.trading.place(one, manual)));
        const placed = core.trading.listOrders({ limit: 1000 }).filter((o) => o.status === 'filled');
        const daily = placed.reduce((sum, o) => sum + o.notionalUsd, 0);
        const exposure = Math.max(0, placed.reduce((sum, o) => sum + (o.side === 'buy' ? o.notionalUsd : -o.notionalUsd), 0));
        expect(placed.every((o) => o.notionalUsd <= limits.maxOrderNotionalUsd + 1e-9)).toBe(true);
        expect(daily).toBeLessThanOrEqual(limits.maxDailyNotionalUsd + 1e-6);
        expect(exposure).toBeLessThanOrEqual(limits.maxOpenExposureUsd + 1e-6);
        const perMinute = placed.filter((o) => o.createdAt > clock.now() - 60_000).length;
        expect(perMinute).toBeLessThanOrEqual(limits.maxOrdersPerMinute);
        clock.advance(61_000);
      }
      expect(binance.privateRequestCount()).toBe(0);
    });
  });

  describe('what an order can really cost (issue 13)', () => {
    const place = (overrides: Partial<OrderIntent> = {}, context: PlacementContext = manual) => core.trading.place(intent(overrides), context).then((r) => r.order);

    it('starts a vault with a $100 cap per order and $500 a day', async () => {
      deleteLimits(databaseOf(core).db, GLOBAL_SCOPE, core.clock.now(), core.integrity);
      expect((await place({ amount: 0.002 })).blockedBy).toBe('max-order-notional');
      for (let n = 0; n < 7; n += 1) expect((await place()).status).toBe('filled');
      const eighth = await place();
      expect(eighth).toMatchObject({ status: 'blocked', blockedBy: 'max-daily-notional' });
      expect(eighth.message).toContain('the daily limit is $500');
      expect(orderPosts()).toHaveLength(7);
    });

    it('values a market order at the market, never at the price it names', async () => {
      setLimits({ maxOrderNotionalUsd: 100, maxDailyNotionalUsd: 200 });
      // `trade … buy 0.1 --price 100` used to be valued at $10 and fill $6,500.
      const spoofed = await place({ amount: 0.1, price: 100 });
      expect(spoofed).toMatchObject({ status: 'blocked', blockedBy: 'price-band' });
      expect(spoofed.message).toBe('This market order names a price of 100, 99.8% below the market price of BTC/USDT (65,000). A market order fills at the market, so a price that far off is refused (global): it may be a typo, a stale chart or a forged alert.');
      // Within the band, the named price is only noted; the value is the market's.
      const near = await place({ amount: 0.1, price: 64000 });
      expect(near).toMatchObject({ status: 'blocked', blockedBy: 'max-order-notional' });
      expect(near.notionalUsd).toBeCloseTo(0.1 * ASK, 6);
      const preview = await core.trading.preview(intent({ price: 64000 }), manual);
      expect(preview.decision.message).toBe(`Allowed. The price given (64000) was not used: a market order fills at the market, about ${ASK} now.`);
      expect(preview.notes).toHaveLength(1);
      const small = await place({ price: 64000 });
      expect(small.status).toBe('filled');
      expect(small.price).toBeNull();
      expect(orderPosts()).toHaveLength(1);
    });

    it('values a limit order at the worse of its limit and the market, and refuses one far from the market', async () => {
      setLimits({ maxOrderNotionalUsd: 100 });
      // A sell limit below the market fills at the market: valued there, not at its limit.
      const lowSell = await place({ side: 'sell', type: 'limit', price: 60000 });
      expect(lowSell.notionalUsd).toBeCloseTo(0.001 * 65000, 6);
      const far = await place({ side: 'sell', type: 'limit', price: 100, amount: 0.1 });
      expect(far).toMatchObject({ status: 'blocked', blockedBy: 'price-band' });
      expect(far.message).toContain('The limit price 100 is 99.8% below the market price of BTC/USDT (65,000); prices more than 10% from the market are refused (global).');
      const high = await place({ type: 'limit', price: 80000 });
      expect(high).toMatchObject({ status: 'blocked', blockedBy: 'price-band' });
      expect(high.message).toContain('23.1% above the market price');
      // The band is the person's to change (null = no band), and an account's own band applies too.
      setLimits({ maxOrderNotionalUsd: 100, maxPriceDeviationPct: 30 });
      expect((await place({ type: 'limit', price: 80000 })).notionalUsd).toBeCloseTo(80, 6);
      setLimits({ maxPriceDeviationPct: 5 }, accountId);
      expect((await place({ type: 'limit', price: 60000 })).message).toContain('prices more than 5% from the market are refused (for "main")');
    });

    it('sizes quote amounts from the market, not from a price it was given', async () => {
      const sell = await place({ side: 'sell', amount: 65, amountUnit: 'quote', price: 63000 });
      expect(sell.status).toBe('filled');
      expect(sell.amount).toBe(0.001);
      expect(sell.notionalUsd).toBeCloseTo(65, 2);
    });

    it('counts what filled, at the price it filled, once the exchange answers', async () => {
      // A marketable buy limit above the market: valued at its limit ($66), filled at the market ($65).
      const order = await place({ type: 'limit', price: 66000 });
      expect(order).toMatchObject({ status: 'filled', averagePrice: 65000, notionalUsd: 66 });
      expect(readUsage(databaseOf(core), null, false, clock.now()).dailyNotionalUsd).toBeCloseTo(65, 6);
      // A resting order counts its estimate until something fills.
      await place({ type: 'limit', price: 60000 });
      expect(readUsage(databaseOf(core), null, false, clock.now()).dailyNotionalUsd).toBeCloseTo(65 + 0.001 * ASK, 3);
    });

    it('refuses a sell of more than is held, and a buy costing more than the free quote, on a balance at most 1.5 s old', async () => {
      const sell = await place({ side: 'sell', amount: 5 });
      expect(sell).toMatchObject({ status: 'blocked', blockedBy: 'insufficient-balance' });
      expect(sell.message).toBe('This sells 5 BTC, but "main" has 0.5 BTC free.');
      binance.setBalance(key.apiKey, 'USDT', 20);
      clock.advance(BALANCE_POLICY.maxAgeMs + 1);
      const buy = await place();
      expect(buy).toMatchObject({ status: 'blocked', blockedBy: 'insufficient-balance' });
      expect(buy.message).toBe('This buy costs about 65.00001 USDT, but "main" has 20 USDT free.');
      binance.setBalance(key.apiKey, 'USDT', 10000);
      expect((await place()).status).toBe('filled');
      expect(orderPosts()).toHaveLength(1);
      // Paper orders are not checked against the balance (they spend nothing).
      expect((await place({ side: 'sell', amount: 5, paper: true })).status).toBe('filled');
    });

    it('sends nothing when the balance cannot be read', async () => {
      binance.failNext(1, '5xx', '/account');
      const order = await place();
      expect(order.status).toBe('rejected');
      expect(order.message).toContain('nothing was sent');
      expect(orderPosts()).toHaveLength(0);
    });
  });

  describe('paper mode', () => {
    it('simulates the fill at the current price and calls nothing private', async () => {
      setLimits({ paperMode: true });
      const { order } = await core.trading.place(intent(), manual);
      // A paper market buy fills where a real one would: at the ask.
      expect(order).toMatchObject({ paper: true, status: 'filled', averagePrice: ASK, filledAmount: 0.001 });
      expect(order.message).toContain('Nothing was sent');
      const resting = (await core.trading.place(intent({ type: 'limit', price: 60000 }), manual)).order;
      expect(resting).toMatchObject({ paper: true, status: 'open' });
      expect((await core.trading.cancel(resting.id, 'ui')).status).toBe('canceled');
      expect(binance.privateRequestCount()).toBe(0);
      expect(ordersAtExchange()).toEqual([]);
    });

    it('can be asked for per order, and counts against its own usage, not the real one', async () => {
      setLimits({ maxDailyNotionalUsd: 100 });
      await core.trading.place(intent({ paper: true }), manual);
      await core.trading.place(intent({ paper: true }), manual);
      expect((await core.trading.place(intent(), manual)).order.status).toBe('filled');
      expect(ordersAtExchange()).toHaveLength(1);
    });
  });

  describe('idempotency', () => {
    it('places one order for one idempotency key, even when sent five times at once', async () => {
      const results = await Promise.all(Array.from({ length: 5 }, () => core.trading.place(intent({ idempotencyKey: 'alert-42' }), manual)));
      expect(ordersAtExchange()).toHaveLength(1);
      expect(new Set(results.map((r) => r.order.id)).size).toBe(1);
      expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    });

    it('queues intents for the same market in arrival order', async () => {
      const first = core.trading.enqueue(intent({ side: 'sell', amount: 0.002 }), manual);
      const second = core.trading.enqueue(intent({ side: 'buy', amount: 0.003 }), manual);
      const [a, b] = await Promise.all([first, second]);
      expect(a.order.createdAt <= b.order.createdAt).toBe(true);
      expect(ordersAtExchange().map((o) => o.side)).toEqual(['sell', 'buy']);
    });
  });

  describe('when the exchange does not confirm', () => {
    it('marks the order unknown on a 5xx and never sends it again; reconciling finds it was not placed', async () => {
      // Only the order request meets the fault (the price and the balance are read before it).
      binance.failNext(1, '5xx', '/order');
      const { order } = await core.trading.place(intent({ idempotencyKey: 'k-5xx', price: 65000 }), manual);
      expect(order).toMatchObject({ status: 'unknown', errorCode: 'ORDER_STATUS_UNKNOWN' });
      expect((await core.trading.place(intent({ idempotencyKey: 'k-5xx', price: 65000 }), manual)).duplicate).toBe(true);
      expect(await core.trading.reconcile()).toMatchObject({ checked: 1, updated: 1, placed: 0 });
      expect(core.trading.getOrder(order.id)).toMatchObject({ status: 'failed', errorCode: 'NOT_PLACED' });
      expect(ordersAtExchange()).toHaveLength(0);
    });

    it('an order that reached the exchange but whose answer was lost is found by its client order id', async () => {
      binance.failNext(1, 'lost-response', '/order');
      const { order } = await core.trading.place(intent({ price: 65000 }), manual);
      expect(order.status).toBe('unknown');
      expect(ordersAtExchange()).toHaveLength(1);
      expect(await core.trading.reconcile()).toMatchObject({ checked: 1, updated: 1, placed: 0 });
      expect(core.trading.getOrder(order.id)).toMatchObject({ status: 'filled', exchangeOrderId: ordersAtExchange()[0]?.id });
      expect(ordersAtExchange()).toHaveLength(1);
    });

    it('sends a fresh order that was recorded but never sent (a crash before sending), exactly once', async () => {
      const { order } = await core.trading.place(intent({ paper: false, idempotencyKey: 'crash' }), manual);
      // Simulate a crash between recording and sending: put the order back to `sending`, off the exchange.
      databaseOf(core).sqlite.prepare("UPDATE orders SET status = 'sending', exchange_order_id = NULL WHERE id = ?").run(order.id);
      binance.resetAccounts();
      expect(await core.trading.reconcile()).toMatchObject({ placed: 1 });
      expect(ordersAtExchange()).toHaveLength(1);
      expect(core.trading.getOrder(order.id).status).toBe('filled');
      databaseOf(core).sqlite.prepare("UPDATE orders SET status = 'sending', exchange_order_id = NULL, created_at = ? WHERE id = ?").run(clock.now() - RECOVERY_MAX_AGE_MS - 1, order.id);
      binance.resetAccounts();
      await core.trading.reconcile();
      expect(core.trading.getOrder(order.id)).toMatchObject({ status: 'failed', errorCode: 'NOT_PLACED' });
      expect(ordersAtExchange()).toHaveLength(0);
    });
  });

  it('panic: pauses, cancels open orders, locks the vault', async () => {
    const open = (await core.trading.place(intent({ type: 'limit', price: 60000 }), manual)).order;
    const result = await core.trading.panic('ui');
    expect(result).toEqual({ paused: true, canceled: 1, cancelFailed: 0, locked: true });
    expect(core.vault.isUnlocked()).toBe(false);
    expect(core.trading.isPaused()).toBe(true);
    expect(ordersAtExchange()[0]?.status).toBe('canceled');
    expect(core.trading.getOrder(open.id).status).toBe('canceled');
  });

  it('refuses an allow-list symbol that is not written BASE/QUOTE', async () => {
    const { RiskLimits } = await import('./trading-schema');
    expect(RiskLimits.partial().safeParse({ symbolAllowList: ['btc/usdt'] }).data?.symbolAllowList).toEqual(['BTC/USDT']);
    const bad = RiskLimits.partial().safeParse({ symbolAllowList: ['BTCUSDT'] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('must be written BASE/QUOTE, like BTC/USDT (a perpetual: BTC/USDT:USDT)');
    expect(RiskLimits.partial().safeParse({ symbolAllowList: ['btc/usdt:usdt'] }).data?.symbolAllowList).toEqual(['BTC/USDT:USDT']);
  });

  it('refuses a malformed intent with a field-specific error and records nothing', async () => {
    for (const bad of [intent({ amount: -1 }), intent({ type: 'limit' }), { ...intent(), leverage: 10 } as OrderIntent]) {
      try {
        await core.trading.place(bad, manual);
        expect.unreachable();
      } catch (error) {
        expect(isKeywardenError(error, 'INVALID_INPUT')).toBe(true);
      }
    }
    expect(core.trading.listOrders({ limit: 10 })).toEqual([]);
  });
});
