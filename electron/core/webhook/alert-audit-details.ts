/**
 * What the one audit record of a webhook alert says (issue 22): the alert's fate and the order it
 * placed. A one-account alert's record names its order and key and says the order's status and error
 * code as they were when the alert settled; the order's fixed facts (market, side, type, value,
 * paper, the rule that blocked it) are not copied but covered by the record's hash through the order
 * (audit-order-reference.ts). A fan-out keeps one compact entry per account. Values only, never a
 * secret: ids, symbols, amounts, codes.
 */
import { orderFactFields } from '../audit/audit-order-reference';
import type { TradingApi } from '../trading/trading-api';
import type { OrderInfo } from '../trading/trading-schema';
import type { AccountResult, WebhookOutcome } from './webhook-schema';

type AuditValue = string | number | boolean | null;

export interface AlertAuditInput {
  readonly sourceId: string;
  readonly outcome: WebhookOutcome;
  readonly orderId: string | null;
  readonly accountResults?: readonly AccountResult[] | undefined;
  readonly trading: Pick<TradingApi, 'getOrder'>;
}

/** The order by id, or undefined when none can be read (the core closing). */
function findOrder(trading: Pick<TradingApi, 'getOrder'>, id: string): OrderInfo | undefined {
  try {
    return trading.getOrder(id);
  } catch {
    return undefined;
  }
}

export function alertAuditDetails(input: AlertAuditInput): Record<string, AuditValue> {
  const base = { sourceId: input.sourceId, outcome: input.outcome, orderId: input.orderId };
  if (!input.accountResults) {
    const order = input.orderId ? findOrder(input.trading, input.orderId) : undefined;
    return order ? { ...base, ...withoutNulls({ credentialId: order.credentialId, status: order.status, errorCode: order.errorCode }) } : base;
  }
  // A fan-out: one compact entry per account, in the order of its results.
  const orders = input.accountResults.map((result) => {
    const order = result.orderId ? findOrder(input.trading, result.orderId) : undefined;
    return order ? compactOrder(order) : `${result.accountId}:${result.outcome}`;
  });
  return { ...base, accounts: input.accountResults.map((r) => `${r.accountId}:${r.outcome}`).join(','), orders: orders.join(' | ') };
}

/** An order's empty fields (no error yet) are left out: a missing key reads as none, and every alert's row is that much smaller. */
function withoutNulls(fields: Record<string, AuditValue>): Record<string, AuditValue> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null));
}

/** account:order:status:symbol:side:type:notional:paper:rule:error:exchangeOrderId — empty for none. */
function compactOrder(order: OrderInfo): string {
  const facts = orderFactFields(order);
  return [order.credentialId, order.id, order.status, facts.symbol, facts.side, facts.type, facts.notionalUsd, order.paper ? 'paper' : 'live', order.blockedBy, order.errorCode, order.exchangeOrderId].map((value) => (value === null || value === undefined ? '' : String(value))).join(':');
}
