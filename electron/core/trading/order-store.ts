/** Reads and writes the `orders` table as OrderInfo. */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { OpenedDatabase } from '../store/database';
import { preparedInsert, preparedPerHandle, preparedUpdate } from '../store/prepared-query';
import { credentials, orders, type OrderRow } from '../store/schema';
import type { OrderInfo, OrderStatus } from './trading-schema';

type Reader = Pick<OpenedDatabase['db'], 'select'>;

export function toOrderInfo(row: OrderRow, credential: { label: string; provider: string }): OrderInfo {
  return {
    id: row.id,
    credentialId: row.credentialId,
    accountLabel: credential.label,
    provider: credential.provider,
    source: row.source,
    symbol: row.symbol,
    side: row.side,
    type: row.type,
    amount: row.amount,
    requestedAmount: row.requestedAmount,
    requestedUnit: row.requestedUnit,
    price: row.price ?? null,
    notionalUsd: row.notionalUsd,
    paper: row.paper,
    status: row.status,
    blockedBy: (row.blockedBy ?? null) as OrderInfo['blockedBy'],
    message: row.message,
    exchangeOrderId: row.exchangeOrderId ?? null,
    clientOrderId: row.clientOrderId,
    filledAmount: row.filledAmount,
    averagePrice: row.averagePrice ?? null,
    errorCode: row.errorCode ?? null,
    webhookEventId: row.webhookEventId ?? null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

const withCredential = (db: Reader) =>
  db.select({ order: orders, label: credentials.label, provider: credentials.provider }).from(orders).innerJoin(credentials, eq(credentials.id, orders.credentialId));

/** Records a new order (every order placed; see prepared-query.ts). */
export const insertOrder = preparedInsert(orders);
/** Changes an order's row by id. */
export const updateOrder = preparedUpdate(orders, orders.id);

// Both run several times for every order placed (see prepared-query.ts).
const orderById = preparedPerHandle((db: Reader) => withCredential(db).where(eq(orders.id, sql.placeholder('id'))).prepare());
const orderIdByIdempotencyKey = preparedPerHandle((db: Reader) => db.select({ id: orders.id }).from(orders).where(eq(orders.idempotencyKey, sql.placeholder('key'))).prepare());

export function findOrder(db: Reader, id: string): OrderInfo | undefined {
  const row = orderById(db).get({ id });
  return row ? toOrderInfo(row.order, row) : undefined;
}

export function findOrderByIdempotencyKey(db: Reader, key: string): OrderInfo | undefined {
  // Nearly always there is none: a look-up of the id, and the whole order only for a duplicate.
  const hit = orderIdByIdempotencyKey(db).get({ key });
  return hit ? findOrder(db, hit.id) : undefined;
}

export function listOrders(db: Reader, filter: { credentialId?: string | undefined; statuses?: readonly OrderStatus[] | undefined; limit: number }): OrderInfo[] {
  const conditions = [
    filter.credentialId ? eq(orders.credentialId, filter.credentialId) : undefined,
    filter.statuses?.length ? inArray(orders.status, [...filter.statuses]) : undefined,
  ].filter((condition) => condition !== undefined);
  return withCredential(db)
    .where(conditions.length ? and(...conditions) : sql`1 = 1`)
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(filter.limit)
    .all()
    .map((row) => toOrderInfo(row.order, row));
}
