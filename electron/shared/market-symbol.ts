/**
 * How a market symbol is written, whatever form it came in: ccxt's unified BTC/USDT, an exchange id
 * as TradingView's {{ticker}} renders it (BTCUSDT), or with the exchange prefix (BINANCE:BTCUSDT).
 * Used wherever two symbols are compared (an alert source's scope, the per-market order queue) and
 * by the window; which market a symbol means on an exchange is core/trading/symbol-resolver.ts.
 */

/**
 * BINANCE:BTCUSDT → BTCUSDT. A colon after a slash is not a prefix but a settlement currency
 * (BTC/USDT:USDT, a perpetual), and is kept.
 */
export function withoutExchangePrefix(symbol: string): string {
  const text = symbol.trim();
  return !text.includes('/') && text.includes(':') ? (text.split(':').pop() ?? '') : text;
}

/** BTC/USDT, btcusdt and BINANCE:BTCUSDT all → BTCUSDT: the form two symbols are compared in. */
export function compactSymbol(symbol: string): string {
  return withoutExchangePrefix(symbol).toUpperCase().replace('/', '');
}
