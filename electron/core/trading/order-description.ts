/** One order in a few words, for messages and the CLI: "buy 0.001 BTC/USDT @ 60,000". */
import type { OrderInfo } from './trading-schema';

export function describeOrder(order: Pick<OrderInfo, 'side' | 'amount' | 'requestedAmount' | 'requestedUnit' | 'symbol' | 'type' | 'price'>): string {
  // A market buy sized in quote units learns its base amount only from the fill.
  const amount = order.requestedUnit === 'quote' && order.amount === 0 ? `${formatNumber(order.requestedAmount)} ${order.symbol.split('/')[1] ?? ''} of` : formatNumber(order.amount);
  const price = order.type === 'limit' && order.price !== null ? `@ ${formatNumber(order.price)}` : 'at market';
  return `${order.side} ${amount} ${order.symbol} ${price}`;
}

function formatNumber(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 8 });
}
