/**
 * Perpetual futures in the window's words: which market a typed symbol names (to find its
 * position and leverage), the most leverage the limits allow an account, and closes summed up.
 */
import { withoutExchangePrefix } from '../../../../electron/shared/market-symbol';
import type { LimitsOverview } from '../../api/contract-types';
import type { ClosedOrders } from './futures-channels';
import { splitSymbol } from './order-presentation';

/** The symbols offered while typing on the perpetual form (TradingView's names). */
export const COMMON_PERPETUALS: readonly string[] = ['BTCUSDT.P', 'ETHUSDT.P', 'SOLUSDT.P', 'BNBUSDT.P', 'XRPUSDT.P', 'DOGEUSDT.P', 'BTC/USDT:USDT', 'ETH/USDT:USDT'];

/**
 * The unified name (BTC/USDT:USDT) of the USDT perpetual a typed symbol means, or null when it does
 * not name one (spot, coin-margined, dated, junk): then no position is looked up and the core's
 * refusal says why. BTCUSDT.P, BINANCE:BTCUSDT.P and btc/usdt:usdt all → BTC/USDT:USDT.
 */
export function perpetualMarket(raw: string): string | null {
  const text = withoutExchangePrefix(raw).toUpperCase();
  if (text.endsWith('.P')) {
    const coins = splitSymbol(text.slice(0, -2));
    return coins && (coins.quote === 'USDT' || coins.quote === 'USDC') ? `${coins.base}/${coins.quote}:${coins.quote}` : null;
  }
  const match = /^([A-Z0-9]+)\/([A-Z0-9]+):([A-Z0-9]+)$/.exec(text);
  return match && match[2] === match[3] ? text : null;
}

/** The strictest max leverage over the global limits and the account's own, or null when neither sets one. */
export function maxLeverageFor(overview: LimitsOverview | null, credentialId: string): { readonly value: number; readonly scope: string } | null {
  if (overview === null) return null;
  const global = overview.global.limits.maxLeverage ?? null;
  const account = overview.accounts.find((item) => item.credentialId === credentialId);
  const own = account?.limits?.maxLeverage ?? null;
  if (own !== null && (global === null || own < global)) return { value: own, scope: `for ${account?.label ?? 'this account'}` };
  return global === null ? null : { value: global, scope: 'global' };
}

/** One sentence for the orders a close placed (one per side in hedge mode). */
export function closeSummary(orders: ClosedOrders): { readonly tone: 'success' | 'error' | 'info'; readonly text: string } {
  const done = orders.filter((result) => result.order.status === 'filled' || result.order.status === 'open');
  if (done.length === orders.length) {
    return { tone: 'success', text: orders.map((result) => `Closed ${result.order.symbol}: ${result.order.side} ${result.order.amount}${result.order.paper ? ' (paper)' : ''}.`).join(' ') };
  }
  const unsure = orders.some((result) => result.order.status === 'unknown' || result.order.status === 'sending');
  return { tone: unsure ? 'info' : 'error', text: orders.filter((result) => !done.includes(result)).map((result) => `${result.order.symbol}: ${result.order.message}`).join(' ') };
}
