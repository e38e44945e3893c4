/**
 * Which perpetual market a symbol means. TradingView names a USDT perpetual with a `.P` suffix on
 * Binance and Bybit charts (BTCUSDT.P, BINANCE:BTCUSDT.P); ccxt's unified form is BTC/USDT:USDT.
 * Only USDT/USDC-margined (linear) perpetuals are traded; coin-margined (BTCUSD.P, BTC/USD:BTC) and
 * dated futures (BTC/USDT:USDT-261225) are refused with a plain reason, never guessed at.
 */
import type { Exchange, Market } from 'ccxt';
import { KeywardenError } from '../../errors';
import { withoutExchangePrefix } from '../../../shared/market-symbol';

export type LinearMarket = NonNullable<Market>;

/** True when the text names a perpetual or futures market rather than a spot one. */
export function isFuturesSymbol(raw: string): boolean {
  const text = withoutExchangePrefix(raw.trim());
  return /\.P$/i.test(text) || /PERP$/i.test(text) || (text.includes('/') && text.includes(':'));
}

export function resolveLinearMarket(client: Exchange, raw: string): LinearMarket {
  const shown = raw.trim().slice(0, 40);
  const text = withoutExchangePrefix(raw.trim()).toUpperCase();
  if (/PERP$/.test(text)) throw refused(shown, `TradingView writes a perpetual with ".P" (BTCUSDT.P); write "${text.replace(/[-_]?PERP$/, '')}.P" or BTC/USDT:USDT.`);
  const markets = client.markets ?? {};
  let market: LinearMarket | undefined;
  if (text.endsWith('.P')) {
    const id = text.slice(0, -2);
    // BTCUSD.P is TradingView's coin-margined perpetual (settled in BTC), not a USDT one.
    if (/USD$/.test(id)) throw refused(shown, 'it is coin-margined (inverse); Keywarden trades USDT-margined perpetuals only (BTCUSDT.P).');
    const byId = (client.markets_by_id ?? {})[id] as LinearMarket[] | undefined;
    market = byId?.find((candidate) => candidate?.swap === true);
  } else if (text.includes('/') && text.includes(':')) {
    market = markets[text] as LinearMarket | undefined;
    if (!market && /:[A-Z0-9]+-\d{6}/.test(text)) throw refused(shown, 'dated futures are not traded by Keywarden; use the perpetual (BTC/USDT:USDT).');
  } else {
    throw new KeywardenError('INVALID_SYMBOL', `"${shown}" is a spot symbol. For the perpetual write ${text.replace('/', '')}.P or ${text.includes('/') ? text : 'BASE/QUOTE'}:QUOTE.`, { symbol: shown });
  }
  if (!market) throw new KeywardenError('INVALID_SYMBOL', `${client.name ?? client.id} has no USDT perpetual "${shown}".`, { symbol: shown });
  if (market.inverse === true || market.linear !== true) throw refused(shown, 'it is coin-margined (inverse); Keywarden trades USDT-margined perpetuals only.');
  if (market.swap !== true) throw refused(shown, 'it is a dated future; Keywarden trades perpetuals only.');
  if (market.active === false) throw new KeywardenError('INVALID_SYMBOL', `${market.symbol} is not trading on ${client.name ?? client.id} right now.`, { symbol: market.symbol });
  return market;
}

function refused(shown: string, why: string): KeywardenError {
  return new KeywardenError('FUTURES_NOT_SUPPORTED', `"${shown}" cannot be traded: ${why}`, { symbol: shown });
}
