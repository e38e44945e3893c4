/**
 * What happens to one webhook request, independent of HTTP: the door checks (address, rate limits,
 * token), reading the alert, the checks that can be answered at once (staleness, kill switch, vault,
 * account, scope, duplicates), recording the event, and handing the alert to trading without waiting
 * for it. When trading settles, the event gets the order's fate, the audit log a row, and the app an
 * event. Once an alert is recorded as accepted, nothing here answers with a 5xx (TradingView would
 * send it again).
 */
import { createHash } from 'node:crypto';
import { appendAudit } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { CredentialInfo } from '../credentials/credential-schema';
import type { CredentialRepository } from '../credentials/credential-repository';
import { isKeywardenError, toSerializedError, type ErrorCode } from '../errors';
import type { CoreEvents } from '../events';
import type { OpenedDatabase } from '../store/database';
import { orderKeyedBy, orderOfWebhookEvent } from '../trading/order-store';
import type { TradingApi } from '../trading/trading-api';
import type { OrderInfo, OrderIntent, PlaceResult } from '../trading/trading-schema';
import { isFuturesSymbol } from '../trading/futures/perpetual-symbol';
import { alertAuditDetails } from './alert-audit-details';
import { alertAccounts, summariseResults, type AlertAccount } from './alert-accounts';
import type { Vault } from '../vault/vault';
import type { PositionDrift } from './position-drift';
import { stalenessProblem } from './alert-checks';
import { isFanOut, parseAlert, readAlertJson, takeSecret, type TradingViewAlert } from './alert-payload';
import { failureKey } from './client-address';
import { KeyedTokenBuckets, TokenBucket } from './rate-limiter';
import { SecretRedactor } from './secret-redactor';
import { normalisedBodyHash } from './normalised-body-hash';
import { alertNeedsScopeMessage, scopeGaps } from './source-readiness';
import { tradingViewSourceIps, tradingViewTime } from './tradingview';
import type { WebhookEventLog, WebhookEventRecord } from './webhook-event-log';
import type { AccountResult, WebhookOutcome, WebhookSettings } from './webhook-schema';
import { sourceById, type AuthenticatedSource, type WebhookSources } from './webhook-sources';

/** Facts about a request known before its body is read. */
export interface RequestFacts {
  readonly receivedAt: number;
  /** The client's address (see client-address.ts). */
  readonly clientAddress: string;
  readonly contentType: string | null;
}

/** The answer to send. */
export interface IntakeReply {
  readonly status: number;
  readonly body: Readonly<Record<string, unknown>>;
  readonly headers?: Readonly<Record<string, string>>;
  /** An accepted alert: hands it to trading. Runs before the answer is written. */
  readonly after?: () => void;
  /** The answer is written once this resolves: the accepted alert's record is on disk. */
  readonly recorded?: () => Promise<void>;
}

export interface AlertIntakeOptions {
  readonly database: OpenedDatabase;
  readonly clock: Clock;
  readonly events: CoreEvents;
  readonly vault: Vault;
  readonly credentials: CredentialRepository;
  readonly trading: TradingApi;
  readonly sources: WebhookSources;
  readonly log: WebhookEventLog;
  readonly settings: () => WebhookSettings;
  /** Compares an alert's `position` with the account once its order settled (position-drift.ts). */
  readonly drift?: PositionDrift;
}

interface Refusal {
  readonly status: number;
  readonly code: ErrorCode;
  readonly outcome: WebhookOutcome;
  readonly message: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Counts against the client address's failure allowance (bad requests, not legitimate deliveries). */
  readonly countsAsFailure?: boolean;
}

/** One account's result, with its order as trading returned it (for the audit record, not stored with the event). */
type PlacedForAccount = Pick<AccountResult, 'outcome' | 'message' | 'orderId'> & { readonly order?: OrderInfo };

/** The source a path token belongs to, and every stored token hash (read with it, for redaction). */
export interface PathAuthentication {
  readonly source: AuthenticatedSource;
  readonly knownHashes: readonly string[];
}

/** What the request is known to be so far, for its event row. */
interface Known {
  readonly source?: AuthenticatedSource | undefined;
  readonly bodyHash?: string | undefined;
  readonly alert?: TradingViewAlert | undefined;
  readonly redactor?: SecretRedactor | undefined;
}

