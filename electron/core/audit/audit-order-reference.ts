/**
 * An alert's audit record names its order instead of copying the order's fixed facts (issue 22: the
 * order row already holds market, side, type, value, paper and the rule that blocked it, and every
 * alert kept both). The record's hash still covers those facts: the chain is computed over the record
 * with the facts read from its order, at append and at every check, so an order whose facts were
 * edited in the file breaks the chain at the record that names it, as an edited record does.
 *
 * Only facts fixed when the order is made are referenced; what can change after the alert settles
 * (status, error code) stays in the record as it was then. A record refers to its order when it
 * names the order and its key but carries no market (records written before this, and records whose
 * order could not be read, carry the facts or no key, and are hashed as they are stored).
 */
import { eq, sql } from 'drizzle-orm';
import { preparedPerHandle } from '../store/statement-cache';
import { orders } from '../store/schema';
import type { AuditContent } from './audit-chain';
import type { AuditWriter } from './audit-log';

type AuditValue = string | number | boolean | null;

/** The actions whose records may refer to an order. */
const REFERRING_ACTIONS: ReadonlySet<string> = new Set(['webhook.alert']);

export interface OrderFacts {
  readonly symbol: string;
  readonly side: string;
  readonly type: string;
  readonly notionalUsd: number;
  readonly paper: boolean;
  readonly blockedBy: string | null;
}

/** The order's fixed facts as a record states them: empty ones (not paper, no rule) left out. */
export function orderFactFields(order: OrderFacts): Record<string, AuditValue> {
  return {
    symbol: order.symbol.slice(0, 64),
    side: order.side,
    type: order.type,
    notionalUsd: Math.round(order.notionalUsd * 100) / 100,
    // Only when true: a missing `paper` reads as a live order.
    ...(order.paper ? { paper: true } : {}),
    ...(order.blockedBy !== null ? { rule: order.blockedBy } : {}),
  };
}

export type OrderFactsReader = (orderId: string) => OrderFacts | undefined;

const selectFacts = preparedPerHandle((db: AuditWriter) =>
  db
    .select({ symbol: orders.symbol, side: orders.side, type: orders.type, notionalUsd: orders.notionalUsd, paper: orders.paper, blockedBy: orders.blockedBy })
    .from(orders)
    .where(eq(orders.id, sql.placeholder('id')))
    .prepare(),
);

/** Reads an order's fixed facts by id, on the caller's handle (inside its transaction). */
export function orderFactsReader(db: AuditWriter): OrderFactsReader {
  return (orderId) => selectFacts(db).get({ id: orderId });
}

export function refersToOrder(content: Pick<AuditContent, 'action' | 'details'>): content is Pick<AuditContent, 'action'> & { details: AuditContent['details'] & { orderId: string } } {
  const { details } = content;
  return REFERRING_ACTIONS.has(content.action) && typeof details.orderId === 'string' && typeof details.credentialId === 'string' && details.symbol === undefined;
}

/**
 * What the chain hashes for a record: the record itself, with its order's fixed facts when it refers
 * to one. An order that is gone leaves the record as stored, so its hash no longer recomputes.
 */
export function hashedContent(content: AuditContent, read: OrderFactsReader): AuditContent {
  if (!refersToOrder(content)) return content;
  const order = read(content.details.orderId);
  return order ? { ...content, details: { ...content.details, ...orderFactFields(order) } } : content;
}
