/**
 * What an order says when its exchange cannot be reached, through the real core and the offline
 * fake Binance: a timeout or a dropped connection after the request left may have placed the order,
 * so its fate is unknown and Keywarden checks; only a connection that never opened proves nothing
 * was sent.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../app';
import { createExchangeClient } from '../exchanges/exchange-client';
import { startFakeExchange, makeBinanceHmacKey, type FakeExchange, type TestKey } from '../../testing/fake-exchange';
import { ManualClock, TEST_PASSPHRASE, createTestCore, makeTempHome } from '../../testing/test-core';
import { classifyOrderFailure } from './order-failure';
import type { OrderIntent, PlacementContext } from './trading-schema';

const manual: PlacementContext = { source: 'manual', actor: 'ui' };
/** 0.001 BTC at the fake's 65,000: $65, inside the default $100-per-order limit. */
const smallBuy: OrderIntent = { account: 'main', symbol: 'BTC/USDT', side: 'buy', amount: 0.001 };
const UNKNOWN_FATE = 'it is not known whether the order arrived. Keywarden will look it up by its client order id and will not send it again.';

describe('an order whose exchange cannot be reached', () => {
  let binance: FakeExchange;
  let temp: ReturnType<typeof makeTempHome>;
  let core: Core;
  let key: TestKey;

  beforeAll(async () => {
    binance = await startFakeExchange({ exchange: 'binance' });
  });
  afterAll(() => binance.stop());
  beforeEach(async () => {
    temp = makeTempHome();
    core = createTestCore(temp.home, { clock: new ManualClock(Date.now()), exchangeUrlOverrides: { binance: binance.url }, exchangeTimeoutMs: 1500 });
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    core.vault.setAutoLockMinutes(0, 'ui');
    key = makeBinanceHmacKey();
    binance.addKey({ ...key, allowedIps: ['127.0.0.1'] });
    const { id } = await core.credentials.create({ provider: 'binance', label: 'main', fields: key }, 'ui');
    await core.verifier.verify(id, 'ui');
    binance.resetRequests();
  });
  afterEach(() => {
    core.close();
    temp.cleanup();
  });

  const orderPosts = () => binance.requests.filter((request) => request.path.endsWith('/order') && request.method === 'POST');

  it('a timeout while placing: unknown, never "nothing was sent", not sent again, and reconciled', async () => {
    binance.failNext(1, 'timeout', '/order');
    const { order } = await core.trading.place({ ...smallBuy, idempotencyKey: 'timeout-1' }, manual);
    expect(order).toMatchObject({ status: 'unknown', errorCode: 'ORDER_STATUS_UNKNOWN', message: `Binance could not be reached (timed out after 1.5 s); ${UNKNOWN_FATE}` });
    expect(order.message).not.toContain('nothing was sent');
    // The same intent again is the same order: nothing new goes out.
    expect((await core.trading.place({ ...smallBuy, idempotencyKey: 'timeout-1' }, manual)).duplicate).toBe(true);
    expect(orderPosts()).toHaveLength(1);
    // The fake never handled the timed-out request, so reconciling finds no such order.
    expect(await core.trading.reconcile()).toMatchObject({ checked: 1, updated: 1, placed: 0 });
    expect(core.trading.getOrder(order.id)).toMatchObject({ status: 'failed', errorCode: 'NOT_PLACED' });
    expect(orderPosts()).toHaveLength(1);
  });

  it('a connection dropped while placing: unknown too', async () => {
    binance.failNext(1, 'drop', '/order');
    const { order } = await core.trading.place(smallBuy, manual);
    expect(order).toMatchObject({ status: 'unknown', errorCode: 'ORDER_STATUS_UNKNOWN', message: `Binance could not be reached (connection dropped); ${UNKNOWN_FATE}` });
  });

  it('a refused connection proves nothing was sent: the order failed, and says so', async () => {
    const stopped = await startFakeExchange({ exchange: 'binance' });
    await stopped.stop();
    const client = await createExchangeClient({ exchangeId: 'binance', credentials: key, environment: 'live', urlOverrides: { binance: stopped.url } });
    let refused: unknown;
    try {
      await client.createOrder('BTC/USDT', 'market', 'buy', 0.001, undefined, { clientOrderId: 'kw-test' });
    } catch (error) {
      refused = error;
    }
    expect(classifyOrderFailure(refused, client.name ?? 'binance', 'BTC/USDT')).toEqual({ status: 'failed', errorCode: 'EXCHANGE_UNREACHABLE', message: 'Binance could not be reached (connection refused); nothing was sent.' });
  });
});