export class AlertIntake {
  readonly #options: AlertIntakeOptions;
  #global: TokenBucket | undefined;
  readonly #perSource = new KeyedTokenBuckets();
  readonly #failures = new KeyedTokenBuckets();
  readonly #inFlight = new Set<Promise<void>>();
  /** Alert events handed to trading by this process and not settled yet (recovery must leave them alone). */
  readonly #dispatched = new Set<number>();

  constructor(options: AlertIntakeOptions) {
    this.#options = options;
  }

  /** A path that is not an alert endpoint, or a method other than POST on one. */
  refuseRoute(facts: RequestFacts, kind: 'not-found' | 'method-not-allowed'): IntakeReply {
    return kind === 'not-found'
      ? this.#refuse(facts, { status: 404, code: 'WEBHOOK_NOT_FOUND', outcome: 'not-found', message: 'Nothing here. TradingView alerts go to POST /webhook/<token>.', countsAsFailure: true })
      : this.#refuse(facts, { status: 405, code: 'WEBHOOK_METHOD_NOT_ALLOWED', outcome: 'method-not-allowed', message: 'Alerts must be sent with POST.', headers: { Allow: 'POST' }, countsAsFailure: true });
  }

  /**
   * Checks before anything is read: the address allow-list only. The rate budgets are spent once a
   * valid token is known (receive), so a flood of wrong tokens cannot use up what real alerts need
   * (issue 14); failures have their own budget per client address (#refuse).
   */
  admit(facts: RequestFacts): IntakeReply | undefined {
    const settings = this.#options.settings();
    const fromTradingView = tradingViewSourceIps.has(facts.clientAddress);
    if (settings.tradingViewIpsOnly && !fromTradingView) {
      return this.#refuse(facts, { status: 403, code: 'WEBHOOK_IP_NOT_ALLOWED', outcome: 'ip-not-allowed', message: 'Only TradingView\'s webhook addresses may send alerts here (tradingViewIpsOnly is on).' });
    }
    return undefined;
  }

  /** A body larger than maxBodyBytes (announced or counted). */
  refuseTooLarge(facts: RequestFacts, source: AuthenticatedSource | undefined): IntakeReply {
    const max = this.#options.settings().maxBodyBytes;
    return this.#refuse(facts, { status: 413, code: 'WEBHOOK_BODY_TOO_LARGE', outcome: 'too-large', message: `The alert message is larger than ${max} bytes. A Keywarden alert message is well under 1 KiB.`, countsAsFailure: true }, { source });
  }

