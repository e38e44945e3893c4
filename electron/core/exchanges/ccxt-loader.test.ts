/**
 * The per-exchange loader (ccxt-loader.ts): binance and bybit come from their own ccxt modules, work
 * (signed calls against the fake exchanges), and are the very classes the whole ccxt module exports;
 * ids that are not exchanges never reach a path and are refused by ccxt's own list. The fallbacks
 * (ccxt's layout not found, a module that is not an exchange) are in ccxt-loader-fallback.test.ts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { makeBinanceHmacKey, makeBybitKey, startFakeExchange, type FakeExchange } from '../../testing/fake-exchange';
import { isKeywardenError } from '../errors';
import { ccxtLoadState, isCcxtLoaded, loadCcxt, loadExchangeClass } from './ccxt-loader';
import { createExchangeClient } from './exchange-client';

const started: FakeExchange[] = [];
afterAll(async () => {
  await Promise.all(started.map((fake) => fake.stop()));
});

async function refusal(id: string): Promise<unknown> {
  try {
    await loadExchangeClass(id);
  } catch (error) {
    return error;
  }
  throw new Error(`"${id}" was not refused`);
}

describe('loadExchangeClass', () => {
  it('loads Binance and Bybit on their own, and their clients sign calls the fakes accept', async () => {
    expect(isCcxtLoaded()).toBe(false);
    const [Binance, Bybit] = await Promise.all([loadExchangeClass('binance'), loadExchangeClass('bybit')]);
    expect(new Binance().id).toBe('binance');
    expect(new Bybit().id).toBe('bybit');
    expect(isCcxtLoaded()).toBe(true);
    expect(ccxtLoadState().exchanges.sort()).toEqual(['binance', 'bybit']);
    // Asked again: the same class, no second import.
    expect(await loadExchangeClass('binance')).toBe(Binance);

    const binanceKey = makeBinanceHmacKey();
    const bybitKey = makeBybitKey();
    const binance = await startFakeExchange({ exchange: 'binance', keys: [binanceKey] });
    const bybit = await startFakeExchange({ exchange: 'bybit', keys: [bybitKey] });
    started.push(binance, bybit);
    const binanceClient = await createExchangeClient({ exchangeId: 'binance', credentials: binanceKey, environment: 'live', urlOverrides: { binance: binance.url } });
    const bybitClient = await createExchangeClient({ exchangeId: 'bybit', credentials: bybitKey, environment: 'live', urlOverrides: { bybit: bybit.url } });
    expect((await binanceClient.fetchBalance())['USDT']).toMatchObject({ free: 10000 });
    expect((await bybitClient.fetchBalance())['USDT']).toBeDefined();
    expect(binance.requests.some((request) => request.private && request.authenticated)).toBe(true);
    expect(bybit.requests.some((request) => request.private && request.authenticated)).toBe(true);
    // All of that without importing the other hundred exchanges.
    expect(ccxtLoadState().whole).toBe(false);
  });

  it('gives the same classes the whole module exports, once that is loaded too', async () => {
    const Binance = await loadExchangeClass('binance');
    const ccxt = await loadCcxt();
    expect(ccxt.binance).toBe(Binance);
    expect(ccxt.bybit).toBe(await loadExchangeClass('bybit'));
    // Loaded whole: another exchange comes from the whole module.
    expect(new (await loadExchangeClass('okx'))().id).toBe('okx');
  });

  it('refuses ids that are not ccxt exchanges, never building a path from them', async () => {
    for (const id of ['nosuchexchange', 'Exchange', 'base', 'pro', '../binance', 'binance.js', 'src/binance', '', 'x'.repeat(200)]) {
      const error = await refusal(id);
      expect(isKeywardenError(error, 'UNKNOWN_PROVIDER'), id).toBe(true);
      expect((error as Error).message).not.toContain('/');
    }
  });
});
