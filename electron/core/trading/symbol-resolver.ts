/**
 * Finds the spot market an intent means. Accepts ccxt unified symbols (BTC/USDT) and exchange ids as
 * TradingView's {{ticker}} renders them (BTCUSDT, or BINANCE:BTCUSDT with the exchange prefix).
 * Perpetuals (BTCUSDT.P, BTC/USDT:USDT) are refused clearly here: orders for them take the futures
 * path (trading/futures/), and what reads spot markets only (e.g. drift) says so.
 */
import type { Exchange, Market } from 'ccxt';
import { KeywardenError } from '../errors';
import { withoutExchangePrefix } from '../../shared/market-symbol';

/** ccxt's Market type includes undefined; a resolved market never is. */
export type SpotMarket = NonNullable<Market>;

export function resolveSpotMarket(client: Exchange, raw: string): SpotMarket {
  const text = raw.trim();
  const withoutPrefix = withoutExchangePrefix(text);
  if (/\.P$/i.test(withoutPrefix) || /PERP$/i.test(withoutPrefix) || (withoutPrefix.includes('/') && withoutPrefix.includes(':'))) {
    throw futures(raw);
  }
  const upper = withoutPrefix.toUpperCase();
  const markets = client.markets ?? {};
  let market: SpotMarket | undefined = upper.includes('/') ? markets[upper] : undefined;
  if (!market) {
    const byId = (client.markets_by_id ?? {})[upper] as SpotMarket[] | undefined;
    market = byId?.find((candidate) => candidate?.spot) ?? byId?.[0];
  }
  if (!market) {
    const compact = upper.replace('/', '');
    const close = Object.values(markets).filter((m): m is SpotMarket => Boolean(m?.spot) && (m?.id ?? '').toUpperCase().startsWith(compact.slice(0, 3))).slice(0, 4).map((m) => m.symbol);
    throw new KeywardenError('INVALID_SYMBOL', `${client.name ?? client.id} has no spot market "${raw.slice(0, 40)}".${close.length ? ` Did you mean ${close.join(', ')}?` : ''}`, { symbol: raw.slice(0, 40) });
  }
  if (!market.spot) throw futures(raw);
  if (market.active === false) throw new KeywardenError('INVALID_SYMBOL', `${market.symbol} is not trading on ${client.name ?? client.id} right now.`, { symbol: market.symbol });
  return market;
}

function futures(raw: string): KeywardenError {
  return new KeywardenError('FUTURES_NOT_SUPPORTED', `"${raw.slice(0, 40)}" is a futures/perpetual market, and this works on spot markets only (e.g. BTCUSDT, not BTCUSDT.P).`, { symbol: raw.slice(0, 40) });
}