  /** The token from the path (/webhook/<token>), checked before the body is read. */
  authenticatePath(facts: RequestFacts, token: string): PathAuthentication | { readonly reply: IntakeReply } {
    const { source, knownHashes } = this.#options.sources.authenticate(token);
    return source ? { source, knownHashes } : { reply: this.#unauthorized(facts) };
  }

  /** The body of an alert request: everything after the door. */
  receive(facts: RequestFacts, body: Buffer, pathAuth: PathAuthentication | undefined): IntakeReply {
    const pathSource = pathAuth?.source;
    const settings = this.#options.settings();
    const json = readAlertJson(body);
    const taken = json.ok ? takeSecret(json.value) : undefined;

    // Who is it? The path's token, else the body's `secret`; both given must name the same source.
    let source = pathSource;
    const bodyAuth = taken?.hasSecretField || !pathSource ? this.#options.sources.authenticate(taken?.secret) : undefined;
    if (bodyAuth && (!bodyAuth.source || (pathSource && bodyAuth.source.id !== pathSource.id))) return this.#unauthorized(facts);
    source ??= bodyAuth?.source;
    if (!source) return this.#unauthorized(facts);

    const redactor = new SecretRedactor(bodyAuth?.knownHashes ?? pathAuth?.knownHashes ?? this.#options.sources.knownTokenHashes());
    // Of a normal form: a resend with extra spaces or reordered keys is still a duplicate.
    const bodyHash = normalisedBodyHash(body);
    let known: Known = { source, bodyHash, redactor };

    if (!source.enabled) {
      return this.#refuse(facts, { status: 403, code: 'WEBHOOK_SOURCE_DISABLED', outcome: 'source-disabled', message: `The alert source "${source.label}" is disabled; enable it in Keywarden to accept its alerts.`, countsAsFailure: true }, known);
    }
    // Saved by an earlier version without accounts or a cap: its token must not trade every key.
    if (scopeGaps(source.scope).length > 0) {
      return this.#refuse(facts, { status: 403, code: 'WEBHOOK_SOURCE_INCOMPLETE', outcome: 'source-incomplete', message: alertNeedsScopeMessage(source.label) }, known);
    }
    const limits = settings.rateLimits;
    this.#global ??= new TokenBucket(limits.globalBurst, facts.receivedAt);
    if (!this.#global.take(limits.globalPerSecond, limits.globalBurst, facts.receivedAt)) {
      return this.#refuse(facts, { status: 429, code: 'WEBHOOK_RATE_LIMITED', outcome: 'rate-limited', message: 'Too many requests right now; try again in a second.', headers: { 'Retry-After': '1' } }, known);
    }
    if (!this.#perSource.take(source.id, settings.rateLimits.sourcePerSecond, settings.rateLimits.sourceBurst, facts.receivedAt)) {
      return this.#refuse(facts, { status: 429, code: 'WEBHOOK_RATE_LIMITED', outcome: 'rate-limited', message: `Too many alerts from "${source.label}" right now; try again in a second.`, headers: { 'Retry-After': '1' } }, known);
    }
    if (!json.ok || !taken) return this.#malformed(facts, json.ok ? 'The alert message could not be read.' : json.problem.message, known);
    if (isTestAlert(taken.rest)) return this.#testAlert(facts, known);
    const parsed = parseAlert(taken.rest);
    if (!parsed.ok) return this.#malformed(facts, parsed.problem.message, known);
    const alert = parsed.value;
    known = { ...known, alert };
    // The symbol goes on the order as it is: one holding a token or a secret-shaped word is no symbol.
    if (redactor.redact(alert.symbol) !== alert.symbol) return this.#malformed(facts, 'symbol is not a market symbol (such as BTCUSDT or BTC/USDT).', known);

    const stale = stalenessProblem(alert, facts.receivedAt, settings.maxAlertAgeSeconds);
    if (stale) return this.#refuse(facts, { status: 422, code: 'ALERT_STALE', outcome: 'stale', message: stale }, known);
    if (this.#options.trading.isPaused()) {
      return this.#refuse(facts, { status: 409, code: 'TRADING_PAUSED', outcome: 'paused', message: 'Trading is paused in Keywarden (kill switch): nothing was placed. Resume trading to accept alerts again.' }, known);
    }
    if (!this.#options.vault.isUnlocked()) {
      return this.#refuse(facts, { status: 409, code: 'VAULT_LOCKED', outcome: 'vault-locked', message: 'The Keywarden vault is locked: nothing was placed. Unlock it to accept alerts.' }, known);
    }
    // Same alert id (or, without one, the same body within the window): the same order(s).
    const window = settings.dedupeWindowSeconds * 1000;
    const idempotencyKey = alert.id !== undefined ? `webhook:${source.id}:${keyableId(alert.id, redactor)}` : `webhook:${source.id}:${bodyHash}:${Math.floor(facts.receivedAt / window)}`;
    const targets = alertAccounts(alert, source, idempotencyKey, (ref) => this.#account(ref));
    if ('refusal' in targets) return this.#refuse(facts, { status: 422, ...targets.refusal }, known);
    const record = { ...this.#record(facts, { status: 200, outcome: 'accepted', message: 'Accepted; handed to trading.' }, known), idempotencyKey };
    const result = this.#options.log.acceptUnlessDuplicate(record, { sourceId: source.id, idempotencyKey, alertId: record.alertId, bodyHash, windowMs: window });
    if ('duplicateOf' in result) {
      const { eventId: earlier, orderId } = result.duplicateOf;
      const message = `Duplicate of ${earlier !== null ? `alert event ${earlier}` : 'an earlier alert'}${orderId ? ` (order ${orderId})` : ''}: nothing new was placed.${alert.id !== undefined ? ' Alert ids must differ per alert; the generated message makes them unique.' : ''}`;
      const eventId = this.#options.log.recordNow(this.#record(facts, { status: 200, outcome: 'duplicate', message }, known));
      this.#emit(eventId, 'duplicate', message, orderId);
      return { status: 200, body: { ok: true, status: 'duplicate', eventId, duplicateOf: earlier, ...(orderId ? { orderId } : {}) } };
    }
    const eventId = result.accepted;
    const fanOut = isFanOut(alert);
    return {
      status: 200,
      // Each account's final result goes to the event log (Received alerts); the reply cannot wait for the exchanges.
      body: { ok: true, status: 'accepted', eventId, ...(fanOut ? { accounts: targets.accounts.map(({ info }) => ({ account: info.id, status: 'accepted' })) } : {}) },
      after: () => this.#dispatch(eventId, alert, targets.accounts, fanOut, source, redactor),
      recorded: () => this.#options.database.flushed(),
    };
  }

  /**
   * After a crash: alerts that were accepted but never settled. One whose order was recorded is
   * settled from that order; one with no order is placed now if it is still fresh, and otherwise is
   * marked failed with the reason. TradingView does not re-send an alert it got a 200 for, so
   * without this an alert could be lost silently. "No order" may also mean a power cut undid the
   * order's record after it was sent: it is placed under the alert's own idempotency key, and only
   * once the exchange has said it has no order with that client order id.
   */
  recoverUnsettled(): { settled: number; placed: number; failed: number } {
    const counts = { settled: 0, placed: 0, failed: 0 };
    if (!this.#options.vault.isUnlocked()) return counts;
    const { database, clock } = this.#options;
    const maxAgeMs = this.#options.settings().maxAlertAgeSeconds * 1000;
    const stuck = this.#options.log.unsettledAlerts();
    const redactor = new SecretRedactor(this.#options.sources.knownTokenHashes());
    for (const event of stuck) {
      if (this.#dispatched.has(event.id)) continue;
      const source = this.#sourceById(event.sourceId);
      const parsedAlert = event.alert ? parseAlert(event.alert) : undefined;
      // A fan-out alert may have some of its accounts' orders: #dispatch settles those from their orders and places the rest.
      const order = parsedAlert?.ok && isFanOut(parsedAlert.value) ? undefined : orderOfWebhookEvent(database.db, event.id);
      if (order) {
        if (isUnsettled(order.status)) this.#settleWhenKnown(event.id, source, order.id);
        else this.#settle(event.id, source, outcomeOfOrder(order.status), order.message, order.id);
        counts.settled += 1;
        continue;
      }
      const parsed = parsedAlert;
      // Events from before 0004 carry no key; those versions synced an order's record before
      // sending it, so without an order it was never sent and a fresh key will do.
      const key = event.idempotencyKey ?? `webhook-recovered:${event.id}`;
      const targets = parsed?.ok ? alertAccounts(parsed.value, source, key, (ref) => this.#account(ref)) : undefined;
      if (parsed?.ok && targets && 'accounts' in targets && clock.now() - event.receivedAt <= maxAgeMs) {
        // A fan-out alert's accounts whose orders were recorded before the crash are settled from them; only the others are placed.
        this.#dispatch(event.id, parsed.value, targets.accounts, isFanOut(parsed.value), source, redactor, { lookUpBeforeSending: true });
        counts.placed += 1;
      } else {
        this.#settle(event.id, source, 'failed', 'Keywarden stopped before this alert was placed, and it is too old to place now. Nothing was placed.', null);
        counts.failed += 1;
      }
    }
    return counts;
  }

  #sourceById(id: string | null): AuthenticatedSource {
    return (id ? sourceById(this.#options.database.db, id) : undefined)
      ?? { id: id ?? 'unknown', label: 'deleted source', enabled: false, scope: { accounts: null, symbols: null, sides: null, maxNotionalUsd: null } };
  }

  /** Resolves when every alert handed to trading has settled and been recorded (tests, shutdown). */
  async whenIdle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight]);
  }

  /** Forgets every rate-limit bucket (settings changed). */
  resetLimits(): void {
    this.#global = undefined;
    this.#perSource.clear();
    this.#failures.clear();
  }

  /** Records and answers a request the intake could not handle (a bug or a database failure). */
  internalFailure(facts: RequestFacts): IntakeReply {
    try {
      this.#options.log.recordLater(this.#record(facts, { status: 503, outcome: 'failed', message: 'Keywarden could not handle this request; nothing was placed.' }, {}));
    } catch {
      // Nothing more to do: the answer below still tells TradingView to try again.
    }
    return { status: 503, body: { ok: false, error: { code: 'INTERNAL', message: 'Keywarden could not handle this alert right now; nothing was placed. TradingView will send it again.' } }, headers: { 'Retry-After': '5' } };
  }

  /**
   * Hands an accepted alert to trading: one order per account, each queued for its account and
   * market (so alerts for one account and symbol are placed in the order they came). Enqueued
   * synchronously, in arrival order. The event settles once every account has a result.
   */
  #dispatch(eventId: number, alert: TradingViewAlert, accounts: readonly AlertAccount[], fanOut: boolean, source: AuthenticatedSource, redactor: SecretRedactor, options: { readonly lookUpBeforeSending?: boolean } = {}): void {
    this.#dispatched.add(eventId);
    // Watched in arrival order, before placing: a comparison waits while another alert for the market is in flight.
    const watches = accounts.map(({ info }) => (alert.position !== undefined ? this.#options.drift?.watch({ sourceId: source.id, accountId: info.id, symbol: alert.symbol, position: alert.position, webhookEventId: eventId }) : undefined));
    const perAccount = accounts.map(({ info, key }) => this.#placeFor(eventId, intentFromAlert(alert, info.id, key), fanOut, source, options).then(
      ({ order, ...result }) => ({ result: { accountId: info.id, accountLabel: info.label, ...result, message: redactor.redact(result.message) } satisfies AccountResult, order }),
    ));
    const done = Promise.all(perAccount).then(async (placed) => {
      this.#dispatched.delete(eventId);
      const results = placed.map(({ result }) => result);
      // The audit record describes the orders as trading just returned them: no need to read them back.
      const orders = new Map(placed.flatMap(({ order }) => (order ? [[order.id, order] as const] : [])));
      if (!fanOut && results[0]) this.#settle(eventId, source, results[0].outcome, results[0].message, results[0].orderId, orders);
      else this.#settle(eventId, source, summariseResults(results).outcome, redactor.redact(summariseResults(results).message), summariseResults(results).orderId, orders, results);
      await Promise.all(results.map((result, n) => watches[n]?.settled(result.orderId)));
    });
    this.#inFlight.add(done);
    void done.finally(() => this.#inFlight.delete(done));
  }

  /** One account's order: its recorded order when it has one already (a recovered fan-out), else placed now. */
  async #placeFor(eventId: number, intent: OrderIntent, fanOut: boolean, source: AuthenticatedSource, options: { readonly lookUpBeforeSending?: boolean }): Promise<PlacedForAccount> {
    const recorded = fanOut && intent.idempotencyKey ? orderKeyedBy(this.#options.database.db, intent.idempotencyKey) : undefined;
    if (recorded && recorded.webhookEventId === eventId) {
      const order = await this.#knownOrder(recorded.id);
      return { outcome: outcomeOfOrder(order.status), message: order.message, orderId: order.id, order };
    }
    try {
      const result = await this.#options.trading.enqueue(intent, { source: 'webhook', actor: 'webhook', webhookEventId: eventId, scope: source.scope, ...options });
      return result.duplicate
        ? { outcome: 'duplicate', message: `Duplicate: order ${result.order.id} already exists for this alert; nothing new was placed.`, orderId: result.order.id, order: result.order }
        : { outcome: outcomeOfOrder(result.order.status), message: result.order.message, orderId: result.order.id, order: result.order };
    } catch (error) {
      return { outcome: 'failed', message: toSerializedError(error).message, orderId: null };
    }
  }

  /**
   * An order recorded before a crash that may or may not have reached the exchange: its state
   * comes from trading's reconcile (which asks the exchange, and sends it only if it never got
   * there), so the alert's record says what happened rather than "accepted" for good.
   */
  async #knownOrder(id: string): Promise<ReturnType<TradingApi['getOrder']>> {
    const order = this.#options.trading.getOrder(id);
    if (!isUnsettled(order.status)) return order;
    await this.#options.trading.reconcile('webhook').catch(() => undefined);
    return this.#options.trading.getOrder(id);
  }

  /** Settles a one-account alert from its order once reconcile knows the order's fate. */
  #settleWhenKnown(eventId: number, source: AuthenticatedSource, orderId: string): void {
    this.#dispatched.add(eventId);
    const done = this.#knownOrder(orderId).then((order) => {
      this.#dispatched.delete(eventId);
      this.#settle(eventId, source, outcomeOfOrder(order.status), order.message, order.id, new Map([[order.id, order]]));
    });
    this.#inFlight.add(done);
    void done.finally(() => this.#inFlight.delete(done));
  }

  /** `orders`: the alert's orders as trading returned them (others, if any, are read). */
  #settle(eventId: number, source: AuthenticatedSource, outcome: WebhookOutcome, message: string, orderId: string | null, orders: ReadonlyMap<string, OrderInfo> = new Map(), accountResults?: readonly AccountResult[]): void {
    const { log, database, clock } = this.#options;
    try {
      // One commit for the event and its audit row (the root handle's prepared queries join it).
      database.db.transaction(() => {
        log.settle(eventId, { outcome, message, orderId, ...(accountResults ? { accountResults } : {}) });
        appendAudit(database.db, clock, {
          actor: 'webhook',
          action: 'webhook.alert',
          subject: String(eventId),
          outcome: outcome === 'placed' ? 'ok' : outcome === 'failed' ? 'error' : 'denied',
          // The alert's only audit row: it carries its orders' too (alert-audit-details.ts).
          details: alertAuditDetails({ sourceId: source.id, outcome, orderId, accountResults, trading: { getOrder: (id) => orders.get(id) ?? this.#options.trading.getOrder(id) } }),
        });
      }, { behavior: 'immediate' });
    } catch {
      // The core is closing (database gone): the order itself is recorded by trading.
      return;
    }
    this.#emit(eventId, outcome, message, orderId);
  }

  #emit(eventId: number, outcome: WebhookOutcome, message: string, orderId: string | null): void {
    try {
      this.#options.events.emit('webhook.alert', { eventId, outcome, message, ...(orderId ? { orderId } : {}) });
    } catch {
      // A subscriber's failure is its own; the alert is recorded either way.
    }
  }

  #unauthorized(facts: RequestFacts): IntakeReply {
    return this.#refuse(facts, { status: 401, code: 'WEBHOOK_UNAUTHORIZED', outcome: 'unauthorized', message: 'The webhook token is missing or wrong. Use the URL shown when the alert source was created or its token rotated.', countsAsFailure: true });
  }

  /**
   * "Send test alert" (test-alert.ts): it came through the address, the token and the source, so the
   * path works; it is recorded as a test and nothing is placed. It says plainly when real alerts
   * would still be refused now (kill switch, locked vault).
   */
  #testAlert(facts: RequestFacts, known: Known): IntakeReply {
    const refusedNow = this.#options.trading.isPaused()
      ? ' But trading is paused (kill switch): real alerts are refused until you resume it.'
      : !this.#options.vault.isUnlocked() ? ' But the vault is locked: real alerts are refused until you unlock it.' : '';
    const message = `Test alert received: this address and token reach Keywarden. Nothing was placed.${refusedNow}`;
    const eventId = this.#options.log.recordNow(this.#record(facts, { status: 200, outcome: 'test', message }, known));
    this.#emit(eventId, 'test', message, null);
    return { status: 200, body: { ok: true, status: 'test', eventId, message } };
  }

  #malformed(facts: RequestFacts, message: string, known: Known): IntakeReply {
    return this.#refuse(facts, { status: 400, code: 'ALERT_MALFORMED', outcome: 'malformed', message, countsAsFailure: true }, known);
  }

  /**
   * Records a refusal (at once when the source is known, so the app can be told) and builds the
   * answer. A request without a valid token, and a rate-limited one, is only counted
   * (refusal-counter.ts): a flood of them must not fill the disk.
   */
  #refuse(facts: RequestFacts, given: Refusal, known: Known = {}): IntakeReply {
    const limits = this.#options.settings().rateLimits;
    let refusal = given;
    if (refusal.countsAsFailure && this.#failureLimited(facts.clientAddress)) {
      const key = failureKey(facts.clientAddress);
      const rate = limits.failuresPerMinute / 60;
      // Only requests without a valid token are turned away here: this budget must never block one that has it.
      if (!known.source && this.#failures.exhausted(key, rate, limits.failureBurst, facts.receivedAt)) {
        refusal = { status: 429, code: 'WEBHOOK_RATE_LIMITED', outcome: 'rate-limited', message: 'Too many failed requests from this address; wait a minute.', headers: { 'Retry-After': '60' } };
      } else {
        this.#failures.charge(key, rate, limits.failureBurst, facts.receivedAt);
      }
    }
    const message = known.redactor ? known.redactor.redact(refusal.message) : refusal.message;
    const record = this.#record(facts, { status: refusal.status, outcome: refusal.outcome, message }, known);
    if (!known.source || refusal.outcome === 'rate-limited') {
      this.#options.log.count(record);
    } else {
      const eventId = this.#options.log.recordNow(record);
      this.#emit(eventId, refusal.outcome, message, null);
    }
    return { status: refusal.status, body: { ok: false, error: { code: refusal.code, message } }, ...(refusal.headers ? { headers: refusal.headers } : {}) };
  }

  #record(facts: RequestFacts, result: { status: number; outcome: WebhookOutcome; message: string }, known: Known): WebhookEventRecord {
    const redact = (text: string) => (known.redactor ? known.redactor.redact(text) : text);
    return {
      receivedAt: facts.receivedAt,
      sourceId: known.source?.id ?? null,
      remoteAddress: facts.clientAddress,
      contentType: facts.contentType,
      // Only for authenticated requests: an anonymous body may hold someone's mistyped secret.
      bodyHash: known.source ? known.bodyHash ?? null : null,
      alertId: known.alert?.id !== undefined ? redact(known.alert.id) : null,
      httpStatus: result.status,
      outcome: result.outcome,
      message: result.message,
      alert: known.alert && known.redactor ? (known.redactor.redactValue(storedAlert(known.alert)) as Record<string, unknown>) : null,
      idempotencyKey: null,
    };
  }

