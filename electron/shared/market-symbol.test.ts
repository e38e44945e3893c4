import { describe, expect, it } from 'vitest';
import { compactSymbol, withoutExchangePrefix } from './market-symbol';

describe('market symbols', () => {
  it.each([
    ['BTC/USDT', 'BTCUSDT'],
    ['btcusdt', 'BTCUSDT'],
    ['BINANCE:BTCUSDT', 'BTCUSDT'],
    ['  binance:ethusdt ', 'ETHUSDT'],
    // A perpetual's settlement currency is not an exchange prefix: it never compares equal to the spot market.
    ['BTC/USDT:USDT', 'BTCUSDT:USDT'],
  ])('%s compares as %s', (raw, compact) => {
    expect(compactSymbol(raw)).toBe(compact);
  });

  it('drops only a leading exchange prefix', () => {
    expect(withoutExchangePrefix('BYBIT:SOLUSDT')).toBe('SOLUSDT');
    expect(withoutExchangePrefix('SOL/USDT:USDT')).toBe('SOL/USDT:USDT');
    expect(withoutExchangePrefix('SOL/USDT')).toBe('SOL/USDT');
  });
});
