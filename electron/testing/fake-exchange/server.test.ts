import { afterEach, describe, expect, it } from 'vitest';
import { makeBinanceEd25519Key, makeBinanceHmacKey, makeBinanceRsaKey, makeBybitKey, makeBybitRsaKey } from './keys';
import { startFakeExchange } from './server';
import { sendBinanceRequest, sendBybitRequest } from './signed-request';
import type { FakeExchange, FakeExchangeOptions } from './types';

const started: FakeExchange[] = [];

async function start(options: FakeExchangeOptions): Promise<FakeExchange> {
  const fake = await startFakeExchange(options);
  started.push(fake);
  return fake;
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((fake) => fake.stop()));
});

function binanceError(json: unknown): { code: number; msg: string } {
  return json as { code: number; msg: string };
}

function bybitEnvelope(json: unknown): { retCode: number; retMsg: string; result: Record<string, unknown>; retExtInfo: unknown; time: number } {
  return json as { retCode: number; retMsg: string; result: Record<string, unknown>; retExtInfo: unknown; time: number };
}

describe('fake exchange server', () => {
  it('listens on 127.0.0.1 with a random port and stops cleanly (twice is fine)', async () => {
    const fake = await start({ exchange: 'binance' });
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const answer = await sendBinanceRequest(fake.url, { path: '/api/v3/time' });
    expect(answer.status).toBe(200);
    await fake.stop();
    await fake.stop();
    await expect(fetch(`${fake.url}/api/v3/time`)).rejects.toThrow();
  });

  it('stops by itself after maxLifetimeMs', async () => {
    const fake = await start({ exchange: 'bybit', maxLifetimeMs: 50 });
    // Polls until the listener is gone (no fixed sleep; vitest's timeout bounds it).
    await expect.poll(async () => fetch(`${fake.url}/v5/market/time`).then(() => 'up', () => 'down'), { interval: 20, timeout: 5000 }).toBe('down');
  });

  it('applies latency and the clock offset', async () => {
    const fake = await start({ exchange: 'binance', latencyMs: 400, clockOffsetMs: 60_000 });
    const before = Date.now();
    const answer = await sendBinanceRequest(fake.url, { path: '/api/v3/time' });
    expect(Date.now() - before).toBeGreaterThanOrEqual(395);
    expect((answer.json as { serverTime: number }).serverTime).toBeGreaterThanOrEqual(before + 59_000);
    fake.setLatency({ min: 0, max: 0 });
    const quick = Date.now();
    await sendBinanceRequest(fake.url, { path: '/api/v3/ping' });
    expect(Date.now() - quick).toBeLessThan(395);
  });

  it('injects queued faults: 5xx, dropped socket, no answer', async () => {
    const fake = await start({ exchange: 'bybit' });
    fake.failNext(1, '5xx');
    fake.failNext(1, 'drop');
    fake.failNext(1, 'timeout');
    const unavailable = await sendBybitRequest(fake.url, { path: '/v5/market/time' });
    expect(unavailable.status).toBe(502);
    await expect(fetch(`${fake.url}/v5/market/time`)).rejects.toThrow();
    await expect(fetch(`${fake.url}/v5/market/time`, { signal: AbortSignal.timeout(200) })).rejects.toThrow();
    const ok = await sendBybitRequest(fake.url, { path: '/v5/market/time' });
    expect(ok.status).toBe(200);
    expect(fake.requests.map((entry) => entry.fault)).toEqual(['5xx', 'drop', 'timeout', undefined]);
  });

  it('rolls random faults deterministically from the seed', async () => {
    async function outcomes(seed: number): Promise<string[]> {
      const fake = await start({ exchange: 'binance', faults: { errorRate: 0.3, dropRate: 0.2, seed } });
      const results: string[] = [];
      for (let i = 0; i < 30; i++) {
        results.push(
          await fetch(`${fake.url}/api/v3/ping`).then(
            (response) => String(response.status),
            () => 'dropped',
          ),
        );
      }
      return results;
    }
    const first = await outcomes(42);
    expect(await outcomes(42)).toEqual(first);
    expect(first).toContain('503');
    expect(first).toContain('dropped');
    expect(first).toContain('200');
  });

  it('records requests without the signature, and counts private ones', async () => {
    const key = makeBinanceHmacKey();
    const fake = await start({ exchange: 'binance', keys: [key] });
    await sendBinanceRequest(fake.url, { path: '/api/v3/exchangeInfo' });
    await sendBinanceRequest(fake.url, { path: '/api/v3/account', key });
    expect(fake.privateRequestCount()).toBe(1);
    const account = fake.requests[1];
    expect(account).toMatchObject({ method: 'GET', path: '/api/v3/account', apiKey: key.apiKey, private: true, authenticated: true, status: 200 });
    expect(Object.keys(account?.params ?? {})).not.toContain('signature');
    expect(JSON.stringify(fake.requests)).not.toContain(key.secret);
    fake.resetRequests();
    expect(fake.requests).toEqual([]);
  });
});