  /**
   * Failures are counted per client address (behind a trusted proxy, the forwarded one), loopback
   * included: behind a tunnel every request is loopback, and exempting it let a flood through
   * (issue 14); all loopback failures then share one budget (failureKey), which never blocks a
   * valid token. TradingView's own addresses are exempt: every TradingView user sends from them.
   * A 128-bit token cannot be guessed either way; this limit saves work.
   */
  #failureLimited(address: string): boolean {
    return !tradingViewSourceIps.has(address);
  }

  #account(ref: string): CredentialInfo | undefined {
    try {
      return this.#options.credentials.get(ref);
    } catch (error) {
      if (isKeywardenError(error, 'CREDENTIAL_NOT_FOUND')) return undefined;
      throw error;
    }
  }
}

/** The order an alert asks for. */
export function intentFromAlert(alert: TradingViewAlert, accountId: string, idempotencyKey?: string): OrderIntent {
  return {
    account: accountId,
    symbol: alert.symbol,
    ...(alert.outcome !== undefined ? { outcome: alert.outcome } : {}),
    side: alert.side,
    type: alert.type,
    amount: alert.amount,
    amountUnit: alert.unit,
    ...(alert.price !== undefined ? { price: alert.price } : {}),
    ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
    // A strategy gone flat on a perpetual closes the whole position, whatever the side (futures.md).
    ...(alert.marketPosition === 'flat' && isFuturesSymbol(alert.symbol) ? { closePosition: true } : {}),
  };
}

