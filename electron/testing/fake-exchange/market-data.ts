/**
 * The fake's market list, prices and starting balances, plus the small decimal helpers both dialects use.
 * Filters are close to the real spot markets (tick size, lot size, minimum order value) so that ccxt's
 * precision handling and Keywarden's risk checks meet realistic numbers.
 */
import type { FakeMarketSpec } from './types';

export const defaultMarkets: Readonly<Record<string, FakeMarketSpec>> = {
  'BTC/USDT': { base: 'BTC', quote: 'USDT', tickSize: 0.01, stepSize: 0.00001, minQty: 0.00001, maxQty: 9000, minNotional: 5, lastPrice: 65000 },
  'ETH/USDT': { base: 'ETH', quote: 'USDT', tickSize: 0.01, stepSize: 0.0001, minQty: 0.0001, maxQty: 9000, minNotional: 5, lastPrice: 3200 },
  'SOL/USDT': { base: 'SOL', quote: 'USDT', tickSize: 0.01, stepSize: 0.001, minQty: 0.001, maxQty: 90000, minNotional: 5, lastPrice: 150 },
  'ETH/BTC': { base: 'ETH', quote: 'BTC', tickSize: 0.00001, stepSize: 0.0001, minQty: 0.0001, maxQty: 100000, minNotional: 0.0001, lastPrice: 0.04923 },
};

export const defaultBalances: Readonly<Record<string, number>> = { USDT: 10000, BTC: 0.5, ETH: 5, SOL: 50 };

/** Both exchanges name a spot market by concatenating base and quote: BTC/USDT → BTCUSDT. */
export function marketId(market: FakeMarketSpec): string {
  return market.base + market.quote;
}

export class MarketBook {
  private readonly bySymbol = new Map<string, FakeMarketSpec>();
  private readonly symbolById = new Map<string, string>();

  constructor(markets: Readonly<Record<string, FakeMarketSpec>>, prices: Readonly<Record<string, number>> = {}) {
    for (const [symbol, spec] of Object.entries(markets)) {
      this.bySymbol.set(symbol, { ...spec, lastPrice: prices[symbol] ?? spec.lastPrice });
      this.symbolById.set(marketId(spec), symbol);
    }
  }

  symbols(): string[] {
    return [...this.bySymbol.keys()];
  }

  get(symbol: string): FakeMarketSpec | undefined {
    return this.bySymbol.get(symbol);
  }

  /** Exchange market id (BTCUSDT) → unified symbol, or undefined for a symbol the fake does not list. */
  symbolOf(id: string): string | undefined {
    return this.symbolById.get(id);
  }

  setPrice(symbol: string, price: number): void {
    const market = this.bySymbol.get(symbol);
    if (market === undefined) throw new Error(`The fake exchange has no market ${symbol}`);
    this.bySymbol.set(symbol, { ...market, lastPrice: price });
  }
}

// ---- decimals -------------------------------------------------------------------------------------------
// Balances and fills are plain doubles rounded to 1e-10 after each step: far below every tick and step size
// of the markets above, and enough to keep sums like 0.1 + 0.2 from printing as 0.30000000000000004.

export function roundAmount(value: number): number {
  return Math.round(value * 1e10) / 1e10;
}

/** Whether `value` is a whole multiple of `step` (LOT_SIZE / PRICE_FILTER rules). */
export function isMultipleOf(value: number, step: number): boolean {
  const ratio = value / step;
  return Math.abs(ratio - Math.round(ratio)) < 1e-7;
}

/** Rounds down to the step, as the exchanges do when they size a market buy from a quote amount. */
export function floorToStep(value: number, step: number): number {
  return roundAmount(Math.floor(value / step + 1e-9) * step);
}

/** Binance prints decimals with exactly eight places: "0.00100000". */
export function fixed8(value: number): string {
  return roundAmount(value).toFixed(8);
}

/** Bybit prints decimals without trailing zeros: "0.001", "65000". */
export function plainDecimal(value: number): string {
  const text = roundAmount(value).toFixed(10);
  return text.replace(/\.?0+$/, '');
}
