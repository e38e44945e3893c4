/**
 * The `orders` table (orders as OrderInfo, and what the webhook and the risk gate ask of them), and
 * what its triggers keep: the running usage totals (`order_daily_usage`, `order_exposure`) and the
 * orders sent in the last ten minutes (`recent_sent_orders`, the per-minute count's).
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { OpenedDatabase } from '../store/database';
import { preparedInsert, preparedPerHandle, preparedUpdate } from '../store/statement-cache';
import { credentials, orders, type OrderRow } from '../store/schema';
import { clientOrderIdFor } from './client-order-id';
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
    clientOrderId: clientOrderIdOf(row),
    filledAmount: row.filledAmount,
    averagePrice: row.averagePrice ?? null,
    errorCode: row.errorCode ?? null,
    webhookEventId: row.webhookEventId ?? null,
    marketLabel: row.marketLabel ?? null,
    marketType: row.marketType,
    reduceOnly: row.reduceOnly,
    positionSide: row.positionSide ?? null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

const withCredential = (db: Reader) =>
  db.select({ order: orders, label: credentials.label, provider: credentials.provider }).from(orders).innerJoin(credentials, eq(credentials.id, orders.credentialId));

type NewOrderRow = typeof orders.$inferInsert;
const insertOrderRow = preparedInsert(orders);
/** Records a new order (every order placed; see statement-cache.ts). */
export function insertOrder(db: Pick<OpenedDatabase['db'], 'insert' | 'update'>, row: NewOrderRow): void {
  insertOrderRow(db, storedForm(row));
}
/** Records an order unless one with the same id or idempotency key exists (a refused intent, recorded as rejected). */
export function insertOrderIfNew(db: Pick<OpenedDatabase['db'], 'insert'>, row: NewOrderRow): void {
  db.insert(orders).values(storedForm(row)).onConflictDoNothing().run();
}
/**
 * The id an order was sent with: the one stored, or (stored as null) the one derived from its
 * idempotency key. Every reader of the column goes through this, raw SQL readers included.
 */
export function clientOrderIdOf(row: { readonly clientOrderId: string | null; readonly idempotencyKey: string }): string {
  return row.clientOrderId ?? clientOrderIdFor(row.idempotencyKey);
}
/** A client order id derived from the idempotency key is not stored: clientOrderIdOf derives it again (issue 22). */
function storedForm(row: NewOrderRow): NewOrderRow {
  return row.clientOrderId === clientOrderIdFor(row.idempotencyKey) ? { ...row, clientOrderId: null } : row;
}
/** Changes an order's row by id. */
export const updateOrder = preparedUpdate(orders, orders.id);

// Both run several times for every order placed (see statement-cache.ts).
const orderById = preparedPerHandle((db: Reader) => withCredential(db).where(eq(orders.id, sql.placeholder('id'))).prepare());
const orderByIdempotencyKey = preparedPerHandle((db: Reader) => db.select({ id: orders.id, webhookEventId: orders.webhookEventId }).from(orders).where(eq(orders.idempotencyKey, sql.placeholder('key'))).prepare());

export function findOrder(db: Reader, id: string): OrderInfo | undefined {
  const row = orderById(db).get({ id });
  return row ? toOrderInfo(row.order, row) : undefined;
}

export function findOrderByIdempotencyKey(db: Reader, key: string): OrderInfo | undefined {
  // Nearly always there is none: a look-up of the id, and the whole order only for a duplicate.
  const hit = orderByIdempotencyKey(db).get({ key });
  return hit ? findOrder(db, hit.id) : undefined;
}

/** The id of the order with this idempotency key, and the alert event it came from (every accepted alert asks). */
/** The idempotency key an order was recorded with (the alert intake clears the event's copy of it). */
export function orderIdempotencyKey(db: Reader, id: string): string | undefined {
  return orderKeyById(db).get({ id })?.key;
}
const orderKeyById = preparedPerHandle((db: Reader) => db.select({ key: orders.idempotencyKey }).from(orders).where(eq(orders.id, sql.placeholder('id'))).prepare());

export function orderKeyedBy(db: Reader, key: string): { readonly id: string; readonly webhookEventId: number | null } | undefined {
  return orderByIdempotencyKey(db).get({ key });
}

/** The order placed for a webhook alert event, if one was recorded (recovery after a crash). */
export function orderOfWebhookEvent(db: Reader, eventId: number): Pick<OrderRow, 'id' | 'status' | 'message'> | undefined {
  return db.select({ id: orders.id, status: orders.status, message: orders.message }).from(orders).where(eq(orders.webhookEventId, eventId)).get();
}

/** The statuses of orders still in play; `orders_unsettled_idx` holds only these (schema.ts). */
const unsettledStatuses: readonly OrderStatus[] = ['sending', 'open', 'unknown'];
/** The index's own condition, word for word: SQLite uses a partial index only when the query repeats it. */
const UNSETTLED_ORDER = sql`${orders.status} IN ('sending','open','unknown')`;

export function listOrders(db: Reader, filter: OrderListFilter): OrderInfo[] {
  return listOrdersQuery(db, filter).all().map((row) => toOrderInfo(row.order, row));
}

export interface OrderListFilter {
  readonly credentialId?: string | undefined;
  readonly statuses?: readonly OrderStatus[] | undefined;
  readonly limit: number;
}