/** The body of "Send test alert": exactly {"test": true} (the secret already taken out). */
function isTestAlert(rest: Readonly<Record<string, unknown>>): boolean {
  const keys = Object.keys(rest);
  return keys.length === 1 && rest['test'] === true;
}

/** Left by a crash between recording and the exchange's answer: reconcile decides what it became. */
function isUnsettled(status: PlaceResult['order']['status']): boolean {
  return status === 'sending' || status === 'unknown';
}

function outcomeOfOrder(status: PlaceResult['order']['status']): WebhookOutcome {
  switch (status) {
    case 'open':
    case 'filled':
    case 'canceled':
      return 'placed';
    case 'blocked':
      return 'blocked';
    case 'rejected':
      return 'rejected';
    case 'failed':
    case 'unknown':
      return 'failed';
    case 'sending':
      return 'accepted';
  }
}

/** The alert id as it goes into the order's idempotency key: hashed if it holds anything secret-like. */
function keyableId(id: string, redactor: SecretRedactor): string {
  return redactor.redact(id) === id ? id : `sha256:${createHash('sha256').update(id).digest('hex')}`;
}

/** The alert as stored with its event (it never had the secret: that was taken out first). */
function storedAlert(alert: TradingViewAlert): Record<string, unknown> {
  return { ...alert, ...(alert.time !== undefined ? { time: tradingViewTime(alert.time) } : {}) };
}

