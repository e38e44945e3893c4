/**
 * createExchangeClient through real ccxt 4.5.84 against the offline fake exchanges (URL override), so every
 * call below signs, travels over HTTP, is verified by the fake and is parsed back by ccxt.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Exchange } from 'ccxt';
import {
  makeBinanceEd25519Key,
  makeBinanceHmacKey,
  makeBinanceRsaKey,
  makeBybitKey,
  makeBybitRsaKey,
  startFakeExchange,
} from '../../testing/fake-exchange';
import type { FakeExchange, FakeExchangeOptions, TestKey } from '../../testing/fake-exchange';
import { isKeywardenError } from '../errors';
import { loadCcxt } from './ccxt-loader';
import { createExchangeClient } from './exchange-client';

const ccxt = await loadCcxt();
const started: FakeExchange[] = [];

afterEach(async () => {
  await Promise.all(started.splice(0).map((fake) => fake.stop()));
});

async function fakeWithClient(
  options: FakeExchangeOptions,
  key: TestKey,
  clientOptions: { timeoutMs?: number } = {},
): Promise<{ fake: FakeExchange; client: Exchange }> {
  const fake = await startFakeExchange(options);
  started.push(fake);
  const client = await createExchangeClient({
    exchangeId: options.exchange,
    credentials: key,
    environment: 'live',
    urlOverrides: { [options.exchange]: fake.url },
    ...clientOptions,
  });
  return { fake, client };
}

function paths(fake: FakeExchange): string[] {
  return fake.requests.map((entry) => `${entry.method} ${entry.path}`);
}

/** ccxt types order ids as possibly undefined; every order here came back from the fake with one. */
function idOf(order: { id?: string | undefined }): string {
  if (order.id === undefined) throw new Error('ccxt returned an order without an id');
  return order.id;
}

