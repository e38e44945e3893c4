/**
 * The `webhook_events` table: every request the listener received, with its outcome. An accepted
 * alert is written at once, in the transaction that checks it is not a duplicate (its id goes on the
 * order). Refusals of requests that carried a valid token are buffered and written together a moment
 * later: a flood then costs one commit per batch instead of one per request, and never delays a real
 * alert. Requests without a valid token, and rate-limited ones, are only counted (refusal-counter.ts).
 * Rows never hold a token: not the path, not the `secret` field, not a wrong one.
 */
import { and, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { OpenedDatabase } from '../store/database';
import { preparedInsert, preparedPerHandle } from '../store/statement-cache';
import { webhookEvents } from '../store/schema';
import { orderIdempotencyKey, orderKeyedBy } from '../trading/order-store';
import type { WebhookRefusalCount } from './refusal-count-schema';
import { RefusalCounter } from './refusal-counter';
import { HANDED_ON, SETTLED_HANDED_ON, type EventRetention } from './event-retention';
import type { AccountResult, WebhookEventInfo, WebhookOutcome } from './webhook-schema';
import { sourceLabels } from './webhook-sources';

export interface WebhookEventRecord {
  readonly receivedAt: number;
  readonly sourceId: string | null;
  readonly remoteAddress: string | null;
  readonly contentType: string | null;
  readonly bodyHash: string | null;
  readonly alertId: string | null;
  readonly httpStatus: number;
  readonly outcome: WebhookOutcome;
  readonly message: string;
  readonly alert: Record<string, unknown> | null;
  /** An accepted alert's order idempotency key (null for anything refused). */
  readonly idempotencyKey: string | null;
}

/** What an earlier delivery of the same alert became. */
export interface DuplicateOf {
  readonly eventId: number | null;
  readonly orderId: string | null;
}

const FLUSH_DELAY_MS = 50;

type Handle = Pick<OpenedDatabase['db'], 'select' | 'update'>;
// Every accepted alert runs these (see statement-cache.ts).
const insertEvent = preparedInsert(webhookEvents);
const handedOnWithBody = preparedPerHandle((db: Handle) =>
  db
    .select({ id: webhookEvents.id, orderId: webhookEvents.orderId })
    .from(webhookEvents)
    .where(and(eq(webhookEvents.bodyHash, sql.placeholder('bodyHash')), gte(webhookEvents.receivedAt, sql.placeholder('since')), eq(webhookEvents.sourceId, sql.placeholder('sourceId')), inArray(webhookEvents.outcome, [...HANDED_ON] as WebhookOutcome[])))
    .orderBy(webhookEvents.id)
    .limit(1)
    .prepare(),
);
// Only accepted alerts carry a key; it stays when they settle, unless their order holds the same key
// (see settle): one index look-up, for good.
const acceptedWithKey = preparedPerHandle((db: Handle) =>
  db.select({ id: webhookEvents.id, orderId: webhookEvents.orderId }).from(webhookEvents).where(eq(webhookEvents.idempotencyKey, sql.placeholder('key'))).orderBy(webhookEvents.id).limit(1).prepare(),
);
const settleEvent = preparedPerHandle((db: Handle) =>
  db.update(webhookEvents).set({
    outcome: sql`${sql.placeholder('outcome')}`,
    message: sql`${sql.placeholder('message')}`,
    orderId: sql`${sql.placeholder('orderId')}`,
    idempotencyKey: sql`CASE WHEN ${webhookEvents.idempotencyKey} = ${sql.placeholder('keyHeldByOrder')} THEN NULL ELSE ${webhookEvents.idempotencyKey} END`,
  }).where(eq(webhookEvents.id, sql.placeholder('id'))).prepare(),
);
const MAX_BUFFERED = 1000;
const DAY_MS = 86_400_000;
const PRUNE_BATCH = 2000;
const quoted = (outcomes: readonly string[]) => outcomes.map((outcome) => `'${outcome}'`).join(',');
/** Retention's deletes (event-retention.ts): a batch per statement, oldest first by received_at, so the listener answers in between. */
const deleteStatement = (outcomes: string) => `DELETE FROM webhook_events WHERE id IN (SELECT id FROM webhook_events WHERE received_at < ? AND ${outcomes} LIMIT ${PRUNE_BATCH})`;
/** Settled alerts ('accepted' = still waiting to settle: never deleted, recovery needs it). */
const deleteSettled = deleteStatement(`outcome IN (${quoted(SETTLED_HANDED_ON)})`);
const deleteRefused = deleteStatement(`outcome NOT IN (${quoted(HANDED_ON)})`);
/** An alert recorded as accepted that never settled: the condition of webhook_events_unsettled_idx. */
export const UNSETTLED = sql`${webhookEvents.outcome} = 'accepted' AND ${webhookEvents.orderId} IS NULL`;

export class WebhookEventLog {
  readonly #database: OpenedDatabase;
  readonly #refusals: RefusalCounter;
  #buffer: WebhookEventRecord[] = [];
  #timer: NodeJS.Timeout | undefined;

  constructor(database: OpenedDatabase) {
    this.#database = database;
    this.#refusals = new RefusalCounter(database);
  }

  get #db() {
    return this.#database.db;
  }

  /**
   * Records an accepted alert unless an earlier delivery of it exists, in one immediate transaction
   * (so two processes cannot both accept it). Returns the new event id, or what it duplicates.
   * Like every commit, it does not wait for the disk, so the alert goes to trading at once: whoever
   * answers "accepted" waits for `database.flushed()` first.
   */
  acceptUnlessDuplicate(
    record: WebhookEventRecord,
    check: { readonly sourceId: string; readonly idempotencyKey: string; readonly alertId: string | null; readonly bodyHash: string; readonly windowMs: number },
  ): { readonly accepted: number } | { readonly duplicateOf: DuplicateOf } {
    // Buffered refusals go first, in this same transaction, so ids stay in the order requests came.
    const buffered = this.#takeBuffer();
    // The root handle's prepared queries run inside this transaction (see statement-cache.ts).
    const db = this.#db;
    return this.#database.sqlite.transaction(() => {
      for (const earlier of buffered) insertEvent(db, { ...earlier, orderId: null });
      const order = orderKeyedBy(db, check.idempotencyKey);
      if (order) return { duplicateOf: { eventId: order.webhookEventId ?? null, orderId: order.id } };
      // Accepted before (its order may not be recorded yet): the key holds the source and the alert
      // id. Without an id the key holds a time bucket, so the same body within the sliding window
      // is checked too.
      const earlier = acceptedWithKey(db).get({ key: check.idempotencyKey })
        ?? (check.alertId === null ? handedOnWithBody(db).get({ bodyHash: check.bodyHash, since: record.receivedAt - check.windowMs, sourceId: check.sourceId }) : undefined);
      if (earlier) return { duplicateOf: { eventId: earlier.id, orderId: earlier.orderId ?? null } };
      // Compact (issue 22): an alert with an id is recognised by its key, so its body hash (and that
      // index entry, ~160 bytes an alert) is kept only for alerts without one, which need it.
      return { accepted: Number(insertEvent(db, { ...record, bodyHash: record.alertId === null ? record.bodyHash : null, orderId: null }).lastInsertRowid) };
    }).immediate();
  }

  /** Counts a refusal of a request without a valid token, or a rate-limited one, instead of storing it (refusal-counter.ts). */
  count(record: WebhookEventRecord): void {
    this.#refusals.count(record);
  }

  /** Counted refusals since `since`, per reason and address, largest first. */
  refusalCounts(since: number): WebhookRefusalCount[] {
    return this.#refusals.list(since);
  }

  /** Records a refused or duplicate request soon (batched). */
  recordLater(record: WebhookEventRecord): void {
    this.#buffer.push(record);
    if (this.#buffer.length >= MAX_BUFFERED) this.flush();
    else this.#timer ??= setTimeout(() => this.#flushInBackground(), FLUSH_DELAY_MS).unref();
  }

  /** Writes what is buffered, in one transaction; returns the ids written, in order. */
  flush(): number[] {
    this.#refusals.flush();
    const batch = this.#takeBuffer();
    if (batch.length === 0 || !this.#database.sqlite.open) return [];
    return this.#insertAll(batch);
  }

  /** Records a request now and returns its id (when the id is needed, e.g. for an event). */
  recordNow(record: WebhookEventRecord): number {
    const ids = this.#flushWith(record);
    return ids[ids.length - 1] as number;
  }

  #flushWith(record: WebhookEventRecord): number[] {
    return this.#insertAll([...this.#takeBuffer(), record]);
  }

  #insertAll(batch: readonly WebhookEventRecord[]): number[] {
    const db = this.#db;
    return db.transaction(() => batch.map((record) => Number(insertEvent(db, { ...record, orderId: null }).lastInsertRowid)), { behavior: 'immediate' });
  }

  /** A timer's flush must never throw (it would crash the process): a busy database is retried later. */
  #flushInBackground(): void {
    const batch = this.#buffer;
    try {
      this.flush();
    } catch {
      if (!this.#database.sqlite.open) return;
      this.#buffer = [...batch, ...this.#buffer].slice(-MAX_BUFFERED);
      this.#timer ??= setTimeout(() => this.#flushInBackground(), 1000).unref();
    }
  }

  #takeBuffer(): WebhookEventRecord[] {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#buffer;
    this.#buffer = [];
    return batch;
  }

  /** The final state of an accepted alert, once trading settled it. One statement: part of the caller's transaction, if any. */
  settle(id: number, change: { readonly outcome: WebhookOutcome; readonly message: string; readonly orderId: string | null; readonly accountResults?: readonly AccountResult[] }): void {
    const { accountResults, ...fields } = change;
    // Compact (issue 22): when the alert's order was recorded under the alert's own key (a one-account
    // alert), a redelivery is found by the order's key from now on, so the event's copy and its index
    // entry (~70 bytes an alert) go. A fan-out's orders hold keys of their own: its event keeps its key.
    const keyHeldByOrder = change.orderId !== null && !accountResults ? orderIdempotencyKey(this.#db, change.orderId) ?? null : null;
    settleEvent(this.#db).run({ id, ...fields, keyHeldByOrder });
    if (accountResults) this.#db.update(webhookEvents).set({ accountResults: [...accountResults] }).where(eq(webhookEvents.id, id)).run();
  }

  /** Newest first. */
  list(query: { readonly limit: number; readonly sourceId?: string | undefined; readonly beforeId?: number | undefined }): WebhookEventInfo[] {
    this.flush();
    const filters: SQL[] = [];
    if (query.sourceId) filters.push(eq(webhookEvents.sourceId, query.sourceId));
    if (query.beforeId !== undefined) filters.push(lt(webhookEvents.id, query.beforeId));
    const events = this.#db
      .select()
      .from(webhookEvents)
      .where(filters.length ? and(...filters) : undefined)
      .orderBy(desc(webhookEvents.id))
      .limit(query.limit)
      .all();
    const labels = sourceLabels(this.#db, events.flatMap((event) => (event.sourceId ? [event.sourceId] : [])));
    return events.map((event) => ({
      id: event.id,
      receivedAt: event.receivedAt,
      sourceId: event.sourceId ?? null,
      sourceLabel: event.sourceId ? labels.get(event.sourceId) ?? null : null,
      remoteAddress: event.remoteAddress ?? null,
      contentType: event.contentType ?? null,
      alertId: event.alertId ?? null,
      httpStatus: event.httpStatus,
      outcome: event.outcome as WebhookOutcome,
      message: event.message,
      alert: event.alert ?? null,
      orderId: event.orderId ?? null,
      accounts: event.accountResults ? event.accountResults.map((result) => ({ ...result, outcome: result.outcome as WebhookOutcome })) : null,
    }));
  }

  /** Alerts recorded as accepted that never settled (the process stopped before trading answered), oldest first: a partial index holds only these (drizzle/0014). */
  unsettledAlerts(): { id: number; receivedAt: number; sourceId: string | null; alert: Record<string, unknown> | null; idempotencyKey: string | null }[] {
    return this.#db
      .select({ id: webhookEvents.id, receivedAt: webhookEvents.receivedAt, sourceId: webhookEvents.sourceId, alert: webhookEvents.alert, idempotencyKey: webhookEvents.idempotencyKey })
      .from(webhookEvents)
      // Literally as the partial index says (a bound 'accepted' would keep SQLite from using it).
      .where(UNSETTLED)
      .orderBy(webhookEvents.id)
      .all();
  }

  /**
   * Deletes events past their keep time (event-retention.ts: settled alerts after
   * `keepAcceptedDays`, refusals and their counts after `keepRefusedDays`), a batch per statement so
   * the listener keeps answering in between; returns how many event rows went.
   */
  prune(now: number, retention: EventRetention): number {
    this.flush();
    let removed = 0;
    for (const [statement, days] of [[deleteSettled, retention.keepAcceptedDays], [deleteRefused, retention.keepRefusedDays]] as const) {
      const remove = this.#database.sqlite.prepare(statement);
      for (;;) {
        const { changes } = remove.run(now - days * DAY_MS);
        removed += changes;
        if (changes < PRUNE_BATCH) break;
      }
    }
    this.#refusals.prune(now - retention.keepRefusedDays * 86_400_000);
    return removed;
  }

  /** Stops the flush timer after writing what is buffered. */
  close(): void {
    this.#refusals.close();
    try {
      this.flush();
    } catch {
      // The database is going away; losing a batch of refusals is acceptable, crashing the shutdown is not.
    }
  }
}
