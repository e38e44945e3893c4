/**
 * Position drift (issue 19): an alert that carries the strategy's position (`position`, from
 * {{strategy.position_size}}) says what the account should hold once its order settled. A lost alert
 * leaves the account holding less, a doubled one more, and nothing else would notice.
 *
 * What is compared, per alert source, account and market (a "track"), spot accounts only:
 *   expected = baseline + max(position, 0)   (a short strategy holds nothing on spot)
 *   actual   = the account's total of the base coin (free + in open orders), read after the order
 * The baseline is what the account held besides the strategy: set when the first alert with a
 * position had its order filled (actual − position then), and moved by a dismissal (the person
 * accepts the holding as it is). Paper orders, Polymarket accounts, orders still open or of unknown
 * fate, and alerts while another for the same track is still in flight are not compared.
 *
 * A difference is recorded (one open drift per track, updated by later alerts), audited and emitted
 * as `webhook.drift`. Bringing the account in line is a market order for the difference placed only
 * when a person asks, through trading.place as a manual order, so the risk gate applies.
 */
import { appendAudit } from '../audit/audit-log';
import type { AuditActor } from '../audit/audit-schema';
import type { Clock } from '../clock';
import type { CredentialRepository } from '../credentials/credential-repository';
import { KeywardenError } from '../errors';
import type { CoreEvents } from '../events';
import type { ExchangeClientCache } from '../exchanges/exchange-client-cache';
import type { OpenedDatabase } from '../store/database';
import { randomId } from '../store/random-id';
import type { TradingApi } from '../trading/trading-api';
import type { OrderInfo, OrderIntent, OrderPreview } from '../trading/trading-schema';
import { readHolding } from './drift-holding';
import type { DriftInfo } from './drift-schema';
import { findDrift, insertDrift, listDrifts, openDriftOf, readTrack, replaceDrift, resolveDrift, writeTrack, type DriftRow, type TrackKey } from './drift-store';
import { sourceLabels } from './webhook-sources';

export interface PositionDriftOptions {
  readonly database: OpenedDatabase;
  readonly clock: Clock;
  readonly events: CoreEvents;
  readonly credentials: CredentialRepository;
  readonly clients: ExchangeClientCache;
  readonly trading: TradingApi;
}

/** One account's order of an alert with a position, handed over by the intake before it is placed. */
export interface DriftWatch {
  readonly sourceId: string;
  readonly accountId: string;
  readonly symbol: string;
  readonly position: number;
  readonly webhookEventId: number;
}

/** Orders whose effect on the holding is known: filled, or never placed (the strategy still moved). */
const COMPARABLE = new Set(['filled', 'blocked', 'rejected', 'canceled']);

export class PositionDrift {
  readonly #options: PositionDriftOptions;
  /** Alerts per account and market whose orders have not settled: a balance read meanwhile would be half-way. */
  readonly #inFlight = new Map<string, number>();
  readonly #fixing = new Set<string>();

  constructor(options: PositionDriftOptions) {
    this.#options = options;
  }

  /** Called in arrival order, before the order is placed; `settled` once it has a result. Never throws. */
  watch(watch: DriftWatch): { settled(orderId: string | null): Promise<void> } {
    const flight = `${watch.accountId}\n${watch.symbol}`;
    this.#inFlight.set(flight, (this.#inFlight.get(flight) ?? 0) + 1);
    return {
      settled: async (orderId) => {
        const left = (this.#inFlight.get(flight) ?? 1) - 1;
        if (left > 0) this.#inFlight.set(flight, left);
        else this.#inFlight.delete(flight);
        try {
          await this.#compare(watch, orderId, left === 0);
        } catch {
          // A balance that cannot be read now is no drift; the next alert compares again.
        }
      },
    };
  }

  async #compare(watch: DriftWatch, orderId: string | null, quiet: boolean): Promise<void> {
    const { database, clock, credentials, clients, trading } = this.#options;
    const order = orderId ? trading.getOrder(orderId) : undefined;
    if (!order || order.paper || credentials.get(watch.accountId).kind === 'polymarket') return;
    const holding = await readHolding(credentials, clients, watch.accountId, watch.symbol);
    const key: TrackKey = { sourceId: watch.sourceId, credentialId: watch.accountId, symbol: holding.symbol };
    const held = Math.max(watch.position, 0);
    const db = database.db;
    const track = readTrack(db, key);
    const now = clock.now();
    if (!track) {
      // The first alert sets the baseline, and only from a filled order: otherwise it is unknown.
      if (order.status === 'filled' && quiet) writeTrack(db, { ...key, base: holding.base, baseline: tidy(holding.total - held), expected: holding.total, updatedAt: now });
      return;
    }
    const expected = tidy(track.baseline + held);
    writeTrack(db, { ...track, expected, updatedAt: now });
    if (!quiet || !COMPARABLE.has(order.status)) return;
    const difference = tidy(holding.total - expected);
    const open = openDriftOf(db, key);
    if (Math.abs(difference) < holding.tolerance) {
      if (open) this.#resolve(open, 'fixed', 'system', null);
      return;
    }
    const row: DriftRow = { id: open?.id ?? `d${randomId(11)}`, ...key, base: holding.base, expected, actual: holding.total, difference, detectedAt: now, webhookEventId: watch.webhookEventId, status: 'open', resolvedAt: null, orderId: null };
    db.transaction(() => {
      // One open drift per track: a later alert's finding replaces the earlier one (only the latest is true).
      if (open) replaceDrift(db, row);
      else insertDrift(db, row);
      appendAudit(db, clock, { actor: 'webhook', action: 'webhook.drift', subject: row.id, outcome: 'denied', details: { accountId: key.credentialId, symbol: key.symbol, expected, actual: holding.total, difference } });
    }, { behavior: 'immediate' });
    this.#emit(row);
  }