async function thrown(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

describe('createExchangeClient', () => {
  it('refuses an unknown exchange id with UNKNOWN_PROVIDER', async () => {
    const error = await thrown(createExchangeClient({ exchangeId: 'nosuchexchange', credentials: {}, environment: 'live' }));
    expect(isKeywardenError(error, 'UNKNOWN_PROVIDER')).toBe(true);
    const notAnExchange = await thrown(createExchangeClient({ exchangeId: 'Exchange', credentials: {}, environment: 'live' }));
    expect(isKeywardenError(notAnExchange, 'UNKNOWN_PROVIDER')).toBe(true);
  });

  it('refuses fields ccxt does not know, without echoing values', async () => {
    const key = makeBinanceHmacKey();
    const error = await thrown(createExchangeClient({ exchangeId: 'binance', credentials: { ...key, urls: 'http://evil' }, environment: 'live' }));
    expect(isKeywardenError(error, 'UNEXPECTED_FIELD')).toBe(true);
    expect(error.message).not.toContain(key.secret);
    const secretAsName = await thrown(createExchangeClient({ exchangeId: 'binance', credentials: { [key.secret]: 'x' }, environment: 'live' }));
    expect(secretAsName.message).not.toContain(key.secret);
  });

  it('configures spot-only, rate-limited clients without private calls at load', async () => {
    const binance = await createExchangeClient({ exchangeId: 'binance', credentials: makeBinanceHmacKey(), environment: 'live', timeoutMs: 1234 });
    expect(binance.enableRateLimit).toBe(true);
    expect(binance.timeout).toBe(1234);
    expect(binance.options['fetchCurrencies']).toBe(false);
    expect(binance.options['fetchMargins']).toBe(false);
    expect(binance.options['fetchMarkets']).toMatchObject({ types: ['spot'] });
    const bybit = await createExchangeClient({ exchangeId: 'bybit', credentials: makeBybitKey(), environment: 'live' });
    expect(bybit.has['fetchCurrencies']).toBe(false);
    expect(bybit.options['fetchMarkets']).toMatchObject({ types: ['spot'] });
    expect(bybit.options['defaultType']).toBe('spot');
  });

  it('uses sandbox URLs for testnet, unless a URL override applies', async () => {
    const testnet = await createExchangeClient({ exchangeId: 'binance', credentials: makeBinanceHmacKey(), environment: 'testnet' });
    expect((testnet.urls.api as Record<string, string>)['public']).toBe('https://testnet.binance.vision/api/v3');
    const overridden = await createExchangeClient({
      exchangeId: 'binance',
      credentials: makeBinanceHmacKey(),
      environment: 'testnet',
      urlOverrides: { binance: 'http://127.0.0.1:9' },
    });
    expect(overridden.isSandboxModeEnabled).toBe(false);
    expect((overridden.urls.api as Record<string, string>)['sapi']).toBe('http://127.0.0.1:9/sapi/v1');
  });
});

describe('Binance through ccxt and the fake', () => {
  it('loads spot markets without any private request', async () => {
    const { fake, client } = await fakeWithClient({ exchange: 'binance', keys: [makeBinanceHmacKey()] }, makeBinanceHmacKey());
    const markets = await client.loadMarkets();
    expect(Object.keys(markets).sort()).toEqual(['BTC/USDT', 'ETH/BTC', 'ETH/USDT', 'SOL/USDT']);
    expect(markets['BTC/USDT']).toMatchObject({ spot: true, precision: { amount: 0.00001, price: 0.01 }, limits: { cost: { min: 5 } } });
    expect(paths(fake)).toEqual(['GET /api/v3/exchangeInfo']);
    expect(fake.privateRequestCount()).toBe(0);
  });

  it('fetches balance, ticker and key permissions, and trades market and limit orders', async () => {
    const key = makeBinanceHmacKey();
    const { fake, client } = await fakeWithClient({ exchange: 'binance', keys: [{ ...key, permissions: { withdraw: true } }] }, key);

    const balance = await client.fetchBalance();
    expect(balance['USDT']).toMatchObject({ free: 10000, used: 0, total: 10000 });
    expect((balance.info as { canWithdraw: boolean }).canWithdraw).toBe(true);
    expect((await client.fetchTicker('BTC/USDT')).last).toBe(65000);

    const market = await client.createOrder('BTC/USDT', 'market', 'buy', 0.001, undefined, { clientOrderId: 'kw-market-1' });
    expect(market).toMatchObject({ status: 'closed', filled: 0.001, cost: 65, clientOrderId: 'kw-market-1' });
    expect(fake.requests.at(-1)?.params['newClientOrderId']).toBe('kw-market-1');
    const byCost = await client.createMarketBuyOrderWithCost('ETH/USDT', 100);
    expect(byCost).toMatchObject({ status: 'closed', filled: 0.0312 });
    expect(fake.requests.at(-1)?.params['quoteOrderQty']).toBe('100');
    // A market buy with a price is sent as quoteOrderQty = amount × price (ccxt option createOrder.quoteOrderQty).
    await client.createOrder('SOL/USDT', 'market', 'buy', 1, 150);
    expect(fake.requests.at(-1)?.params).toMatchObject({ quoteOrderQty: '150' });
    expect(fake.requests.at(-1)?.params['quantity']).toBeUndefined();

    const limit = await client.createOrder('BTC/USDT', 'limit', 'buy', 0.001, 60000, { clientOrderId: 'kw-limit-1' });
    expect(limit).toMatchObject({ status: 'open', price: 60000, amount: 0.001, clientOrderId: 'kw-limit-1' });
    expect(await client.fetchOrder(idOf(limit), 'BTC/USDT')).toMatchObject({ id: limit.id, status: 'open' });
    const byClientId = await client.fetchOrder('', 'BTC/USDT', { clientOrderId: 'kw-limit-1' });
    expect(byClientId.id).toBe(limit.id);
    expect(fake.requests.at(-1)?.params['origClientOrderId']).toBe('kw-limit-1');
    expect((await client.fetchOpenOrders('BTC/USDT')).map((order) => order.id)).toEqual([limit.id]);

    const canceled = await client.cancelOrder(idOf(limit), 'BTC/USDT');
    expect(canceled.status).toBe('canceled');
    expect(fake.balances(key.apiKey)['USDT']).toEqual({ free: 9685.16, locked: 0 });

    const restrictions = (await client.sapiGetAccountApiRestrictions()) as Record<string, unknown>;
    expect(restrictions).toMatchObject({ enableReading: true, enableSpotAndMarginTrading: true, enableWithdrawals: true, ipRestrict: false });
    expect(paths(fake)).toContain('GET /sapi/v1/account/apiRestrictions');
    expect(fake.requests.every((entry) => !entry.private || entry.authenticated)).toBe(true);
  });

  it('raises the ccxt error classes the real exchange causes', async () => {
    const key = makeBinanceHmacKey();
    const noTrade = { ...makeBinanceHmacKey(), permissions: { spotTrade: false } };
    const ipBound = { ...makeBinanceHmacKey(), allowedIps: ['10.1.2.3'] };
    const { fake, client } = await fakeWithClient({ exchange: 'binance', keys: [key, noTrade, ipBound] }, key);
    const clientFor = ({ apiKey, secret }: TestKey) =>
      createExchangeClient({ exchangeId: 'binance', credentials: { apiKey, secret }, environment: 'live', urlOverrides: { binance: fake.url } });

    await client.createOrder('BTC/USDT', 'limit', 'buy', 0.001, 60000, { clientOrderId: 'dup' });
    expect(await thrown(client.createOrder('BTC/USDT', 'limit', 'buy', 0.001, 60000, { clientOrderId: 'dup' }))).toBeInstanceOf(ccxt.InvalidOrder);
    expect(await thrown(client.createOrder('BTC/USDT', 'limit', 'buy', 1, 60000))).toBeInstanceOf(ccxt.InsufficientFunds);
    // -1013 "Filter failure: NOTIONAL": ccxt maps the code to BadRequest (LOT_SIZE / PRICE_FILTER bodies become InvalidOrder).
    expect(await thrown(client.createOrder('BTC/USDT', 'limit', 'buy', 0.00005, 60000))).toBeInstanceOf(ccxt.BadRequest);
    expect(await thrown(client.fetchOrder('999', 'BTC/USDT'))).toBeInstanceOf(ccxt.OrderNotFound);
    expect(await thrown(client.cancelOrder('999', 'BTC/USDT'))).toBeInstanceOf(ccxt.OrderNotFound);

    const wrongSecret = await clientFor({ apiKey: key.apiKey, secret: makeBinanceHmacKey().secret });
    expect(await thrown(wrongSecret.fetchBalance())).toBeInstanceOf(ccxt.AuthenticationError);
    expect(await thrown((await clientFor(makeBinanceHmacKey())).fetchBalance())).toBeInstanceOf(ccxt.AuthenticationError);
    expect(await thrown((await clientFor({ apiKey: 'too-short', secret: 'x' })).fetchBalance())).toBeInstanceOf(ccxt.AuthenticationError);
    expect(await thrown((await clientFor(ipBound)).fetchBalance())).toBeInstanceOf(ccxt.AuthenticationError);

    // Missing trade permission is -2015 too. ccxt reads it as AuthenticationError on a fresh client, but as
    // DDoSProtection once that client has had a successful private call (its "temporary ban" workaround).
    const fresh = await clientFor(noTrade);
    expect(await thrown(fresh.createOrder('BTC/USDT', 'market', 'buy', 0.001))).toBeInstanceOf(ccxt.AuthenticationError);
    await fresh.fetchBalance();
    const afterSuccess = await thrown(fresh.createOrder('BTC/USDT', 'market', 'buy', 0.001));
    expect(afterSuccess).toBeInstanceOf(ccxt.DDoSProtection);
    expect(afterSuccess).not.toBeInstanceOf(ccxt.AuthenticationError);

    fake.setClockOffset(30_000);
    const skewed = await thrown(client.fetchBalance());
    expect(skewed).toBeInstanceOf(ccxt.InvalidNonce);
    expect(skewed).toBeInstanceOf(ccxt.NetworkError);
  });

  it('signs with Ed25519 and RSA keys as ccxt does', async () => {
    for (const key of [makeBinanceEd25519Key(), makeBinanceRsaKey()]) {
      const { fake, client } = await fakeWithClient({ exchange: 'binance', keys: [key] }, key);
      expect((await client.fetchBalance())['BTC']?.free).toBe(0.5);
      expect(await client.createOrder('SOL/USDT', 'market', 'sell', 1)).toMatchObject({ status: 'closed', filled: 1 });
      expect(fake.requests.filter((entry) => entry.private).every((entry) => entry.authenticated)).toBe(true);
      const forged = await createExchangeClient({
        exchangeId: 'binance',
        credentials: { apiKey: key.apiKey, secret: key.secret.length > 120 ? makeBinanceRsaKey().secret : makeBinanceEd25519Key().secret },
        environment: 'live',
        urlOverrides: { binance: fake.url },
      });
      expect(await thrown(forged.fetchBalance())).toBeInstanceOf(ccxt.AuthenticationError);
    }
  });

  it('surfaces rate limits, outages, dropped connections and timeouts as ccxt network errors', async () => {
    const key = makeBinanceHmacKey();
    const { fake, client } = await fakeWithClient({ exchange: 'binance', keys: [key] }, key, { timeoutMs: 400 });
    await client.loadMarkets();
    fake.failNext(1, '5xx');
    expect(await thrown(client.fetchTicker('BTC/USDT'))).toBeInstanceOf(ccxt.ExchangeNotAvailable);
    fake.failNext(1, 'drop');
    expect(await thrown(client.fetchTicker('BTC/USDT'))).toBeInstanceOf(ccxt.NetworkError);
    fake.failNext(1, 'timeout');
    expect(await thrown(client.fetchTicker('BTC/USDT'))).toBeInstanceOf(ccxt.RequestTimeout);
    fake.setRateLimit(1);
    const limited = await Promise.allSettled([client.fetchTicker('BTC/USDT'), client.fetchTicker('ETH/USDT')]);
    const failure = limited.find((result) => result.status === 'rejected');
    expect(failure?.status === 'rejected' ? failure.reason : undefined).toBeInstanceOf(ccxt.DDoSProtection);
  });
});

describe('Bybit through ccxt and the fake', () => {
  it('loads spot markets without any private request', async () => {
    const { fake, client } = await fakeWithClient({ exchange: 'bybit', keys: [] }, makeBybitKey());
    const markets = await client.loadMarkets();
    expect(Object.keys(markets).sort()).toEqual(['BTC/USDT', 'ETH/BTC', 'ETH/USDT', 'SOL/USDT']);
    expect(markets['ETH/USDT']).toMatchObject({ spot: true, precision: { amount: 0.0001, price: 0.01 }, limits: { cost: { min: 5 } } });
    expect(paths(fake)).toEqual(['GET /v5/market/instruments-info']);
    expect(fake.privateRequestCount()).toBe(0);
  });

  it('fetches balance (query-api + account/info + wallet-balance), ticker and key info, and trades', async () => {
    const key = makeBybitKey();
    const { fake, client } = await fakeWithClient({ exchange: 'bybit', keys: [{ ...key, permissions: { withdraw: true } }] }, key);
    await client.loadMarkets();
    fake.resetRequests();

    const balance = await client.fetchBalance();
    expect(balance['USDT']).toMatchObject({ free: 10000, used: 0, total: 10000 });
    expect(paths(fake).sort()).toEqual(['GET /v5/account/info', 'GET /v5/account/wallet-balance', 'GET /v5/user/query-api']);
    expect(fake.requests.find((entry) => entry.path === '/v5/account/wallet-balance')?.params).toEqual({ accountType: 'UNIFIED' });
    expect((await client.fetchTicker('BTC/USDT')).last).toBe(65000);

    const market = await client.createOrder('BTC/USDT', 'market', 'buy', 0.001, undefined, { clientOrderId: 'kw-market-1' });
    expect(market).toMatchObject({ clientOrderId: 'kw-market-1' });
    expect(fake.requests.at(-1)?.params).toMatchObject({ orderLinkId: 'kw-market-1', marketUnit: 'baseCoin', qty: '0.001' });
    expect(await client.fetchOrder(idOf(market), 'BTC/USDT', { acknowledged: true })).toMatchObject({ status: 'closed', filled: 0.001, cost: 65 });
    // With a price, ccxt sends the cost as qty and no marketUnit, relying on Bybit's quote-coin default for market buys.
    await client.createOrder('ETH/USDT', 'market', 'buy', 0.01, 3200);
    expect(fake.requests.at(-1)?.params).toMatchObject({ qty: '32' });
    expect(fake.requests.at(-1)?.params['marketUnit']).toBeUndefined();
    expect(fake.orders.at(-1)).toMatchObject({ quoteAmount: 32, amount: 0.01, status: 'filled' });

    const limit = await client.createOrder('BTC/USDT', 'limit', 'buy', 0.001, 60000, { clientOrderId: 'kw-limit-1' });
    expect(await client.fetchOrder(idOf(limit), 'BTC/USDT', { acknowledged: true })).toMatchObject({ status: 'open', price: 60000, amount: 0.001 });
    const byLinkId = await client.fetchOrder('', 'BTC/USDT', { acknowledged: true, orderLinkId: 'kw-limit-1' });
    expect(byLinkId).toMatchObject({ id: limit.id, clientOrderId: 'kw-limit-1' });
    expect((await client.fetchOpenOrders('BTC/USDT')).map((order) => order.id)).toEqual([limit.id]);
    await client.cancelOrder(idOf(limit), 'BTC/USDT');
    expect(await client.fetchOrder(idOf(limit), 'BTC/USDT', { acknowledged: true })).toMatchObject({ status: 'canceled' });
    expect(fake.balances(key.apiKey)['USDT']).toEqual({ free: 9903, locked: 0 });

    const info = (await client.privateGetV5UserQueryApi()) as { result: { readOnly: number; permissions: Record<string, string[]>; ips: string[] } };
    expect(info.result).toMatchObject({ readOnly: 0, ips: ['*'], permissions: { Spot: ['SpotTrade'], Wallet: ['Withdraw'] } });
    expect(fake.requests.every((entry) => !entry.private || entry.authenticated)).toBe(true);
  });

  it('raises the ccxt error classes the real exchange causes', async () => {
    const key = makeBybitKey();
    const readOnly = { ...makeBybitKey(), readOnly: true };
    const ipBound = { ...makeBybitKey(), allowedIps: ['10.1.2.3'] };
    const expired = { ...makeBybitKey(), expiresAt: Date.now() - 1000 };
    const { fake, client } = await fakeWithClient({ exchange: 'bybit', keys: [key, readOnly, ipBound, expired] }, key);
    const clientFor = ({ apiKey, secret }: TestKey) =>
      createExchangeClient({ exchangeId: 'bybit', credentials: { apiKey, secret }, environment: 'live', urlOverrides: { bybit: fake.url } });

    await client.createOrder('BTC/USDT', 'limit', 'buy', 0.001, 60000, { clientOrderId: 'dup' });
    expect(await thrown(client.createOrder('BTC/USDT', 'limit', 'buy', 0.001, 60000, { clientOrderId: 'dup' }))).toBeInstanceOf(ccxt.InvalidOrder);
    expect(await thrown(client.createOrder('BTC/USDT', 'limit', 'buy', 1, 60000))).toBeInstanceOf(ccxt.InsufficientFunds);
    expect(await thrown(client.createOrder('BTC/USDT', 'limit', 'buy', 0.00005, 60000))).toBeInstanceOf(ccxt.InvalidOrder);
    expect(await thrown(client.cancelOrder('42', 'BTC/USDT'))).toBeInstanceOf(ccxt.OrderNotFound);

    const wrongSecret = await clientFor({ apiKey: key.apiKey, secret: makeBybitKey().secret });
    expect(await thrown(wrongSecret.fetchBalance())).toBeInstanceOf(ccxt.AuthenticationError);
    expect(await thrown((await clientFor(makeBybitKey())).fetchBalance())).toBeInstanceOf(ccxt.AuthenticationError);
    expect(await thrown((await clientFor(expired)).fetchBalance())).toBeInstanceOf(ccxt.AuthenticationError);
    expect(await thrown((await clientFor(ipBound)).fetchBalance())).toBeInstanceOf(ccxt.PermissionDenied);
    const viewer = await clientFor(readOnly);
    expect((await viewer.fetchBalance())['USDT']?.free).toBe(10000);
    expect(await thrown(viewer.createOrder('BTC/USDT', 'market', 'buy', 0.001))).toBeInstanceOf(ccxt.PermissionDenied);

    fake.setClockOffset(-30_000);
    expect(await thrown(client.privateGetV5UserQueryApi())).toBeInstanceOf(ccxt.InvalidNonce);
    fake.setClockOffset(0);
    fake.setRateLimit(1);
    const limited = await Promise.allSettled([client.fetchTicker('BTC/USDT'), client.fetchTicker('ETH/USDT')]);
    const failure = limited.find((result) => result.status === 'rejected');
    expect(failure?.status === 'rejected' ? failure.reason : undefined).toBeInstanceOf(ccxt.RateLimitExceeded);
  });

  it('signs with RSA keys as ccxt does', async () => {
    const key = makeBybitRsaKey();
    const { fake, client } = await fakeWithClient({ exchange: 'bybit', keys: [key] }, key);
    expect((await client.fetchBalance())['ETH']?.free).toBe(5);
    expect(fake.requests.filter((entry) => entry.private).every((entry) => entry.authenticated)).toBe(true);
  });
});
