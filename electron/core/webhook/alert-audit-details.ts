/**
 * What the one audit record of a webhook alert says (issue 22): the alert's fate and, for each order
 * it placed, what trading's own rows used to say (order.place: account, market, side, type, value,
 * paper, the rule that blocked it, client order id; order.result: status, error code, exchange
 * order id). Values only, never a secret: ids, symbols, amounts, codes.
 */
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
    return order ? { ...base, ...withoutNulls(orderFields(order)) } : base;
  }
  // A fan-out: one compact entry per account, in the order of its results.
  const orders = input.accountResults.map((result) => {
    const order = result.orderId ? findOrder(input.trading, result.orderId) : undefined;
    return order ? compactOrder(order) : `${result.accountId}:${result.outcome}`;
  });
  return { ...base, accounts: input.accountResults.map((r) => `${r.accountId}:${r.outcome}`).join(','), orders: orders.join(' | ') };
}

function orderFields(order: OrderInfo): Record<string, AuditValue> {
  return {
    credentialId: order.credentialId,
    symbol: order.symbol.slice(0, 64),
    side: order.side,
    type: order.type,
    notionalUsd: Math.round(order.notionalUsd * 100) / 100,
    // Only when true: a missing `paper` reads as a live order.
    paper: order.paper ? true : null,
    rule: order.blockedBy,
    status: order.status,
    errorCode: order.errorCode,
    exchangeOrderId: order.exchangeOrderId,
  };
}

/** An order's empty fields (no rule blocked it, no error, no exchange id yet) are left out: a missing key reads as none, and every alert's row is that much smaller. */
function withoutNulls(fields: Record<string, AuditValue>): Record<string, AuditValue> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null));
}

/** account:order:status:symbol:side:type:notional:paper:rule:error:exchangeOrderId — empty for none. */
function compactOrder(order: OrderInfo): string {
  const fields = orderFields(order);
  return [order.credentialId, order.id, fields.status, fields.symbol, fields.side, fields.type, fields.notionalUsd, order.paper ? 'paper' : 'live', fields.rule, fields.errorCode, fields.exchangeOrderId].map((value) => (value === null ? '' : String(value))).join(':');
}