describe('fake Binance authentication', () => {
  it('accepts a correctly signed request and refuses unsigned access to private endpoints', async () => {
    const key = makeBinanceHmacKey();
    const fake = await start({ exchange: 'binance', keys: [key] });
    expect((await sendBinanceRequest(fake.url, { path: '/api/v3/account', key })).status).toBe(200);

    const unsigned = await sendBinanceRequest(fake.url, { path: '/api/v3/account', apiKeyHeader: key.apiKey, params: { timestamp: String(Date.now()) } });
    expect(unsigned.status).toBe(400);
    expect(binanceError(unsigned.json).code).toBe(-1102);

    const noKey = await sendBinanceRequest(fake.url, { path: '/api/v3/account' });
    expect(noKey.status).toBe(401);
    expect(binanceError(noKey.json)).toEqual({ code: -2014, msg: 'API-key format invalid.' });
  });

  it('answers an unknown key, a wrong IP and a missing permission alike with 401 -2015', async () => {
    const known = makeBinanceHmacKey();
    const ipBound = { ...makeBinanceHmacKey(), allowedIps: ['10.1.2.3'] };
    const readOnly = { ...makeBinanceHmacKey(), permissions: { spotTrade: false } };
    const fake = await start({ exchange: 'binance', keys: [known, ipBound, readOnly] });
    const expected = { code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' };

    const unknown = await sendBinanceRequest(fake.url, { path: '/api/v3/account', key: makeBinanceHmacKey() });
    expect([unknown.status, unknown.json]).toEqual([401, expected]);
    const wrongIp = await sendBinanceRequest(fake.url, { path: '/api/v3/account', key: ipBound });
    // A refused IP is the same -2015, with the address Binance saw appended (as real answers carry it).
    expect([wrongIp.status, wrongIp.json]).toEqual([401, { code: -2015, msg: 'Invalid API-key, IP, or permissions for action, request ip: 127.0.0.1' }]);
    const order = { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.001' };
    const noTrade = await sendBinanceRequest(fake.url, { method: 'POST', path: '/api/v3/order', params: order, key: readOnly });
    expect([noTrade.status, noTrade.json]).toEqual([401, expected]);
    // The same key may still read.
    expect((await sendBinanceRequest(fake.url, { path: '/api/v3/account', key: readOnly })).status).toBe(200);
  });

  it('refuses a wrong signature with 400 -1022', async () => {
    const key = makeBinanceHmacKey();
    const fake = await start({ exchange: 'binance', keys: [key] });
    const wrongSecret = await sendBinanceRequest(fake.url, { path: '/api/v3/account', key: { apiKey: key.apiKey, secret: makeBinanceHmacKey().secret } });
    expect([wrongSecret.status, wrongSecret.json]).toEqual([400, { code: -1022, msg: 'Signature for this request is not valid.' }]);
    const garbage = await sendBinanceRequest(fake.url, { path: '/api/v3/account', key, signature: 'abc' });
    expect(binanceError(garbage.json).code).toBe(-1022);
    expect(fake.requests.every((entry) => !entry.authenticated)).toBe(true);
  });

  it('refuses timestamps outside recvWindow or over 1 s ahead with 400 -1021', async () => {
    const key = makeBinanceHmacKey();
    const fake = await start({ exchange: 'binance', keys: [key] });
    const stale = await sendBinanceRequest(fake.url, { path: '/api/v3/account', key, timestamp: Date.now() - 6000 });
    expect([stale.status, stale.json]).toEqual([400, { code: -1021, msg: 'Timestamp for this request is outside of the recvWindow.' }]);
    const ahead = await sendBinanceRequest(fake.url, { path: '/api/v3/account', key, timestamp: Date.now() + 5000 });
    expect(binanceError(ahead.json)).toEqual({ code: -1021, msg: "Timestamp for this request was 1000ms ahead of the server's time." });
    const widerWindow = await sendBinanceRequest(fake.url, { path: '/api/v3/account', key, timestamp: Date.now() - 6000, recvWindow: 10_000 });
    expect(widerWindow.status).toBe(200);
    const tooWide = await sendBinanceRequest(fake.url, { path: '/api/v3/account', key, recvWindow: 70_000 });
    expect(binanceError(tooWide.json).code).toBe(-1131);
  });

  it('sees the skew of its own clock', async () => {
    const key = makeBinanceHmacKey();
    const fake = await start({ exchange: 'binance', keys: [key], clockOffsetMs: 30_000 });
    expect(binanceError((await sendBinanceRequest(fake.url, { path: '/api/v3/account', key })).json).code).toBe(-1021);
  });

  it('stops trading, not reading, when the trading authority expires', async () => {
    const key = { ...makeBinanceHmacKey(), expiresAt: Date.now() - 1000 };
    const fake = await start({ exchange: 'binance', keys: [key] });
    const account = await sendBinanceRequest(fake.url, { path: '/api/v3/account', key });
    expect((account.json as { canTrade: boolean }).canTrade).toBe(false);
    const order = await sendBinanceRequest(fake.url, { method: 'POST', path: '/api/v3/order', key, params: { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.001' } });
    expect(binanceError(order.json).code).toBe(-2015);
  });

  it.each([
    ['Ed25519', makeBinanceEd25519Key],
    ['RSA', makeBinanceRsaKey],
  ])('verifies %s keys and refuses a signature from another key pair', async (_kind, makeKey) => {
    const key = makeKey();
    const fake = await start({ exchange: 'binance', keys: [key] });
    expect((await sendBinanceRequest(fake.url, { path: '/api/v3/account', key })).status).toBe(200);
    const order = await sendBinanceRequest(fake.url, { method: 'POST', path: '/api/v3/order', key, params: { symbol: 'ETHUSDT', side: 'BUY', type: 'MARKET', quantity: '0.01' } });
    expect((order.json as { status: string }).status).toBe('FILLED');
    const forged = await sendBinanceRequest(fake.url, { path: '/api/v3/account', key: { apiKey: key.apiKey, secret: makeKey().secret } });
    expect(binanceError(forged.json).code).toBe(-1022);
  });

  it('answers over the rate limit with 429 -1003 and Retry-After', async () => {
    const fake = await start({ exchange: 'binance', rateLimitPerSecond: 2 });
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof sendBinanceRequest>> | undefined;
    for (let i = 0; i < 3; i++) {
      const answer = await sendBinanceRequest(fake.url, { path: '/api/v3/ping' });
      statuses.push(answer.status);
      if (answer.status === 429) limited = answer;
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(binanceError(limited?.json).code).toBe(-1003);
    expect(limited?.headers.get('retry-after')).toBe('1');
    expect(fake.requests[2]?.fault).toBe('rate-limit');
  });
});

describe('fake Binance orders', () => {
  it('fills market orders at the last price and moves the balances, in base or quote units', async () => {
    const key = makeBinanceHmacKey();
    const fake = await start({ exchange: 'binance', keys: [key], balances: { USDT: 1000 } });
    const byQuantity = await sendBinanceRequest(fake.url, { method: 'POST', path: '/api/v3/order', key, params: { symbol: 'ETHUSDT', side: 'BUY', type: 'MARKET', quantity: '0.1' } });
    expect(byQuantity.json).toMatchObject({ status: 'FILLED', executedQty: '0.10000000', cummulativeQuoteQty: '320.00000000' });
    const byQuote = await sendBinanceRequest(fake.url, { method: 'POST', path: '/api/v3/order', key, params: { symbol: 'ETHUSDT', side: 'BUY', type: 'MARKET', quoteOrderQty: '100' } });
    expect(byQuote.json).toMatchObject({ status: 'FILLED', executedQty: '0.03120000', origQuoteOrderQty: '100.00000000' });
    expect(fake.balances(key.apiKey)).toEqual({ USDT: { free: 580.16, locked: 0 }, ETH: { free: 0.1312, locked: 0 } });
  });

  it('rests limit orders with locked funds, fills them when the price crosses, and cancels the rest', async () => {
    const key = makeBinanceHmacKey();
    const fake = await start({ exchange: 'binance', keys: [key] });
    const place = (price: string, id: string) =>
      sendBinanceRequest(fake.url, { method: 'POST', path: '/api/v3/order', key, params: { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.001', price, newClientOrderId: id } });
    expect((await place('60000', 'a')).json).toMatchObject({ status: 'NEW', clientOrderId: 'a' });
    expect((await place('50000', 'b')).json).toMatchObject({ status: 'NEW' });
    expect(fake.balances(key.apiKey)['USDT']).toEqual({ free: 9890, locked: 110 });
    fake.setPrice('BTC/USDT', 59_000);
    expect(fake.orders.map((order) => order.status)).toEqual(['filled', 'open']);
    const cancel = await sendBinanceRequest(fake.url, { method: 'DELETE', path: '/api/v3/order', key, params: { symbol: 'BTCUSDT', origClientOrderId: 'b' } });
    expect(cancel.json).toMatchObject({ status: 'CANCELED', origClientOrderId: 'b' });
    expect(fake.balances(key.apiKey)['USDT']).toEqual({ free: 9940, locked: 0 });
    const again = await sendBinanceRequest(fake.url, { method: 'DELETE', path: '/api/v3/order', key, params: { symbol: 'BTCUSDT', origClientOrderId: 'b' } });
    expect(again.json).toEqual({ code: -2011, msg: 'Unknown order sent.' });
    const missing = await sendBinanceRequest(fake.url, { path: '/api/v3/order', key, params: { symbol: 'BTCUSDT', orderId: '1' } });
    expect(missing.json).toEqual({ code: -2013, msg: 'Order does not exist.' });
  });

  it('answers order errors with Binance codes', async () => {
    const key = makeBinanceHmacKey();
    const other = makeBinanceHmacKey();
    const fake = await start({ exchange: 'binance', keys: [key, other] });
    const order = (params: Record<string, string>, signer = key) => sendBinanceRequest(fake.url, { method: 'POST', path: '/api/v3/order', key: signer, params });
    const limit = { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', price: '60000' };
    expect((await order({ ...limit, quantity: '1' })).json).toEqual({ code: -2010, msg: 'Account has insufficient balance for requested action.' });
    expect((await order({ ...limit, quantity: '0.00005' })).json).toEqual({ code: -1013, msg: 'Filter failure: NOTIONAL' });
    expect((await order({ ...limit, quantity: '0.000015' })).json).toEqual({ code: -1013, msg: 'Filter failure: LOT_SIZE' });
    expect((await order({ ...limit, quantity: '0.001', price: '60000.001' })).json).toEqual({ code: -1013, msg: 'Filter failure: PRICE_FILTER' });
    expect((await order({ ...limit, symbol: 'DOGEUSDT', quantity: '1' })).json).toEqual({ code: -1121, msg: 'Invalid symbol.' });
    expect((await order({ ...limit, quantity: '0.001', newClientOrderId: 'same' })).status).toBe(200);
    expect((await order({ ...limit, quantity: '0.001', newClientOrderId: 'same' })).json).toEqual({ code: -2010, msg: 'Duplicate order sent.' });
    // Another account may use the same client id, and cannot see this account's orders.
    expect((await order({ ...limit, quantity: '0.001', newClientOrderId: 'same' }, other)).status).toBe(200);
    const peek = await sendBinanceRequest(fake.url, { path: '/api/v3/openOrders', key: other });
    expect((peek.json as unknown[]).length).toBe(1);
  });

  it('reports key permissions on /sapi/v1/account/apiRestrictions', async () => {
    const key = { ...makeBinanceHmacKey(), permissions: { withdraw: true, futures: true }, allowedIps: ['127.0.0.1'] };
    const fake = await start({ exchange: 'binance', keys: [key] });
    const answer = await sendBinanceRequest(fake.url, { path: '/sapi/v1/account/apiRestrictions', key });
    expect(answer.json).toMatchObject({
      ipRestrict: true,
      enableReading: true,
      enableSpotAndMarginTrading: true,
      enableWithdrawals: true,
      enableFutures: true,
      enableInternalTransfer: false,
      permitsUniversalTransfer: false,
    });
  });
});

describe('fake Bybit authentication', () => {
  it('accepts a correctly signed request and refuses missing or unknown keys with 10003', async () => {
    const key = makeBybitKey();
    const fake = await start({ exchange: 'bybit', keys: [key] });
    const ok = await sendBybitRequest(fake.url, { path: '/v5/account/wallet-balance', params: { accountType: 'UNIFIED' }, key });
    expect(bybitEnvelope(ok.json)).toMatchObject({ retCode: 0, retMsg: 'OK', retExtInfo: {} });
    expect(typeof bybitEnvelope(ok.json).time).toBe('number');

    const missing = await sendBybitRequest(fake.url, { path: '/v5/account/wallet-balance', params: { accountType: 'UNIFIED' } });
    expect([missing.status, bybitEnvelope(missing.json).retCode]).toEqual([401, 10003]);
    const unknown = await sendBybitRequest(fake.url, { path: '/v5/account/wallet-balance', params: { accountType: 'UNIFIED' }, key: makeBybitKey() });
    expect(bybitEnvelope(unknown.json)).toMatchObject({ retCode: 10003, retMsg: 'API key is invalid.' });
  });

  it('refuses a wrong signature with 10004, for GET queries and POST bodies', async () => {
    const key = makeBybitKey();
    const fake = await start({ exchange: 'bybit', keys: [key] });
    const forged = { apiKey: key.apiKey, secret: makeBybitKey().secret };
    const get = await sendBybitRequest(fake.url, { path: '/v5/account/wallet-balance', params: { accountType: 'UNIFIED' }, key: forged });
    expect(bybitEnvelope(get.json).retCode).toBe(10004);
    expect(bybitEnvelope(get.json).retMsg).toMatch(/^error sign! origin_string\[/);
    expect(get.text).not.toContain(key.secret);
    const post = await sendBybitRequest(fake.url, {
      method: 'POST',
      path: '/v5/order/create',
      params: { category: 'spot', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Market', qty: '0.001', marketUnit: 'baseCoin' },
      key: forged,
    });
    expect(bybitEnvelope(post.json).retCode).toBe(10004);
    expect(fake.orders).toEqual([]);
  });

  it('refuses stale timestamps with 10002, expired keys with 33004, other IPs with 10010', async () => {
    const key = makeBybitKey();
    const expired = { ...makeBybitKey(), expiresAt: Date.now() - 1 };
    const ipBound = { ...makeBybitKey(), allowedIps: ['10.1.2.3'] };
    const fake = await start({ exchange: 'bybit', keys: [key, expired, ipBound] });
    const call = (signer: { apiKey: string; secret: string }, timestamp?: number) =>
      sendBybitRequest(fake.url, { path: '/v5/user/query-api', key: signer, ...(timestamp !== undefined ? { timestamp } : {}) });
    expect(bybitEnvelope((await call(key, Date.now() - 6000)).json).retCode).toBe(10002);
    expect(bybitEnvelope((await call(key, Date.now() + 2000)).json).retCode).toBe(10002);
    expect(bybitEnvelope((await call(expired)).json)).toMatchObject({ retCode: 33004 });
    expect(bybitEnvelope((await call(ipBound)).json)).toMatchObject({ retCode: 10010, retMsg: "Unmatched IP, please check your API key's bound IP addresses." });
  });

  it('refuses trading for read-only keys with 10005', async () => {
    const key = { ...makeBybitKey(), readOnly: true };
    const fake = await start({ exchange: 'bybit', keys: [key] });
    const answer = await sendBybitRequest(fake.url, {
      method: 'POST',
      path: '/v5/order/create',
      params: { category: 'spot', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Market', qty: '0.001', marketUnit: 'baseCoin' },
      key,
    });
    expect(bybitEnvelope(answer.json)).toMatchObject({ retCode: 10005, retMsg: 'Permission denied, please check your API key permissions.' });
    const info = await sendBybitRequest(fake.url, { path: '/v5/user/query-api', key });
    expect(bybitEnvelope(info.json).result).toMatchObject({ readOnly: 1, permissions: { Spot: [] }, ips: ['*'] });
  });

  it('verifies RSA keys', async () => {
    const key = makeBybitRsaKey();
    const fake = await start({ exchange: 'bybit', keys: [key] });
    const answer = await sendBybitRequest(fake.url, { path: '/v5/user/query-api', key });
    expect(bybitEnvelope(answer.json).retCode).toBe(0);
    expect(String(bybitEnvelope(answer.json).result['rsaPublicKey'])).toContain('PUBLIC KEY');
    const forged = await sendBybitRequest(fake.url, { path: '/v5/user/query-api', key: { apiKey: key.apiKey, secret: makeBybitRsaKey().secret } });
    expect(bybitEnvelope(forged.json).retCode).toBe(10004);
  });

  it('answers over the rate limit with 10006', async () => {
    const fake = await start({ exchange: 'bybit', rateLimitPerSecond: 1 });
    await sendBybitRequest(fake.url, { path: '/v5/market/time' });
    const limited = await sendBybitRequest(fake.url, { path: '/v5/market/time' });
    expect(bybitEnvelope(limited.json).retCode).toBe(10006);
    fake.setRateLimit(undefined);
    expect(bybitEnvelope((await sendBybitRequest(fake.url, { path: '/v5/market/time' })).json).retCode).toBe(0);
  });
});

describe('fake Bybit orders', () => {
  it('answers order errors with Bybit codes', async () => {
    const key = makeBybitKey();
    const fake = await start({ exchange: 'bybit', keys: [key] });
    const create = (params: Record<string, string>) =>
      sendBybitRequest(fake.url, { method: 'POST', path: '/v5/order/create', key, params: { category: 'spot', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Limit', price: '60000', ...params } });
    expect(bybitEnvelope((await create({ qty: '1' })).json).retCode).toBe(110007);
    expect(bybitEnvelope((await create({ qty: '0.00005' })).json).retCode).toBe(170140);
    expect(bybitEnvelope((await create({ qty: '0.001', orderLinkId: 'dup' })).json).retCode).toBe(0);
    expect(bybitEnvelope((await create({ qty: '0.001', orderLinkId: 'dup' })).json)).toMatchObject({ retCode: 110072, retMsg: 'OrderLinkedID is duplicate' });
    expect(bybitEnvelope((await create({ qty: '0.001', symbol: 'DOGEUSDT' })).json)).toMatchObject({ retCode: 10001, retMsg: 'Not supported symbols' });
    const cancel = await sendBybitRequest(fake.url, { method: 'POST', path: '/v5/order/cancel', key, params: { category: 'spot', symbol: 'BTCUSDT', orderId: '42' } });
    expect(bybitEnvelope(cancel.json).retCode).toBe(110001);
  });

  it('sizes market buys in the quote coin unless marketUnit says otherwise (Bybit default)', async () => {
    const key = makeBybitKey();
    const fake = await start({ exchange: 'bybit', keys: [key] });
    await sendBybitRequest(fake.url, { method: 'POST', path: '/v5/order/create', key, params: { category: 'spot', symbol: 'SOLUSDT', side: 'Buy', orderType: 'Market', qty: '30' } });
    await sendBybitRequest(fake.url, { method: 'POST', path: '/v5/order/create', key, params: { category: 'spot', symbol: 'SOLUSDT', side: 'Sell', orderType: 'Market', qty: '1' } });
    expect(fake.orders.map((order) => [order.side, order.amount, order.quoteAmount, order.status])).toEqual([
      ['buy', 0.2, 30, 'filled'],
      ['sell', 1, undefined, 'filled'],
    ]);
    expect(fake.balances(key.apiKey)['SOL']?.free).toBeCloseTo(49.2, 8);
  });
});