/** The query listOrders runs (exported for the EXPLAIN QUERY PLAN test). */
export function listOrdersQuery(db: Reader, filter: OrderListFilter) {
  const statuses = filter.statuses ?? [];
  const conditions = [
    filter.credentialId ? eq(orders.credentialId, filter.credentialId) : undefined,
    statuses.length ? inArray(orders.status, [...statuses]) : undefined,
    statuses.length && statuses.every((status) => unsettledStatuses.includes(status)) ? UNSETTLED_ORDER : undefined,
  ].filter((condition) => condition !== undefined);
  return withCredential(db)
    .where(conditions.length ? and(...conditions) : sql`1 = 1`)
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(filter.limit);
}

/** Which orders a usage figure counts: paper or live ones, of one account or (null) of all. */
export interface UsageScope {
  readonly paper: boolean;
  readonly credentialId: string | null;
}

/**
 * The running totals the triggers on `orders` keep (see readUsage in risk-limits-store.ts): the
 * value traded on a UTC day (day number), and the value of buys still open and of filled buys and sells.
 */
export function usageTotals(database: OpenedDatabase, scope: UsageScope, day: number): { dailyNotionalUsd: number; openBuys: number; filledBuys: number; filledSells: number } {
  const bound = { paper: scope.paper ? 1 : 0, credentialId: scope.credentialId };
  const daily = database.sqlite.prepare(`
    SELECT TOTAL(notional_usd) AS value FROM order_daily_usage
    WHERE day = @day AND paper = @paper AND (@credentialId IS NULL OR credential_id = @credentialId)
  `).get({ ...bound, day }) as { value: number };
  const exposure = database.sqlite.prepare(`
    SELECT TOTAL(open_buys_usd) AS openBuys, TOTAL(filled_buys_usd) AS filledBuys, TOTAL(filled_sells_usd) AS filledSells FROM order_exposure
    WHERE paper = @paper AND (@credentialId IS NULL OR credential_id = @credentialId)
  `).get(bound) as { openBuys: number; filledBuys: number; filledSells: number };
  return { dailyNotionalUsd: daily.value, ...exposure };
}

/**
 * How many orders were sent since `since` (blocked or rejected intents do not count), counting no
 * further than `cap`: the gate only asks whether the limit is reached, so this reads at most `cap`
 * entries of `recent_sent_orders`, the orders sent in the ten minutes before the newest (kept by
 * triggers, drizzle/0021), however busy the window (issue 22).
 * One statement per scope: `(@credentialId IS NULL OR …)` would keep SQLite from choosing the index.
 */
export function ordersSentSince(database: OpenedDatabase, scope: UsageScope, since: number, cap: number): number {
  // sqlite.prepare hands back the statement prepared before for the same text (statement-cache.ts).
  const row = database.sqlite.prepare(scope.credentialId === null ? SENT_SINCE_SQL.all : SENT_SINCE_SQL.account).get({ paper: scope.paper ? 1 : 0, credentialId: scope.credentialId, since, cap: Math.max(0, Math.floor(cap)) }) as { count: number };
  return row.count;
}

/** The count queries (they run on every order). */
export const SENT_SINCE_SQL = {
  all: 'SELECT COUNT(*) AS count FROM (SELECT 1 FROM recent_sent_orders INDEXED BY recent_sent_orders_created_idx WHERE paper = @paper AND created_at > @since LIMIT @cap)',
  account: 'SELECT COUNT(*) AS count FROM (SELECT 1 FROM recent_sent_orders INDEXED BY recent_sent_orders_credential_created_idx WHERE credential_id = @credentialId AND paper = @paper AND created_at > @since LIMIT @cap)',
} as const;
/** The signed Polymarket order recorded for an order before it was posted; null when none was. */
export function readSignedOrder(db: Reader, id: string): string | null {
  return db.select({ signedOrder: orders.signedOrder }).from(orders).where(eq(orders.id, id)).get()?.signedOrder ?? null;
}

/**
 * What Keywarden's own filled perpetual orders add up to on one account and market (buys minus
 * sells, in the base coin; positive = long): the paper position, and, live, the most of a position
 * panic may close as Keywarden's. `symbol` null: every market, one entry each.
 */
export function futuresHeldByKeywarden(database: OpenedDatabase, credentialId: string, paper: boolean, symbol: string | null): { symbol: string; amount: number; averagePrice: number }[] {
  const rows = database.sqlite.prepare(`
    SELECT symbol, TOTAL(CASE side WHEN 'buy' THEN filled_amount ELSE -filled_amount END) AS amount,
      TOTAL(filled_amount * COALESCE(average_price, 0)) / MAX(TOTAL(filled_amount), 1e-18) AS averagePrice
    FROM orders WHERE credential_id = @credentialId AND paper = @paper AND market_type = 'linear' AND filled_amount > 0 AND (@symbol IS NULL OR symbol = @symbol)
    GROUP BY symbol
  `).all({ credentialId, paper: paper ? 1 : 0, symbol }) as { symbol: string; amount: number; averagePrice: number }[];
  // Float sums of exchange-rounded amounts: 1e-12 of a coin is rounding, not a position.
  return rows.map((row) => ({ ...row, amount: Math.abs(row.amount) < 1e-12 ? 0 : Math.round(row.amount * 1e12) / 1e12 })).filter((row) => row.amount !== 0);
}
