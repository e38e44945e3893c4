/** How `revoke` and `remove` print a key's open orders: before (what will happen) and after (what did). */
import type { KeyOpenOrders, OpenOrdersChoice, OpenOrdersOutcome, OrderInfo } from '../api/contract-schemas';
import { describeOrder } from '../api/order-description';

const orderLine = (order: OrderInfo) => `  ${describeOrder(order)} · order ${order.id}`;
const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** The key's open orders and what the chosen option will do with them; empty when it has none. */
export function formatOpenOrders(listing: KeyOpenOrders, choice: OpenOrdersChoice, revoked: boolean): string {
  const { exchangeName, open, unconfirmed } = listing;
  if (open.length === 0 && unconfirmed.length === 0) return '';
  const lines: string[] = [];
  if (open.length > 0) lines.push(`"${listing.label}" has ${plural(open.length, 'open order', 'open orders')} on ${exchangeName}:`, ...open.map(orderLine));
  if (unconfirmed.length > 0) lines.push(`May be open on ${exchangeName} (Keywarden could not confirm):`, ...unconfirmed.map(orderLine));
  if (open.length > 0) {
    if (revoked) lines.push(`The key was revoked, so Keywarden cannot cancel ${open.length === 1 ? 'it' : 'them'}.`);
    else if (choice === 'cancel') lines.push(`${open.length === 1 ? 'It is' : 'They are'} canceled on ${exchangeName} first (--keep-orders leaves ${open.length === 1 ? 'it' : 'them'} open).`);
    else lines.push(`${open.length === 1 ? 'It stays' : 'They stay'} open on ${exchangeName} (--keep-orders): Keywarden cannot cancel ${open.length === 1 ? 'it' : 'them'} afterwards.`);
  }
  return lines.join('\n');
}

/** What became of the open orders; empty when there were none. */
export function formatOpenOrdersOutcome(outcome: OpenOrdersOutcome): string {
  const { exchangeName } = outcome;
  const lines: string[] = [];
  if (outcome.canceled.length > 0) lines.push(`Canceled on ${exchangeName}:`, ...outcome.canceled.map(orderLine));
  if (outcome.alreadyClosed.length > 0) lines.push(`No longer open on ${exchangeName} when canceled:`, ...outcome.alreadyClosed.map((order) => `${orderLine(order)} · ${order.status}`));
  if (outcome.leftOpen.length > 0) {
    lines.push(`Left open on ${exchangeName}; Keywarden can no longer cancel ${outcome.leftOpen.length === 1 ? 'it' : 'them'} (cancel on ${exchangeName} itself if needed):`, ...outcome.leftOpen.map(orderLine));
  }
  if (outcome.unconfirmed.length > 0) lines.push(`May be open on ${exchangeName} (Keywarden could not confirm; check on ${exchangeName}):`, ...outcome.unconfirmed.map(orderLine));
  if (outcome.paperCanceled > 0) lines.push(`${plural(outcome.paperCanceled, 'paper order', 'paper orders')} (simulated) closed.`);
  return lines.join('\n');
}
