/**
 * "IP not allowed" while trading says so, with the address the exchange saw and where its allow-list
 * is: before sending (the balance or position read, through the core: the order is refused and
 * nothing is sent), at sending (real ccxt against the fake Binance and Bybit: the order failed), and
 * in the notice for a failed order. A wrong key under Binance's shared -2015 is not called an IP problem.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderNotice } from '../../api/notifications/notice-rules';
import { createExchangeClient } from '../exchanges/exchange-client';
import { makeBinanceHmacKey, makeBybitKey, startFakeExchange, type FakeExchange } from '../../testing/fake-exchange';
import { databaseOf } from '../../testing/test-core';
import { useVerifiedKeyFixture } from '../../testing/verified-key-fixture';
import { classifyOrderFailure } from './order-failure';
import { IP_REFUSED_ORDER_CODE, ipRefusalMessage } from './order-ip-refusal';
import { GLOBAL_SCOPE, defaultGlobalLimits, writeLimits } from './risk-limits-store';
import type { PlacementContext } from './trading-schema';

const manual: PlacementContext = { source: 'manual', actor: 'ui' };

async function refusalOf(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error('the call was not refused');
}

describe('an order refused for its IP, before anything is sent', () => {
  const fixture = useVerifiedKeyFixture({ label: 'main' });

  it.each([['perpetual', 'BTCUSDT.P'], ['spot', 'BTC/USDT']])('%s: refused with the address and the steps; no order reaches the exchange', async (_kind, symbol) => {
    writeLimits(databaseOf(fixture.core).db, GLOBAL_SCOPE, { ...defaultGlobalLimits, maxLeverage: null }, fixture.clock.now(), fixture.core.integrity);
    fixture.binance.updateKey(fixture.key.apiKey, { allowedIps: ['203.0.113.10'] });
    const placed = await fixture.core.trading.place({ account: 'main', symbol, side: 'buy', amount: 0.001 }, manual);
    expect(placed.order).toMatchObject({ status: 'rejected', errorCode: 'KEY_REFUSED' });
    expect(placed.order.message).toContain('Binance saw it come from 127.0.0.1');
    expect(placed.order.message).toContain('Add 127.0.0.1 to the key\'s IP allow-list (Binance → Account → API Management');
    expect(placed.order.message).toContain('Nothing was sent.');
    expect(placed.order.message).not.toContain(fixture.key.apiKey);
    expect(fixture.binance.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/order'))).toHaveLength(0);
  });
});

describe('an order refused for its IP when it is sent', () => {
  let binance: FakeExchange;
  let bybit: FakeExchange;
  beforeAll(async () => {
    binance = await startFakeExchange({ exchange: 'binance' });
    bybit = await startFakeExchange({ exchange: 'bybit' });
  });
  afterAll(async () => {
    await binance.stop();
    await bybit.stop();
  });

  it('Binance -2015 naming the address: failed, EXCHANGE_IP_NOT_ALLOWED, the address and Binance\'s steps', async () => {
    const key = makeBinanceHmacKey();
    binance.addKey({ ...key, allowedIps: ['203.0.113.10'] });
    const client = await createExchangeClient({ exchangeId: 'binance', credentials: key, environment: 'live', urlOverrides: { binance: binance.url } });
    const error = await refusalOf(() => client.createOrder('BTC/USDT', 'market', 'buy', 0.001, undefined, { clientOrderId: 'kw-ip-1' }));
    const failure = classifyOrderFailure(error, 'Binance', 'BTC/USDT', 'binance');
    expect(failure).toMatchObject({ status: 'failed', errorCode: IP_REFUSED_ORDER_CODE });
    expect(failure.message).toContain('Binance saw it come from 127.0.0.1');
    expect(failure.message).toContain('Binance → Account → API Management');
    expect(failure.message).toContain('The order was not placed.');
    expect(failure.message).not.toContain(key.apiKey);
  });

  it('Bybit 10010: the same, with Bybit\'s steps (Bybit does not name the address)', async () => {
    const key = makeBybitKey();
    bybit.addKey({ ...key, allowedIps: ['203.0.113.10'] });
    const client = await createExchangeClient({ exchangeId: 'bybit', credentials: key, environment: 'live', urlOverrides: { bybit: bybit.url } });
    const error = await refusalOf(() => client.createOrder('BTC/USDT', 'limit', 'buy', 0.001, 60000, { clientOrderId: 'kw-ip-2' }));
    const failure = classifyOrderFailure(error, 'Bybit', 'BTC/USDT', 'bybit');
    expect(failure.errorCode).toBe(IP_REFUSED_ORDER_CODE);
    expect(failure.message).toContain('this machine\'s public IP address');
    expect(failure.message).toContain('Bybit → Account → API');
  });

  it('a wrong key under Binance\'s -2015 (no address) is not called an IP problem', async () => {
    const client = await createExchangeClient({ exchangeId: 'binance', credentials: makeBinanceHmacKey(), environment: 'live', urlOverrides: { binance: binance.url } });
    const error = await refusalOf(() => client.createOrder('BTC/USDT', 'market', 'buy', 0.001, undefined, { clientOrderId: 'kw-ip-3' }));
    expect(ipRefusalMessage(error, 'binance', 'Binance')).toBeNull();
    expect(classifyOrderFailure(error, 'Binance', 'BTC/USDT', 'binance').errorCode).toBe('EXCHANGE_AUTH');
  });

  it('the failed-order notice carries the IP message; other failures keep the plain notice', () => {
    const ip = orderNotice({ id: 'o1', status: 'failed' }, 'main', { errorCode: IP_REFUSED_ORDER_CODE, message: 'Binance refused the request because its IP address is not on the key\'s allow-list. Binance saw it come from 198.51.100.7.' });
    expect(ip).toMatchObject({ kind: 'order-failed', title: 'Keywarden: an exchange refused this IP address' });
    expect(ip?.body).toContain('198.51.100.7');
    expect(orderNotice({ id: 'o2', status: 'failed' }, 'main', { errorCode: 'ORDER_REJECTED', message: 'x' })?.title).toBe('Keywarden: an order failed');
  });
});
