/**
 * Perpetual futures through real ccxt 4.5.84 against the offline fake Binance USDⓈ-M (/fapi): each
 * order kind in each position mode, the -4061 mismatch prevented (and a mode switched between the
 * read and the send), leverage and margin mode, positions, and the worst leverage inputs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { makeBinanceHmacKey, sendBinanceRequest, startFakeExchange, type FakeExchange } from '../../../testing/fake-exchange';
import { ManualClock } from '../../../testing/test-core';
import { createExchangeClient } from '../../exchanges/exchange-client';
import { isKeywardenError } from '../../errors';
import { assertLeverageAllowed, positionLimitRefusal, positionNotionalAfter, readLeverage } from './futures-limits';
import { isFuturesSymbol, resolveLinearMarket } from './perpetual-symbol';
import { FuturesVenue } from './futures-venue';
import { POSITION_MODE_TTL_MS, PositionModes } from './position-mode';

const started: FakeExchange[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((fake) => fake.stop()));
});

async function setUp() {
  const key = makeBinanceHmacKey();
  const fake = await startFakeExchange({ exchange: 'binance', keys: [{ ...key, permissions: { futures: true } }] });
  started.push(fake);
  const client = await createExchangeClient({ exchangeId: 'binance', credentials: key, environment: 'live', urlOverrides: { binance: fake.url }, marketKind: 'linear' });
  await client.loadMarkets();
  const clock = new ManualClock();
  const modes = new PositionModes(clock);
  return { fake, key, client, clock, modes, venue: new FuturesVenue(modes), market: resolveLinearMarket(client, 'BTCUSDT.P') };
}

const orderPosts = (fake: FakeExchange) => fake.requests.filter((r) => r.method === 'POST' && r.path === '/fapi/v1/order');

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

describe('loading perpetual markets', () => {
  it('loads only the linear markets, publicly, and resolves TradingView and unified perpetual symbols', async () => {
    const { fake, client } = await setUp();
    expect(fake.privateRequestCount()).toBe(0);
    expect(fake.requests.map((r) => r.path)).toEqual(['/fapi/v1/exchangeInfo']);
    for (const symbol of ['BTCUSDT.P', 'BINANCE:BTCUSDT.P', 'btcusdt.p', 'BTC/USDT:USDT']) expect(resolveLinearMarket(client, symbol).symbol).toBe('BTC/USDT:USDT');
    expect(isFuturesSymbol('BTCUSDT.P') && isFuturesSymbol('BTC/USDT:USDT') && !isFuturesSymbol('BTCUSDT') && !isFuturesSymbol('BINANCE:BTCUSDT')).toBe(true);
  });

  it('refuses coin-margined, dated, PERP-suffixed, spot and unknown symbols with the reason', async () => {
    const { client } = await setUp();
    const codeOf = (symbol: string) => {
      try {
        resolveLinearMarket(client, symbol);
        return 'resolved';
      } catch (error) {
        return isKeywardenError(error) ? `${error.code}: ${error.message}` : 'other';
      }
    };
    expect(codeOf('BTCUSD.P')).toMatch(/^FUTURES_NOT_SUPPORTED: .*coin-margined/);
    expect(codeOf('BTC/USDT:USDT-261225')).toMatch(/^FUTURES_NOT_SUPPORTED: .*dated/);
    expect(codeOf('BTCUSDTPERP')).toMatch(/^FUTURES_NOT_SUPPORTED: .*BTCUSDT\.P/);
    expect(codeOf('BTCUSDT')).toMatch(/^INVALID_SYMBOL: .*spot symbol/);
    expect(codeOf('DOGEUSDT.P')).toMatch(/^INVALID_SYMBOL: /);
  });
});

describe.each(['one-way', 'hedge'] as const)('orders in %s mode', (mode) => {
  async function inMode() {
    const setup = await setUp();
    if (mode === 'hedge') setup.fake.futures.setHedged(setup.key.apiKey, true);
    return setup;
  }

  it('opens with a market order, closes reduce-only, and never meets -4061', async () => {
    const { fake, key, client, venue, market } = await inMode();
    const opened = await venue.send('acct', client, { market, side: 'buy', type: 'market', amount: 0.01, limitPrice: null, reduceOnly: false, clientOrderId: 'kw-open-1' });
    expect(opened.status).toBe('closed');
    expect(await venue.positions(client, market)).toMatchObject([{ symbol: 'BTC/USDT:USDT', side: 'long', amount: 0.01, entryPrice: 65000, leverage: 20, marginMode: 'cross' }]);

    const closes = await venue.closingOrders(client, market, (i) => `kw-close-${i}`);
    expect(closes).toMatchObject([{ side: 'sell', amount: 0.01, reduceOnly: true }]);
    for (const spec of closes) await venue.send('acct', client, spec);
    expect(await venue.positions(client, market)).toEqual([]);

    const sent = orderPosts(fake);
    expect(sent.map((r) => r.errorCode)).toEqual([undefined, undefined]);
    // One-way: BOTH (nothing sent) and reduceOnly; hedge: LONG on both orders, no reduceOnly (Binance refuses it there).
    expect(sent.map((r) => [r.params['positionSide'], r.params['reduceOnly']])).toEqual(mode === 'hedge' ? [['LONG', undefined], ['LONG', undefined]] : [[undefined, undefined], [undefined, 'true']]);
    expect(sent.map((r) => r.params['newClientOrderId'])).toEqual(['kw-open-1', 'kw-close-0']);
    expect(fake.futures.positionsOf(key.apiKey, 'BTC/USDT').every((p) => p.amount === 0)).toBe(true);
  });

  it('opens a short and closes it', async () => {
    const { fake, client, venue, market } = await inMode();
    await venue.send('acct', client, { market, side: 'sell', type: 'market', amount: 0.02, limitPrice: null, reduceOnly: false, clientOrderId: 'kw-short' });
    expect(await venue.positions(client, market)).toMatchObject([{ side: 'short', amount: 0.02 }]);
    for (const spec of await venue.closingOrders(client, market, (i) => `kw-cover-${i}`)) {
      expect(spec.side).toBe('buy');
      await venue.send('acct', client, spec);
    }
    expect(await venue.positions(client, market)).toEqual([]);
    expect(orderPosts(fake).map((r) => r.params['positionSide'])).toEqual(mode === 'hedge' ? ['SHORT', 'SHORT'] : [undefined, undefined]);
  });

  it('rests a limit order below the market, found again by its client order id', async () => {
    const { client, venue, market } = await inMode();
    const order = await venue.send('acct', client, { market, side: 'buy', type: 'limit', amount: 0.01, limitPrice: 60000, reduceOnly: false, clientOrderId: 'kw-limit' });
    expect(order.status).toBe('open');
    expect((await client.fetchOrder(undefined as unknown as string, market.symbol, { clientOrderId: 'kw-limit' })).status).toBe('open');
    expect(await venue.positions(client, market)).toEqual([]);
  });

  it('has nothing to close when flat, and the exchange refuses a reduce-only that would open', async () => {
    const { client, venue, market } = await inMode();
    expect(await venue.closingOrders(client, market, (i) => `kw-${i}`)).toEqual([]);
    const refused = await failure(venue.send('acct', client, { market, side: 'sell', type: 'market', amount: 0.01, limitPrice: null, reduceOnly: true, clientOrderId: 'kw-ro' }));
    expect(refused.message).toContain('-2022');
    expect(await venue.positions(client, market)).toEqual([]);
  });
});

describe('position mode', () => {
  it('the fake refuses a position side that does not match the mode with -4061, as Binance does', async () => {
    const { fake, key } = await setUp();
    const answer = await sendBinanceRequest(fake.url, { key, method: 'POST', path: '/fapi/v1/order', params: { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.01', positionSide: 'LONG' } });
    expect(answer.json).toEqual({ code: -4061, msg: "Order's position side does not match user's setting." });
  });

  it('reads the mode once for a burst, and again after its short life', async () => {
    const { fake, client, clock, venue, market } = await setUp();
    const spec = { market, side: 'buy' as const, type: 'market' as const, amount: 0.01, limitPrice: null, reduceOnly: false };
    await venue.send('acct', client, { ...spec, clientOrderId: 'a' });
    await venue.send('acct', client, { ...spec, clientOrderId: 'b' });
    const reads = () => fake.requests.filter((r) => r.path === '/fapi/v1/positionSide/dual').length;
    expect(reads()).toBe(1);
    clock.advance(POSITION_MODE_TTL_MS);
    await venue.send('acct', client, { ...spec, clientOrderId: 'c' });
    expect(reads()).toBe(2);
  });

  it('a mode switched on the exchange between the read and the send: refused (-4061), re-read, placed exactly once', async () => {
    const { fake, key, client, venue, market } = await setUp();
    expect(await venue.readMode('acct', client, market)).toBe('one-way');
    fake.futures.setHedged(key.apiKey, true);
    const order = await venue.send('acct', client, { market, side: 'buy', type: 'market', amount: 0.01, limitPrice: null, reduceOnly: false, clientOrderId: 'kw-switch' });
    expect(order.status).toBe('closed');
    expect(orderPosts(fake).map((r) => r.errorCode)).toEqual([-4061, undefined]);
    expect(fake.futuresOrders.filter((o) => o.clientOrderId === 'kw-switch')).toHaveLength(1);
  });

  it('an order the exchange refuses for another reason is not sent again', async () => {
    const { fake, client, venue, market } = await setUp();
    // Any refusal other than a mode mismatch is final: one POST, no second try.
    const refused = await failure(venue.send('acct', client, { market, side: 'sell', type: 'market', amount: 0.01, limitPrice: null, reduceOnly: true, clientOrderId: 'kw-x' }));
    expect(refused.message).toContain('-2022');
    expect(orderPosts(fake)).toHaveLength(1);
  });
});

describe('leverage and margin mode', () => {
  it('sets leverage and isolated margin as the person chose, shown with the liquidation price', async () => {
    const { fake, client, venue, market } = await setUp();
    await venue.setLeverage(client, market, 10, 'isolated');
    await venue.setLeverage(client, market, 10, 'isolated'); // already so: -4046 is not an error
    await venue.send('acct', client, { market, side: 'buy', type: 'market', amount: 0.01, limitPrice: null, reduceOnly: false, clientOrderId: 'kw-lev' });
    const [position] = await venue.positions(client, market);
    expect(position).toMatchObject({ leverage: 10, marginMode: 'isolated' });
    expect(position?.liquidationPrice).toBeGreaterThan(50000);
    expect(position?.liquidationPrice).toBeLessThan(65000);
    expect(fake.requests.filter((r) => r.path === '/fapi/v1/marginType').map((r) => r.errorCode)).toEqual([undefined, -4046]);
  });

  it('reads typed leverage strictly', () => {
    expect(readLeverage('10')).toBe(10);
    expect(readLeverage('10x')).toBe(10);
    expect(readLeverage(' 3X ')).toBe(3);
    expect(readLeverage(125)).toBe(125);
    for (const bad of ['0', '126', '1,5', '1.5', '-3', 'ten', '', '1e3', '10xx', '99999999999999999999']) {
      expect(() => readLeverage(bad), bad).toThrow(/leverage/i);
    }
    expect(() => readLeverage(Number.NaN)).toThrow();
  });

  it('refuses leverage above the limit and positions above the per-symbol limit, never a close', () => {
    expect(() => assertLeverageAllowed(20, 10, 'global')).toThrow(/above the limit of 10x/);
    expect(() => assertLeverageAllowed(10, 10, 'global')).not.toThrow();
    // Leverage does not shrink value: 0.1 BTC at 65,000 is $6,500 at any leverage.
    expect(positionNotionalAfter(0, 'buy', 0.1, 65000, false)).toBe(6500);
    expect(positionLimitRefusal(6500, 0, 5000, 'BTC/USDT:USDT', 'global')).toMatch(/limit per position/);
    expect(positionLimitRefusal(positionNotionalAfter(0.2, 'sell', 0.1, 65000, true), 13000, 5000, 'BTC/USDT:USDT', 'global')).toBeNull();
    // A reduce-only larger than the position cannot flip it.
    expect(positionNotionalAfter(0.1, 'sell', 0.5, 65000, true)).toBe(6500);
    expect(positionNotionalAfter(0.1, 'sell', 0.3, 65000, false)).toBeCloseTo(13000);
  });
});
