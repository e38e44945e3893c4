/**
 * Bybit linear perpetuals through the real core (temp SQLite, risk gate, orders table), real ccxt
 * and the fake Bybit v5 (category=linear): each order kind in one-way and hedge mode (positionIdx
 * 0 / 1 / 2), a mode switched between the read and the send (10001, re-read, placed once), leverage
 * set by the person ("not modified" is success), the leverage and position limits, and a crash
 * between record and send reconciled exactly once by orderLinkId.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../app';
import { invokeChannel } from '../../../api/handlers';
import type { ChannelOutput, ContractResult } from '../../../api/contract';
import { makeBybitKey, startFakeExchange, type FakeExchange, type TestKey } from '../../../testing/fake-exchange';
import { ManualClock, TEST_PASSPHRASE, createTestCore, databaseOf, makeTempHome } from '../../../testing/test-core';
import { clientOrderIdFor } from '../client-order-id';
import { insertOrder } from '../order-store';
import { GLOBAL_SCOPE, defaultGlobalLimits, writeLimits } from '../risk-limits-store';
import type { OrderIntent, PlacementContext, RiskLimits } from '../trading-schema';

const manual: PlacementContext = { source: 'manual', actor: 'ui' };
const open: RiskLimits = { ...defaultGlobalLimits, maxOrderNotionalUsd: null, maxDailyNotionalUsd: null, maxLeverage: null };

describe('Bybit linear perpetuals through the core', () => {
  let bybit: FakeExchange;
  let temp: ReturnType<typeof makeTempHome>;
  let core: Core;
  let clock: ManualClock;
  let key: TestKey;
  let accountId: string;

  beforeAll(async () => {
    bybit = await startFakeExchange({ exchange: 'bybit' });
  });
  afterAll(() => bybit.stop());
  beforeEach(async () => {
    temp = makeTempHome();
    clock = new ManualClock(Date.now());
    core = createTestCore(temp.home, { clock, exchangeUrlOverrides: { bybit: bybit.url }, exchangeTimeoutMs: 2000 });
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    core.vault.setAutoLockMinutes(0, 'ui');
    key = makeBybitKey();
    bybit.addKey({ ...key, allowedIps: ['127.0.0.1'] });
    accountId = (await core.credentials.create({ provider: 'bybit', label: 'by', fields: key }, 'ui')).id;
    expect((await core.verifier.verify(accountId, 'ui')).outcome).toBe('ok');
    bybit.resetRequests();
  });
  afterEach(() => {
    core.close();
    temp.cleanup();
  });

  const setLimits = (limits: Partial<RiskLimits>) => writeLimits(databaseOf(core).db, GLOBAL_SCOPE, { ...open, ...limits }, clock.now(), core.integrity);
  const intent = (overrides: Partial<OrderIntent> = {}): OrderIntent => ({ account: 'by', symbol: 'BYBIT:BTCUSDT.P', side: 'buy', amount: 0.01, ...overrides });
  const creates = () => bybit.requests.filter((r) => r.method === 'POST' && r.path === '/v5/order/create' && r.apiKey === key.apiKey);
  const held = () => bybit.futures.positionsOf(key.apiKey, 'BTC/USDT').filter((p) => p.amount !== 0).map((p) => [p.side, p.amount]);

  describe.each(['one-way', 'hedge'] as const)('%s mode', (mode) => {
    const prepare = () => {
      setLimits({});
      if (mode === 'hedge') bybit.futures.setHedged(key.apiKey, true);
    };

    it('market, resting limit, reduce-only and close: linear, with the positionIdx the mode needs', async () => {
      prepare();
      const opened = await core.trading.place(intent(), manual);
      expect(opened.order).toMatchObject({ status: 'filled', symbol: 'BTC/USDT:USDT', marketType: 'linear', filledAmount: 0.01 });
      expect(opened.order.notionalUsd).toBeCloseTo(650, 0);
      const resting = await core.trading.place(intent({ type: 'limit', price: 60000 }), manual);
      expect(resting.order.status).toBe('open');
      const reduced = await core.trading.place(intent({ side: 'sell', amount: 0.004, reduceOnly: true }), manual);
      expect(reduced.order).toMatchObject({ status: 'filled', reduceOnly: true });
      expect(held()).toEqual([[mode === 'hedge' ? 'long' : 'both', 0.006]]);
      expect(creates().map((r) => String(r.params['positionIdx'] ?? '0'))).toEqual(mode === 'hedge' ? ['1', '1', '1'] : ['0', '0', '0']);
      expect(creates().map((r) => r.params['orderLinkId'])).toEqual([opened.order.clientOrderId, resting.order.clientOrderId, reduced.order.clientOrderId]);
      expect((await core.trading.cancel(resting.order.id, 'ui')).status).toBe('canceled');
      const closed = await invokeChannel(core, 'futures.close', { account: 'by', symbol: 'BTCUSDT.P' }, { actor: 'ui' });
      expect(closed.ok).toBe(true);
      expect(held()).toEqual([]);
      const none = await core.trading.place(intent({ side: 'sell', reduceOnly: true }), manual);
      expect(none.order).toMatchObject({ status: 'rejected', errorCode: 'NO_POSITION' });
      expect(creates()).toHaveLength(4);
    });
  });

  it('a mode switched on Bybit since it was read: 10001 once, re-read, one order placed', async () => {
    setLimits({});
    await core.trading.place(intent(), manual);
    await core.trading.place(intent({ side: 'sell', reduceOnly: true }), manual);
    bybit.futures.setHedged(key.apiKey, true);
    const placed = await core.trading.place(intent(), manual);
    expect(placed.order.status).toBe('filled');
    expect(creates().map((r) => r.errorCode)).toEqual([undefined, undefined, 10001, undefined]);
    expect(bybit.futuresOrders.filter((o) => o.clientOrderId === placed.order.clientOrderId)).toHaveLength(1);
  });

  it('leverage is the person\'s: set, set again ("not modified"), refused above the limit; isolated is refused plainly', async () => {
    setLimits({ maxLeverage: 10 });
    const set = await invokeChannel(core, 'futures.setLeverage', { account: 'by', symbol: 'BTCUSDT.P', leverage: '5x' }, { actor: 'ui' });
    expect(set).toEqual({ ok: true, value: { symbol: 'BTC/USDT:USDT', leverage: 5, marginMode: 'cross' } });
    expect(bybit.futures.leverageOf(key.apiKey, 'BTC/USDT')).toBe(5);
    expect((await invokeChannel(core, 'futures.setLeverage', { account: 'by', symbol: 'BTCUSDT.P', leverage: 5 }, { actor: 'ui' })).ok).toBe(true);
    const tooHigh = await invokeChannel(core, 'futures.setLeverage', { account: 'by', symbol: 'BTCUSDT.P', leverage: 11 }, { actor: 'ui' });
    expect(tooHigh.ok ? 'ok' : tooHigh.error.code).toBe('LEVERAGE_REFUSED');
    const isolated = await invokeChannel(core, 'futures.setLeverage', { account: 'by', symbol: 'BTCUSDT.P', leverage: 5, marginMode: 'isolated' }, { actor: 'ui' });
    expect(isolated.ok ? 'ok' : isolated.error.code).toBe('FUTURES_NOT_SUPPORTED');
    const account = await invokeChannel(core, 'futures.account', { account: 'by' }, { actor: 'ui' });
    expect(account.ok && account.value).toMatchObject({ positionMode: 'one-way', settings: [{ symbol: 'BTC/USDT:USDT', leverage: 5, marginMode: 'cross' }] });
  });

  it('blocks while Bybit\'s leverage is above the limit, and a position past its cap', async () => {
    setLimits({ maxLeverage: 5 });
    const over = await core.trading.place(intent(), manual);
    expect(over.order).toMatchObject({ status: 'blocked', blockedBy: 'max-leverage' });
    bybit.futures.setLeverage(key.apiKey, 'BTC/USDT', 5);
    setLimits({ maxLeverage: 5, maxPositionNotionalUsd: 1000 });
    expect((await core.trading.place(intent(), manual)).order.status).toBe('filled');
    expect((await core.trading.place(intent(), manual)).order).toMatchObject({ status: 'blocked', blockedBy: 'max-position' });
    expect(creates()).toHaveLength(1);
  });

  it('an order recorded but not sent before a crash is sent exactly once by reconcile, found by orderLinkId', async () => {
    setLimits({});
    const now = clock.now();
    const clientOrderId = clientOrderIdFor('crash-bybit');
    insertOrder(databaseOf(core).db, {
      id: 'ocrashbyb01', credentialId: accountId, source: 'manual', idempotencyKey: 'crash-bybit', clientOrderId, symbol: 'BTC/USDT:USDT', side: 'buy', type: 'market',
      amount: 0.01, requestedAmount: 0.01, requestedUnit: 'base', price: null, notionalUsd: 650, usdPerQuote: 1, paper: false, status: 'sending', message: 'Allowed.',
      marketType: 'linear', reduceOnly: false, createdAt: now, updatedAt: now,
    });
    const first = await core.trading.reconcile('system');
    expect(first.placed).toBe(1);
    expect((await core.trading.reconcile('system')).placed).toBe(0);
    expect(bybit.futuresOrders.filter((o) => o.clientOrderId === clientOrderId)).toHaveLength(1);
    expect(core.trading.getOrder('ocrashbyb01')).toMatchObject({ status: 'filled', marketType: 'linear' });
  });

  it('paper fills without calling Bybit; panic lists the position Keywarden opened on Bybit', async () => {
    setLimits({ paperMode: true });
    const before = bybit.privateRequestCount();
    expect((await core.trading.place(intent(), manual)).order).toMatchObject({ status: 'filled', paper: true, marketType: 'linear' });
    expect((await core.trading.place(intent({ side: 'sell', amount: 0.02, reduceOnly: true }), manual)).order).toMatchObject({ status: 'rejected', errorCode: 'INVALID_INPUT' });
    expect(bybit.privateRequestCount()).toBe(before);
    setLimits({});
    expect((await core.trading.place(intent(), manual)).order.status).toBe('filled');
    const preview = (await invokeChannel(core, 'futures.panicPreview', {}, { actor: 'ui' })) as ContractResult<ChannelOutput<'futures.panicPreview'>>;
    expect(preview.ok && preview.value.toClose).toEqual([{ credentialId: accountId, label: 'by', symbol: 'BTC/USDT:USDT', side: 'long', amount: 0.01 }]);
  });
});
