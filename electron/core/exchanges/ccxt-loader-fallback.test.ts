/**
 * When ccxt's per-exchange module cannot be used, the loader falls back to the whole import and its
 * list of exchanges decides: ccxt's layout not found (another ccxt version, a packaging that moved
 * it), or a file that is not an exchange's module. Each case loads a fresh copy of the loader.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as Loader from './ccxt-loader';
import * as realUrls from './ccxt-module-url';

afterEach(() => {
  vi.doUnmock('./ccxt-module-url');
  vi.resetModules();
});

async function freshLoader(urls: Partial<typeof realUrls>): Promise<typeof Loader> {
  vi.resetModules();
  vi.doMock('./ccxt-module-url', () => ({ ...realUrls, ...urls }));
  return import('./ccxt-loader');
}

describe('loadExchangeClass falls back to the whole ccxt', () => {
  it('when ccxt\'s files cannot be found', async () => {
    const loader = await freshLoader({ exchangeModuleUrl: () => undefined, ccxtBaseModuleUrl: () => undefined, ccxtNetworkModuleUrls: () => [] });
    const Binance = await loader.loadExchangeClass('binance');
    expect(loader.ccxtLoadState().whole).toBe(true);
    expect(Binance).toBe((await loader.loadCcxt()).binance);
    expect(new Binance().id).toBe('binance');
  });

  it('when the file found is not an exchange\'s module', async () => {
    const base = realUrls.ccxtBaseModuleUrl();
    if (base === undefined) throw new Error('ccxt not found');
    // A real ccxt module whose default export is not an Exchange subclass.
    const notAnExchange = new URL('./Precise.js', base).href;
    const loader = await freshLoader({ exchangeModuleUrl: () => notAnExchange });
    const Bybit = await loader.loadExchangeClass('bybit');
    expect(loader.ccxtLoadState().whole).toBe(true);
    expect(Bybit).toBe((await loader.loadCcxt()).bybit);
  });

  it('and an id it does not list is still refused there', async () => {
    const loader = await freshLoader({ exchangeModuleUrl: () => undefined });
    await expect(loader.loadExchangeClass('nosuchexchange')).rejects.toMatchObject({ code: 'UNKNOWN_PROVIDER' });
  });
});
