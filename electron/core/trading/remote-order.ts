/**
 * What an exchange's copy of an order (ccxt's Order) says, in Keywarden's terms: its status and, for
 * a futures order, the position side it was taken on. Moved out of trading.ts (issue 22).
 */
import type { Order } from 'ccxt';
import type { OrderStatus } from './trading-schema';

/** The order's status as recorded; an answer without a known state leaves a sent order open. */
export function statusOf(remote: Order, fallback: OrderStatus): OrderStatus {
  switch (remote.status) {
    case 'closed':
      return 'filled';
    case 'open':
      return 'open';
    case 'canceled':
      return 'canceled';
    case 'rejected':
    case 'expired':
      return 'failed';
    default:
      return fallback === 'sending' || fallback === 'unknown' ? 'open' : fallback;
  }
}

/** The position side a futures order was taken on, as the exchange reports it (Binance: BOTH / LONG / SHORT). */
export function positionSideOf(remote: Order): 'both' | 'long' | 'short' | null {
  const side = String((remote.info as Record<string, unknown> | undefined)?.['positionSide'] ?? '').toLowerCase();
  return side === 'both' || side === 'long' || side === 'short' ? side : null;
}
