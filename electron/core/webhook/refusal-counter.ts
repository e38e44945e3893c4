/**
 * The `webhook_refusal_counts` table: refusals of requests that carried no valid token (wrong or
 * unknown token, wrong path, address not allowed) and every rate-limited one are counted per UTC
 * hour, reason and client address instead of stored one row each. Issue 14: a 6 s wrong-token flood
 * wrote 7,555 rows (kept 30 days) and a 10 MB WAL. Counts are summed in memory and written together
 * about once a second, so a flood costs one small commit per second, and the number of addresses
 * listed per hour is capped, so a flood from many addresses cannot grow the file either.
 */
import { and, desc, gte, lt, sql } from 'drizzle-orm';
import type { OpenedDatabase } from '../store/database';
import { webhookRefusalCounts } from '../store/schema';
import type { WebhookRefusalCount } from './refusal-count-schema';
import type { WebhookOutcome } from './webhook-schema';

const HOUR_MS = 3_600_000;
const FLUSH_DELAY_MS = 1000;
/** Distinct addresses listed per hour; the rest are counted together under OTHER_ADDRESSES. */
export const MAX_ADDRESSES_PER_HOUR = 200;
const OTHER_ADDRESSES = '*';
const MAX_LISTED = 100;

interface Pending {
  readonly hour: number;
  readonly reason: WebhookOutcome;
  readonly remoteAddress: string;
  count: number;
  lastAt: number;
}

export class RefusalCounter {
  readonly #database: OpenedDatabase;
  readonly #pending = new Map<string, Pending>();
  /** Addresses already given a row this hour (this process's view; after a restart the cap starts over, which only lets one more batch in). */
  #addresses = { hour: -1, seen: new Set<string>() };
  #timer: NodeJS.Timeout | undefined;

  constructor(database: OpenedDatabase) {
    this.#database = database;
  }

  /** Counts one refusal; written within about a second. */
  count(refusal: { readonly receivedAt: number; readonly outcome: WebhookOutcome; readonly remoteAddress: string | null }): void {
    const hour = Math.floor(refusal.receivedAt / HOUR_MS) * HOUR_MS;
    const remoteAddress = this.#listedAddress(hour, refusal.remoteAddress ?? 'unknown');
    const key = `${hour}|${refusal.outcome}|${remoteAddress}`;
    const pending = this.#pending.get(key);
    if (pending) {
      pending.count += 1;
      pending.lastAt = Math.max(pending.lastAt, refusal.receivedAt);
    } else {
      this.#pending.set(key, { hour, reason: refusal.outcome, remoteAddress, count: 1, lastAt: refusal.receivedAt });
    }
    this.#timer ??= setTimeout(() => this.#flushInBackground(), FLUSH_DELAY_MS).unref();
  }

  /** Adds what is counted in memory to the table, in one transaction. */
  flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#pending.size === 0 || !this.#database.sqlite.open) return;
    const batch = [...this.#pending.values()];
    this.#pending.clear();
    const db = this.#database.db;
    db.transaction(() => {
      for (const row of batch) {
        db.insert(webhookRefusalCounts)
          .values(row)
          .onConflictDoUpdate({
            target: [webhookRefusalCounts.hour, webhookRefusalCounts.reason, webhookRefusalCounts.remoteAddress],
            set: { count: sql`${webhookRefusalCounts.count} + excluded.count`, lastAt: sql`max(${webhookRefusalCounts.lastAt}, excluded.last_at)` },
          })
          .run();
      }
    }, { behavior: 'immediate' });
  }

  /** Counts since `since`, per reason and address, largest first. */
  list(since: number): WebhookRefusalCount[] {
    this.flush();
    const fromHour = Math.floor(since / HOUR_MS) * HOUR_MS;
    return this.#database.db
      .select({
        reason: webhookRefusalCounts.reason,
        remoteAddress: webhookRefusalCounts.remoteAddress,
        count: sql<number>`sum(${webhookRefusalCounts.count})`.mapWith(Number),
        lastAt: sql<number>`max(${webhookRefusalCounts.lastAt})`.mapWith(Number),
      })
      .from(webhookRefusalCounts)
      .where(and(gte(webhookRefusalCounts.hour, fromHour), gte(webhookRefusalCounts.lastAt, since)))
      .groupBy(webhookRefusalCounts.reason, webhookRefusalCounts.remoteAddress)
      .orderBy(desc(sql`sum(${webhookRefusalCounts.count})`))
      .limit(MAX_LISTED)
      .all()
      .map((row) => ({ reason: row.reason as WebhookOutcome, remoteAddress: row.remoteAddress === OTHER_ADDRESSES ? null : row.remoteAddress, count: row.count, lastAt: row.lastAt }));
  }

  /** Deletes the counts whose last refusal came before `before`; returns how many rows went. */
  prune(before: number): number {
    this.flush();
    return this.#database.db.delete(webhookRefusalCounts).where(lt(webhookRefusalCounts.lastAt, before)).run().changes;
  }

  /** Writes what is counted; never throws (the database may be going away). */
  close(): void {
    try {
      this.flush();
    } catch {
      // Losing a second of counts is acceptable; crashing the shutdown is not.
    }
  }

  #listedAddress(hour: number, address: string): string {
    if (this.#addresses.hour !== hour) this.#addresses = { hour, seen: new Set() };
    const { seen } = this.#addresses;
    if (seen.has(address)) return address;
    if (seen.size >= MAX_ADDRESSES_PER_HOUR) return OTHER_ADDRESSES;
    seen.add(address);
    return address;
  }

  /** A timer's flush must never throw (it would crash the process): a busy database keeps the counts for the next try. */
  #flushInBackground(): void {
    const batch = [...this.#pending.entries()];
    try {
      this.flush();
    } catch {
      if (!this.#database.sqlite.open) return;
      for (const [key, row] of batch) {
        const later = this.#pending.get(key);
        if (later) {
          later.count += row.count;
          later.lastAt = Math.max(later.lastAt, row.lastAt);
        } else {
          this.#pending.set(key, row);
        }
      }
      this.#timer ??= setTimeout(() => this.#flushInBackground(), FLUSH_DELAY_MS).unref();
    }
  }
}
