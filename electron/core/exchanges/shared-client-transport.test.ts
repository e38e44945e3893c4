/**
 * Clients share the transport the first one set up: the fields ccxt's own loading sets on a stock
 * client, the same keep-alive Agent for all of them, and their signed calls still go through.
 */
import { describe, expect, it } from 'vitest';
import { makeBinanceHmacKey, makeBybitKey, startFakeExchange } from '../../testing/fake-exchange';
import { loadExchangeClass } from './ccxt-loader';
import { createExchangeClient } from './exchange-client';

interface Loading {
  loadFetchImplementation(): Promise<void>;
  loadProxyModules(): Promise<void>;
}

type Fields = Record<string, unknown>;

const sharedModules = ['AbortError', 'FetchError', 'undiciModule', 'fetchImplementation', 'zlibModule', 'httpStatusTexts', 'fetchIsNative', 'httpProxyAgentModule', 'httpsProxyAgentModule', 'socksProxyAgentModule', 'socksProxyAgentModuleChecked'];

async function loadedTransport(client: object): Promise<Fields> {
  await (client as Loading).loadFetchImplementation();
  await (client as Loading).loadProxyModules();
  return client as Fields;
}

describe('shared client transport', () => {
  it('sets what ccxt sets on a stock client, with one Agent for every client', async () => {
    const Stock = await loadExchangeClass('binance');
    const stock = await loadedTransport(new Stock({}));
    const clients = await Promise.all([
      createExchangeClient({ exchangeId: 'binance', credentials: makeBinanceHmacKey(), environment: 'live' }),
      createExchangeClient({ exchangeId: 'binance', credentials: makeBinanceHmacKey(), environment: 'live' }),
      createExchangeClient({ exchangeId: 'bybit', credentials: makeBybitKey(), environment: 'live' }),
    ]);
    const loaded = await Promise.all(clients.map(loadedTransport));

    for (const client of loaded) {
      for (const field of sharedModules) expect(client[field], field).toBe(stock[field]);
      expect(client['fetchDispatcher']).toBe(loaded[0]!['fetchDispatcher']);
    }
    expect(stock['fetchIsNative']).toBe(true);
    expect((loaded[0]!['fetchDispatcher'] as object).constructor).toBe((stock['fetchDispatcher'] as object).constructor);
  });

  it('lets clients built together make their signed calls', async () => {
    const keys = [makeBinanceHmacKey(), makeBinanceHmacKey(), makeBinanceHmacKey()];
    const fake = await startFakeExchange({ exchange: 'binance', keys });
    try {
      const clients = await Promise.all(keys.map((credentials) => createExchangeClient({ exchangeId: 'binance', credentials, environment: 'live', urlOverrides: { binance: fake.url } })));
      const accounts = await Promise.all(clients.map((client) => (client as unknown as { privateGetAccount(): Promise<{ canTrade?: unknown }> }).privateGetAccount()));
      expect(accounts.map((account) => account.canTrade)).toEqual([true, true, true]);
      expect(fake.requests.map((request) => request.apiKey)).toEqual(expect.arrayContaining(keys.map((key) => key.apiKey)));
    } finally {
      await fake.stop();
    }
  });
});
