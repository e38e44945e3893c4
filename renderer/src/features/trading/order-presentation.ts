/** Plain words and colours for orders: their status, the risk rule that blocked one, the symbol's two coins. */
import type { BadgeTone } from '../../components/Badge';
import type { OrderInfo, OrderStatus, RiskRule } from '../../api/contract-types';
import { formatAmount } from '../../format/numbers';
import { withoutExchangePrefix } from '../../../../electron/shared/market-symbol';

export const orderStatusPresentation: Readonly<Record<OrderStatus, { readonly label: string; readonly tone: BadgeTone }>> = {
  blocked: { label: 'Blocked', tone: 'danger' },
  rejected: { label: 'Rejected', tone: 'danger' },
  sending: { label: 'Sending…', tone: 'neutral' },
  open: { label: 'Open', tone: 'accent' },
  filled: { label: 'Filled', tone: 'success' },
  canceled: { label: 'Canceled', tone: 'neutral' },
  failed: { label: 'Failed', tone: 'danger' },
  unknown: { label: 'Unconfirmed', tone: 'warning' },
};

/** The risk gate's rules, as the limits page names them. */
export const ruleLabels: Readonly<Record<RiskRule, string>> = {
  paused: 'Kill switch',
  'price-band': 'Price far from the market',
  'insufficient-balance': 'Not enough balance',
  'credential-unusable': 'Key not usable',
  'trading-blocked': 'Key can withdraw',
  'trading-disabled': 'Trading turned off',
  'symbol-not-allowed': 'Symbol allow-list',
  'source-scope': 'Alert source limits',
  'max-order-notional': 'Maximum per order',
  'max-daily-notional': 'Maximum per day',
  'max-open-exposure': 'Maximum open exposure',
  'max-orders-per-minute': 'Maximum orders per minute',
  'max-position': 'Maximum position (futures)',
  'max-leverage': 'Maximum leverage (futures)',
};

/** Quote currencies, longest first, to split TradingView-style symbols (BTCUSDT → BTC / USDT). */
const QUOTES = ['FDUSD', 'USDT', 'USDC', 'BUSD', 'TUSD', 'USD', 'EUR', 'TRY', 'BRL', 'BTC', 'ETH', 'BNB'];

/** The base and quote coin of a symbol as typed (BTC/USDT, BTCUSDT, BINANCE:BTCUSDT), or null. */
export function splitSymbol(raw: string): { readonly base: string; readonly quote: string } | null {
  // BTCUSDT.P (a perpetual, as TradingView writes it) has the same two coins as BTCUSDT.
  const symbol = withoutExchangePrefix(raw).toUpperCase().replace(/\.P$/, '');
  if (symbol.includes('/')) {
    const [base, quote] = symbol.split('/');
    return base && quote ? { base, quote: quote.split(':')[0] ?? quote } : null;
  }
  for (const quote of QUOTES) {
    if (symbol.endsWith(quote) && symbol.length > quote.length) return { base: symbol.slice(0, -quote.length), quote };
  }
  return null;
}

/** A symbol in the unified form the risk gate compares (BTC/USDT, a perpetual BTC/USDT:USDT), or the input upper-cased if it cannot tell. */
export function unifiedSymbol(raw: string): string {
  const parts = splitSymbol(raw);
  // A perpetual keeps its settlement coin (BTCUSDT.P, BTC/USDT:USDT → BTC/USDT:USDT): it is not the spot market.
  const text = withoutExchangePrefix(raw).toUpperCase();
  const settle = /\.P$/.test(text) ? parts?.quote : /^[^/]+\/[^:]+:([A-Z0-9]+)$/.exec(text)?.[1];
  return parts ? `${parts.base}/${parts.quote}${settle ? `:${settle}` : ''}` : raw.trim().toUpperCase();
}

/** "Buy 0.001 BTC/USDT" */
export function orderTitle(order: OrderInfo): string {
  const side = order.side === 'buy' ? 'Buy' : 'Sell';
  if (order.requestedUnit === 'quote' && order.amount === 0) {
    const quote = splitSymbol(order.symbol)?.quote ?? '';
    return `${side} ${formatAmount(order.requestedAmount)} ${quote} of ${order.symbol}`.replace('  ', ' ');
  }
  return `${side} ${formatAmount(order.amount)} ${order.symbol}`;
}

export const COMMON_SYMBOLS: readonly string[] = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT', 'BNB/USDT', 'XRP/USDT', 'DOGE/USDT', 'ADA/USDT', 'ETH/BTC', 'BTC/USDC', 'ETH/USDC'];