  list(options: { readonly all?: boolean | undefined; readonly limit?: number | undefined } = {}): DriftInfo[] {
    return this.#describe(listDrifts(this.#options.database.db, !options.all, options.limit ?? 100));
  }

  /** What "bring in line" would place, and what the risk gate says about it now. */
  preview(id: string, actor: AuditActor): Promise<OrderPreview> {
    return this.#options.trading.preview(intentFor(this.#open(id)), { source: 'manual', actor });
  }

  /** Places the order that closes the difference, as a manual order through the risk gate. */
  async fix(id: string, actor: AuditActor): Promise<{ drift: DriftInfo; order: OrderInfo }> {
    const drift = this.#open(id);
    if (this.#fixing.has(id)) throw new KeywardenError('DRIFT_NOT_FOUND', 'This drift is being brought in line already.');
    this.#fixing.add(id);
    try {
      const { order } = await this.#options.trading.place(intentFor(drift), { source: 'manual', actor });
      if (order.status === 'filled' || order.status === 'open') this.#resolve(drift, 'fixed', actor, order.id);
      return { drift: this.#info(id), order };
    } finally {
      this.#fixing.delete(id);
    }
  }

  /** The person accepts the holding as it is: the baseline moves by the difference, and the drift closes. */
  dismiss(id: string, actor: AuditActor): DriftInfo {
    const drift = this.#open(id);
    const db = this.#options.database.db;
    db.transaction(() => {
      const track = readTrack(db, drift);
      if (track) writeTrack(db, { ...track, baseline: tidy(track.baseline + drift.difference), expected: tidy(track.expected + drift.difference), updatedAt: this.#options.clock.now() });
      this.#resolve(drift, 'dismissed', actor, null);
    }, { behavior: 'immediate' });
    return this.#info(id);
  }

  #resolve(drift: DriftRow, status: 'fixed' | 'dismissed', actor: AuditActor, orderId: string | null): void {
    const { database, clock } = this.#options;
    database.db.transaction(() => {
      resolveDrift(database.db, drift.id, { status, resolvedAt: clock.now(), orderId });
      appendAudit(database.db, clock, { actor, action: status === 'fixed' ? 'webhook.drift.fix' : 'webhook.drift.dismiss', subject: drift.id, outcome: 'ok', details: { accountId: drift.credentialId, symbol: drift.symbol, difference: drift.difference, orderId } });
    }, { behavior: 'immediate' });
    this.#emit({ ...drift, status });
  }

  #open(id: string): DriftRow {
    const drift = findDrift(this.#options.database.db, id);
    if (!drift || drift.status !== 'open') throw new KeywardenError('DRIFT_NOT_FOUND', `No open drift has the id "${id.slice(0, 32)}" (it may have been dismissed or brought in line).`);
    return drift;
  }

  #info(id: string): DriftInfo {
    const row = findDrift(this.#options.database.db, id);
    if (!row) throw new KeywardenError('DRIFT_NOT_FOUND', `No drift has the id "${id.slice(0, 32)}".`);
    return this.#describe([row])[0] as DriftInfo;
  }

  #describe(rows: readonly DriftRow[]): DriftInfo[] {
    const sources = sourceLabels(this.#options.database.db, rows.map((row) => row.sourceId));
    return rows.map((row) => ({
      id: row.id, sourceId: row.sourceId, sourceLabel: sources.get(row.sourceId) ?? 'deleted source',
      accountId: row.credentialId, accountLabel: this.#accountLabel(row.credentialId),
      symbol: row.symbol, base: row.base, expected: row.expected, actual: row.actual, difference: row.difference,
      detectedAt: row.detectedAt, webhookEventId: row.webhookEventId, status: row.status, orderId: row.orderId,
    }));
  }

  #accountLabel(id: string): string {
    try {
      return this.#options.credentials.get(id).label;
    } catch {
      return 'deleted account';
    }
  }

  #emit(drift: DriftRow): void {
    try {
      this.#options.events.emit('webhook.drift', { id: drift.id, accountId: drift.credentialId, symbol: drift.symbol, base: drift.base, expected: drift.expected, actual: drift.actual, difference: drift.difference, status: drift.status });
    } catch {
      // A subscriber's failure is its own; the drift is recorded either way.
    }
  }
}

/** The market order that closes the difference: buy what is missing, sell what is too much. */
function intentFor(drift: DriftRow): OrderIntent {
  return { account: drift.credentialId, symbol: drift.symbol, side: drift.difference < 0 ? 'buy' : 'sell', type: 'market', amount: Math.abs(drift.difference), amountUnit: 'base' };
}

/** Sums of coin amounts without binary noise (0.52 − 0.53 is −0.010000000000000009): 12 decimals is finer than any market's step. */
function tidy(amount: number): number {
  return Number(amount.toFixed(12));
}
