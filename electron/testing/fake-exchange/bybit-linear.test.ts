/**
 * The fake Bybit's category=linear, spoken to by real ccxt (the futures client Keywarden builds):
 * markets, ticker, orders in one-way and hedge mode (positionIdx), reduce-only refusals, the mode
 * mismatch Bybit answers with 10001, positions, leverage ("not modified" is 110043) and position mode.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Exchange } from 'ccxt';
import { createExchangeClient } from '../../core/exchanges/exchange-client';
import { exchangeErrorCode } from '../../core/exchanges/ccxt-error';
import { makeBybitKey, startFakeExchange, type FakeExchange } from './index';

async function refusal(call: () => Promise<unknown>): Promise<{ code: string | null; message: string }> {
  try {
    await call();
  } catch (error) {
    return { code: exchangeErrorCode(error), message: error instanceof Error ? error.message : '' };
  }
  throw new Error('not refused');
}

describe('fake Bybit linear through ccxt', () => {
  let bybit: FakeExchange;
  let client: Exchange;
  const key = makeBybitKey();
  const symbol = 'BTC/USDT:USDT';

  beforeAll(async () => {
    bybit = await startFakeExchange({ exchange: 'bybit' });
    bybit.addKey(key);
    client = await createExchangeClient({ exchangeId: 'bybit', credentials: key, environment: 'live', urlOverrides: { bybit: bybit.url }, marketKind: 'linear' });
    await client.loadMarkets();
  });
  afterAll(() => bybit.stop());

  it('lists the USDT perpetuals and prices them', async () => {
    expect(client.markets?.[symbol]).toMatchObject({ swap: true, linear: true, settle: 'USDT', id: 'BTCUSDT' });
    expect((await client.fetchTicker(symbol)).last).toBe(65000);
  });

  it('one-way: opens, reduces, refuses a reduce-only that would grow, and shows the position with positionIdx 0', async () => {
    const opened = await client.createOrder(symbol, 'market', 'buy', 0.01, undefined, { clientOrderId: 'kw-lin-1' });
    expect(opened.id).toBeDefined();
    await client.createOrder(symbol, 'market', 'sell', 0.004, undefined, { clientOrderId: 'kw-lin-2', reduceOnly: true });
    expect(await refusal(() => client.createOrder(symbol, 'market', 'buy', 0.001, undefined, { clientOrderId: 'kw-lin-3', reduceOnly: true }))).toMatchObject({ code: '110017' });
    const rows = (await (client as unknown as { privateGetV5PositionList(p: object): Promise<{ result: { list: Record<string, unknown>[] } }> }).privateGetV5PositionList({ category: 'linear', symbol: 'BTCUSDT' })).result.list;
    expect(rows).toMatchObject([{ positionIdx: 0, side: 'Buy', size: '0.006' }]);
    const found = bybit.futuresOrders.find((o) => o.clientOrderId === 'kw-lin-2');
    expect(found).toMatchObject({ reduceOnly: true, positionSide: 'both', status: 'filled' });
    await client.createOrder(symbol, 'market', 'sell', 0.006, undefined, { clientOrderId: 'kw-lin-4', reduceOnly: true });
  });

  it('hedge: positionIdx from the side, a hedged close flips to the held side; a one-way order is 10001', async () => {
    await client.setPositionMode(true, symbol);
    expect(await refusal(() => client.setPositionMode(true, symbol))).toMatchObject({ code: '110025' });
    await client.createOrder(symbol, 'market', 'buy', 0.01, undefined, { clientOrderId: 'kw-h-1', hedged: true });
    await client.createOrder(symbol, 'market', 'sell', 0.02, undefined, { clientOrderId: 'kw-h-2', hedged: true });
    await client.createOrder(symbol, 'market', 'sell', 0.01, undefined, { clientOrderId: 'kw-h-3', hedged: true, reduceOnly: true });
    expect(bybit.futuresOrders.filter((o) => o.clientOrderId.startsWith('kw-h-')).map((o) => o.positionSide)).toEqual(['long', 'short', 'long']);
    expect(bybit.futures.positionsOf(key.apiKey, 'BTC/USDT').map((p) => [p.side, p.amount])).toEqual([['long', 0], ['short', 0.02]]);
    const mismatch = await refusal(() => client.createOrder(symbol, 'market', 'buy', 0.01, undefined, { clientOrderId: 'kw-h-4' }));
    expect(mismatch).toMatchObject({ code: '10001' });
    expect(mismatch.message).toContain('position idx not match position mode');
  });

  it('leverage: set, and "not modified" is 110043', async () => {
    await client.setLeverage(7, symbol);
    expect(bybit.futures.leverageOf(key.apiKey, 'BTC/USDT')).toBe(7);
    expect(await refusal(() => client.setLeverage(7, symbol))).toMatchObject({ code: '110043' });
  });
});
