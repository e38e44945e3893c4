/** Plain words for a key's open orders before it is revoked or deleted, and for what became of them. */
import type { OpenOrdersOutcome, OrderInfo } from '../../api/contract-types';
import { formatAmount } from '../../format/numbers';
import { orderTitle } from '../trading/order-presentation';

/** "Buy 0.001 BTC/USDT @ 60,000" */
export function openOrderLine(order: OrderInfo): string {
  return `${orderTitle(order)} ${order.type === 'limit' && order.price !== null ? `@ ${formatAmount(order.price)}` : 'at market'}`;
}

function count(value: number, one: string, many: string): string {
  return `${value} ${value === 1 ? one : many}`;
}

function lines(orders: readonly OrderInfo[]): string {
  return orders.map(openOrderLine).join('; ');
}

/**
 * What to tell the person after the key is gone: what was canceled (added to the success message),
 * and, apart, what stays open on the exchange and needs their attention there.
 */
export function openOrdersSummary(outcome: OpenOrdersOutcome): { readonly done: string; readonly leftOpen: string | null; readonly unconfirmed: string | null } {
  const { exchangeName } = outcome;
  const done = [
    outcome.canceled.length > 0 ? `Canceled ${count(outcome.canceled.length, 'open order', 'open orders')} on ${exchangeName}: ${lines(outcome.canceled)}.` : '',
    outcome.alreadyClosed.length > 0 ? `Already closed on ${exchangeName} before the cancel: ${lines(outcome.alreadyClosed)}.` : '',
    outcome.paperCanceled > 0 ? `${count(outcome.paperCanceled, 'paper order', 'paper orders')} closed.` : '',
  ].filter(Boolean).join(' ');
  const them = (orders: readonly OrderInfo[]) => (orders.length === 1 ? 'it' : 'them');
  return {
    done,
    leftOpen: outcome.leftOpen.length > 0
      ? `Left open on ${exchangeName}: ${lines(outcome.leftOpen)}. Keywarden can no longer cancel ${them(outcome.leftOpen)}; cancel ${them(outcome.leftOpen)} on ${exchangeName} if you need to.`
      : null,
    unconfirmed: outcome.unconfirmed.length > 0
      ? `May be open on ${exchangeName} (Keywarden could not confirm): ${lines(outcome.unconfirmed)}. Check on ${exchangeName}: Keywarden can no longer look ${them(outcome.unconfirmed)} up.`
      : null,
  };
}
