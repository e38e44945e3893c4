/** Symbols as people type them, in the unified form the risk gate compares. */
import { describe, expect, it } from 'vitest';
import { splitSymbol, unifiedSymbol } from './order-presentation';

describe('splitSymbol and unifiedSymbol', () => {
  it('reads ccxt, exchange and TradingView forms alike', () => {
    for (const typed of ['BTC/USDT', 'btc/usdt', 'BTCUSDT', 'BINANCE:BTCUSDT', ' btcusdt ']) expect(unifiedSymbol(typed), typed).toBe('BTC/USDT');
    expect(splitSymbol('ETHBTC')).toEqual({ base: 'ETH', quote: 'BTC' });
  });

  it('keeps a perpetual apart from the spot market', () => {
    for (const typed of ['BTCUSDT.P', 'binance:btcusdt.p', 'BTC/USDT:USDT', 'btc/usdt:usdt']) expect(unifiedSymbol(typed), typed).toBe('BTC/USDT:USDT');
    expect(splitSymbol('BTCUSDT.P')).toEqual({ base: 'BTC', quote: 'USDT' });
  });

  it('splits at the longest quote coin it knows', () => {
    expect(splitSymbol('BTCFDUSD')).toEqual({ base: 'BTC', quote: 'FDUSD' });
    expect(splitSymbol('SOLUSDC')).toEqual({ base: 'SOL', quote: 'USDC' });
  });

  it('leaves what it cannot tell upper-cased, and gives no parts for it', () => {
    expect(splitSymbol('XYZ')).toBeNull();
    expect(unifiedSymbol('xyz')).toBe('XYZ');
    expect(splitSymbol('USDT')).toBeNull();
  });
});
