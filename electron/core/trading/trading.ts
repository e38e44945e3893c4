/**
 * Personal trading: every order intent passes the risk gate, is recorded with its decision and its
 * client order id BEFORE anything is sent, and is then placed with ccxt on the user's own account
 * (or simulated in paper mode, which calls nothing private). Intents for the same account and
 * market run one after another in arrival order; different markets run in parallel.
 */
import type { PolymarketVenue, SendOutcome } from './polymarket-venue';
import type { PolymarketPlan } from './polymarket-sizing';
import { requireTradingKey } from '../credentials/exchange-keys';
import { randomUUID } from 'node:crypto';
import type { Exchange, Order } from 'ccxt';
import { appendAudit } from '../audit/audit-log';
import type { AuditActor } from '../audit/audit-schema';
import { tradingAudits } from './alert-audit';
import type { Clock } from '../clock';
import type { CredentialInfo } from '../credentials/credential-schema';
import type { CredentialRepository } from '../credentials/credential-repository';
import { KeywardenError, isKeywardenError } from '../errors';
import type { CoreEvents } from '../events';
import { ccxtErrorFamily } from '../exchanges/ccxt-error';
import { exchangeDisplayName } from '../exchanges/exchange-catalog';
import { exchangeUnreachable, isUnreachable, unreachability, unreachableConsequence } from '../exchanges/exchange-unreachable';
import type { ExchangeClientCache } from '../exchanges/exchange-client-cache';
import type { OpenedDatabase } from '../store/database';
import { randomId } from '../store/random-id';
import { afterQueuedImmediates } from '../store/wal-sync';
import type { OrderRow } from '../store/schema';
import type { Vault } from '../vault/vault';
import { clientOrderIdFor } from './client-order-id';
import { classifyOrderFailure } from './order-failure';
import { fetchFreeBalances } from './free-balance';
import { fetchMarketQuote, sizeOrder, type MarketQuote, type SizedOrder } from './order-sizing';
import { BalanceLedger } from './balance-ledger';
import { RecentQuotes } from './recent-quotes';
import { balanceOf, futuresGate, gateOrder, withNotes, type AssessedOrder } from './gate-input';
import { percentAsset, resolvePercent } from './percent-sizing';
import { DEFAULT_REVERSAL_WAIT, waitUntilSettled, type ReversalWaitOptions } from './reversal-wait';
import { findOrder, findOrderByIdempotencyKey, insertOrder, insertOrderIfNew, listOrders, readSignedOrder, updateOrder } from './order-store';
import { evaluateRisk } from './risk-gate';
import { readAccountLimits, readGlobalLimits, readPause, readUsage, writePause, type PauseState } from './risk-limits-store';
import type { RowGuard } from '../integrity/integrity-guard';
import { resolveSpotMarket } from './symbol-resolver';
import { compactSymbol } from '../../shared/market-symbol';
import type { TradingApi } from './trading-api';
import type { MarketKind } from '../exchanges/exchange-client-cache';
import { assessFutures, type FuturesPlan } from './futures/futures-assess';
import { futuresMarketSnapshot } from './futures/futures-market';
import { FuturesVenue } from './futures/futures-venue';
import { isFuturesSymbol } from './futures/perpetual-symbol';
import { PositionModes } from './futures/position-mode';
import { readFuturesSetting } from './futures/futures-settings';
import { futuresHeldByKeywarden } from './order-store';
import { stageTimes } from './stage-times';
import { positionSideOf, statusOf } from './remote-order';
import { OrderIntent, type MarketSnapshot, type OrderInfo, type OrderPreview, type OrderStatus, type ParsedOrderIntent, type PlaceResult, type PlacementContext, type RiskDecision, type RiskUsage } from './trading-schema';

/** Usage the risk gate does not look at (an account without limits of its own). */
const NO_USAGE: RiskUsage = { dailyNotionalUsd: 0, openExposureUsd: 0, ordersLastMinute: 0 };
/** An order that was recorded but never reached the exchange is placed on recovery only if this fresh. */
export const RECOVERY_MAX_AGE_MS = 2 * 60_000;

export interface TradingOptions {
  readonly database: OpenedDatabase;
  readonly vault: Vault;
  readonly credentials: CredentialRepository;
  readonly clients: ExchangeClientCache;
  readonly clock: Clock;
  readonly events: CoreEvents;
  /** Checks the MACs of the limits and the kill switch (issue 14). */
  readonly integrity: RowGuard;
  /** Where Polymarket accounts' orders go (issue 18). */
  readonly polymarket: PolymarketVenue;
  /** How long a reversal waits for the previous order on its account and market to settle. */
  readonly reversalWait?: ReversalWaitOptions;
  /** Where perpetual-futures orders go (issue 20); one is made when not given. */
  readonly futures?: FuturesVenue;
}

export class Trading implements TradingApi {
  readonly #database: OpenedDatabase;
  readonly #vault: Vault;
  readonly #credentials: CredentialRepository;
  readonly #clients: ExchangeClientCache;
  readonly #clock: Clock;
  readonly #events: CoreEvents;
  readonly #queues = new Map<string, Promise<unknown>>();
  /** Orders being sent right now: a reconcile meanwhile must not take them for lost and send them again. */
  readonly #sending = new Set<string>();
  readonly #quotes: RecentQuotes;
  readonly #balances: BalanceLedger;
  /** Reconciles run one after another, never side by side (two could both send the same lost order). */
  #reconciling: Promise<unknown> = Promise.resolve();
  readonly #integrity: RowGuard;
  readonly #polymarket: PolymarketVenue;
  /** The last order placed through the queue per account and market, for reversals (reversal-wait.ts). */
  readonly #lastOnMarket = new Map<string, { readonly id: string; readonly side: 'buy' | 'sell' }>();
  /** How long a reversal waits for the order before it (tests shorten it). */
  readonly #reversalWait: ReversalWaitOptions;

  readonly #futures: FuturesVenue;

  constructor(options: TradingOptions) {
    this.#futures = options.futures ?? new FuturesVenue(new PositionModes(options.clock));
    this.#polymarket = options.polymarket;
    this.#reversalWait = options.reversalWait ?? DEFAULT_REVERSAL_WAIT;
    this.#database = options.database;
    this.#vault = options.vault;
    this.#credentials = options.credentials;
    this.#clients = options.clients;
    this.#clock = options.clock;
    this.#events = options.events;
    this.#integrity = options.integrity;
    this.#quotes = new RecentQuotes(options.clock);
    this.#balances = new BalanceLedger(options.clock);
  }

  get #db() {
    return this.#database.db;
  }

  async place(input: OrderIntent, context: PlacementContext): Promise<PlaceResult> {
    return this.#place(parseIntent(input), context);
  }

  async #place(intent: ParsedOrderIntent, context: PlacementContext): Promise<PlaceResult> {
    const credential = tradingKeyFor(this.#credentials.get(intent.account), intent);
    const idempotencyKey = intent.idempotencyKey ?? `${context.source}:${randomUUID()}`;
    const existing = findOrderByIdempotencyKey(this.#db, idempotencyKey);
    if (existing) return { order: existing, duplicate: true };

    const paper = this.#isPaper(intent, credential.id);
    stageTimes?.mark(context.webhookEventId, 'place');

    let assessed: AssessedOrder;
    try {
      assessed = await this.#assess(intent, credential, paper, context.panicClose === true);
    } catch (error) {
      if (!isKeywardenError(error)) throw error;
      return { order: this.#recordRejected(credential, intent, idempotencyKey, context, error), duplicate: false };
    }
    stageTimes?.mark(context.webhookEventId, 'assessed');
    const { sized, client: assessedClient, polymarket } = assessed;
    // A percentage is recorded as the amount it came to (the notes say how it was read).
    const sizedIntent = assessed.intent ?? intent;

    const clientOrderId = clientOrderIdFor(idempotencyKey);
    // The reads below use the root handle's prepared queries; they run inside this transaction all
    // the same (one connection; see statement-cache.ts).
    const db = this.#db;
    const recorded = db.transaction(() => {
      const duplicate = findOrderByIdempotencyKey(db, idempotencyKey);
      if (duplicate) return { duplicate };
      const now = this.#clock.now();
      const fresh = this.#credentials.get(credential.id);
      const limits = { global: readGlobalLimits(db, this.#integrity), account: readAccountLimits(db, credential.id, this.#integrity) };
      const decision = withNotes(evaluateRisk({
        ...gateOrder(sizedIntent, sized, balanceOf(assessed)),
        futures: futuresGate(assessed.futures),
        credential: fresh,
        paper,
        paused: readPause(db, this.#integrity).paused && !(context.panicClose === true && assessed.futures?.reduceOnly === true),
        scope: context.scope,
        limits,
        usage: {
          global: readUsage(this.#database, null, paper, now, { perMinute: limits.global.maxOrdersPerMinute }),
          // Account usage counts only under account limits (the gate reads it for no other reason).
          account: limits.account ? readUsage(this.#database, credential.id, paper, now, { perMinute: limits.account.maxOrdersPerMinute }) : NO_USAGE,
        },
      }), sized);
      const id = newOrderId();
      insertOrder(db, {
        id,
        credentialId: credential.id,
        source: context.source,
        idempotencyKey,
        clientOrderId,
        symbol: sized.symbol,
        marketLabel: polymarket?.label ?? null,
        marketType: assessed.futures ? 'linear' : 'spot',
        reduceOnly: assessed.futures?.reduceOnly ?? false,
        side: sizedIntent.side,
        type: sizedIntent.type,
        amount: sized.amount,
        requestedAmount: sizedIntent.amount,
        requestedUnit: sizedIntent.amountUnit,
        price: sized.limitPrice,
        notionalUsd: sized.notionalUsd,
        usdPerQuote: sized.usdPerQuote,
        paper,
        status: decision.allowed ? 'sending' : 'blocked',
        blockedBy: decision.rule,
        message: decision.message,
        webhookEventId: context.webhookEventId ?? null,
        createdAt: now,
        updatedAt: now,
      });
      if (tradingAudits(context.actor, 'order.place')) appendAudit(db, this.#clock, {
        actor: context.actor,
        action: 'order.place',
        subject: id,
        outcome: decision.allowed ? 'ok' : 'denied',
        details: { credentialId: credential.id, symbol: sized.symbol, side: sizedIntent.side, type: sizedIntent.type, notionalUsd: round2(sized.notionalUsd), paper, source: context.source, rule: decision.rule, clientOrderId },
      });
      return { id, decision, key: fresh };
    }, { behavior: 'immediate' });

    // The record survives the process being killed already; its disk sync runs alongside the
    // request, started once the order is written out (see afterQueuedImmediates).
    afterQueuedImmediates(() => void this.#database.flushed().catch(() => undefined));
    stageTimes?.mark(context.webhookEventId, 'recorded');
    if ('duplicate' in recorded && recorded.duplicate) return { order: recorded.duplicate, duplicate: true };
    const { id, decision, key } = recorded as { id: string; decision: RiskDecision; key: CredentialInfo };
    if (!decision.allowed) return { order: this.#emit(id), duplicate: false };
    // Committed and decided in this same turn: no other order of the key can take what this one was allowed on.
    const reservation = assessed.ledger?.reserve(sized.needs.amount);
    if (paper) return { order: this.#simulateFill(id, sizedIntent, sized, assessed.quote), duplicate: false };
    this.#sending.add(id);
    try {
      if (polymarket) {
        this.#events.emit('order.updated', { id, status: 'sending', credentialId: credential.id });
        return { order: await this.#sendToPolymarket(id, credential.id, polymarket, intent.side, context.actor), duplicate: false };
      }
      // Recorded, about to be sent: the window shows "sending"; a crash from here on is reconciled.
      // Told without reading the order back: nothing stands between the record and the exchange but the key.
      this.#events.emit('order.updated', { id, status: 'sending', credentialId: credential.id });
      let client: Exchange;
      try {
        // The recording transaction read the key and the risk gate refused it unless active. A client
        // already built for that very key (same fingerprint) is used without decrypting it again.
        const kind = assessed.futures ? 'linear' : undefined;
        client = assessedClient ?? await (this.#clients.cachedClient(key.id, key.fingerprint, kind) ?? this.#clientFor(credential.id, kind));
      } catch (error) {
        // The vault was locked or the key revoked between the decision and now: nothing was sent.
        // Building a client loads the exchange's markets: an exchange that cannot be reached says so.
        const known = isKeywardenError(error) ? error : isUnreachable(error) ? exchangeUnreachable(await exchangeDisplayName(credential.provider), error, unreachableConsequence.nothingSent) : null;
        const message = known ? known.message : 'The key could not be read, so nothing was sent.';
        this.#update(id, { status: 'failed', errorCode: known ? known.code : 'INTERNAL', message }, context.actor, 'order.result');
        return { order: this.#emit(id), duplicate: false };
      }
      if (context.lookUpBeforeSending) {
        const sentBefore = await this.#findSentBefore(id, client, context.actor);
        if (sentBefore) return { order: sentBefore, duplicate: false };
      }
      stageTimes?.mark(context.webhookEventId, 'sent');
      return { order: await this.#send(id, client, credential, sendSpecOf(sizedIntent, sized, assessed.futures), clientOrderId, context.actor), duplicate: false };
    } finally {
      this.#sending.delete(id);
      reservation?.settled();
    }
  }

  /**
   * The exchange's copy of an order that may have been sent before its record was lost. Undefined
   * when the exchange has none (send it now); marked unknown, for reconcile, when it cannot tell.
   */
  async #findSentBefore(id: string, client: Exchange, actor: AuditActor): Promise<OrderInfo | undefined> {
    const order = this.getOrder(id);
    try {
      return this.#applyRemote(order, await fetchByClientOrderId(client, order), actor, () => this.#credentials.recordUse(order.credentialId, { source: 'order', ok: true }));
    } catch (error) {
      if (ccxtErrorFamily(error).includes('OrderNotFound')) return undefined;
      this.#update(id, { status: 'unknown', errorCode: 'EXCHANGE_CHECK_FAILED', message: `Could not ask ${client.name ?? client.id} whether this order was already placed, so it was not sent. Keywarden asks again when it reconciles.` }, actor, 'order.result');
      return this.#emit(id);
    }
  }

  enqueue(input: OrderIntent, context: PlacementContext): Promise<PlaceResult> {
    let intent: ParsedOrderIntent;
    try {
      intent = parseIntent(input);
    } catch (error) {
      return Promise.reject(error);
    }
    let account = intent.account;
    try {
      account = this.#credentials.get(intent.account).id;
    } catch {
      // place() will report the unknown account; queue it under the name given.
    }
    const market = compactSymbol(intent.symbol);
    const key = `${account}|${market}`;
    const previous = this.#queues.get(key) ?? Promise.resolve();
    const run = previous.then(() => this.#placeInTurn(key, intent, context));
    const settled = run.catch(() => undefined);
    this.#queues.set(key, settled);
    void settled.then(() => {
      if (this.#queues.get(key) === settled) this.#queues.delete(key);
    });
    return run;
  }

  /**
   * Its turn in the market's queue: a reversal first waits until the order before it is settled
   * (reversal-wait.ts); a wait that times out is recorded as a rejected order saying why.
   */
  async #placeInTurn(key: string, intent: ParsedOrderIntent, context: PlacementContext): Promise<PlaceResult> {
    const last = this.#lastOnMarket.get(key);
    // A repeat is looked up only for a reversal (#place finds it anyway): one query less an order.
    if (last && last.side !== intent.side && !(intent.idempotencyKey !== undefined && findOrderByIdempotencyKey(this.#db, intent.idempotencyKey))) {
      try {
        await waitUntilSettled(last.id, { clock: this.#clock, events: this.#events, options: this.#reversalWait, getOrder: (id) => this.getOrder(id), refresh: (id) => this.#lookUpBeforeReversal(id) });
      } catch (error) {
        if (!isKeywardenError(error, 'ORDER_NOT_SETTLED')) throw error;
        const credential = tradingKeyFor(this.#credentials.get(intent.account), intent);
        return { order: this.#recordRejected(credential, intent, intent.idempotencyKey ?? `${context.source}:${randomUUID()}`, context, error), duplicate: false };
      }
    }
    const result = await this.#place(intent, context);
    if (result.duplicate) return result;
    // A market order that reached (or may have reached) the exchange is a close a later reversal must
    // wait for; a resting limit order is a standing order, not a close in flight: it holds nothing up.
    if (result.order.type === 'market' && !result.order.paper && !['blocked', 'rejected'].includes(result.order.status)) this.#lastOnMarket.set(key, { id: result.order.id, side: intent.side });
    else this.#lastOnMarket.delete(key);
    return result;
  }

  /**
   * The order a reversal waits for, asked of the exchange: as refresh does, and an order whose fate
   * was unknown that the exchange has never seen was not placed (as reconcile decides it), so the
   * reversal need not wait for it any longer.
   */
  async #lookUpBeforeReversal(id: string): Promise<OrderInfo> {
    const order = this.getOrder(id);
    if (order.status !== 'unknown' || order.provider === 'polymarket') return this.refresh(id, 'system');
    const client = await this.#clientFor(order.credentialId, kindOf(order));
    try {
      return this.#applyRemote(order, await fetchByClientOrderId(client, order), 'system');
    } catch (error) {
      if (!ccxtErrorFamily(error).includes('OrderNotFound')) throw error;
      this.#update(id, { status: 'failed', errorCode: 'NOT_PLACED', message: 'The exchange has no order with this client order id: it was not placed.' }, 'system', 'order.reconcile');
      return this.#emit(id);
    }
  }

  async preview(input: OrderIntent, context: PlacementContext): Promise<OrderPreview> {
    const intent = parseIntent(input);
    const credential = tradingKeyFor(this.#credentials.get(intent.account), intent);
    const paper = this.#isPaper(intent, credential.id);
    const assessed = await this.#assess(intent, credential, paper);
    const { sized } = assessed;
    const balance = balanceOf(assessed);
    const now = this.#clock.now();
    const gated = gateOrder(intent, sized, balance);
    const decision = withNotes(evaluateRisk({
      ...gated,
      futures: futuresGate(assessed.futures),
      credential,
      paper,
      paused: readPause(this.#db, this.#integrity).paused,
      scope: context.scope,
      limits: { global: readGlobalLimits(this.#db, this.#integrity), account: readAccountLimits(this.#db, credential.id, this.#integrity) },
      usage: { global: readUsage(this.#database, null, paper, now), account: readUsage(this.#database, credential.id, paper, now) },
    }), sized);
    return {
      decision,
      symbol: sized.symbol,
      base: sized.base,
      quote: sized.quote,
      amount: sized.amount,
      price: sized.valuationPrice,
      limitPrice: sized.limitPrice,
      marketPrice: sized.marketPrice,
      notionalUsd: sized.notionalUsd,
      paper,
      notes: [...sized.notes],
      balance: gated.balance,
    };
  }

  /**
   * The market now (price, bid, ask) and the account's free balance of both its coins, read fresh:
   * what a person needs in front of them before ordering. A key that may not trade yet still shows
   * the price, with a note in place of the balance.
   */
  async market(account: string, symbol: string, outcome?: string): Promise<MarketSnapshot> {
    const credential = requireTradingKey(this.#credentials.get(account));
    if (credential.kind === 'polymarket') return this.#polymarket.snapshot(credential, symbol, outcome);
    if (isFuturesSymbol(symbol)) {
      const privateClient = credential.status === 'active' ? () => this.#privateClient(credential, 'linear') : `Verify "${credential.label}" to see its position and margin.`;
      return futuresMarketSnapshot({ publicClient: await this.#publicClient(credential, 'linear'), privateClient, venue: this.#futures, symbol });
    }
    const publicClient = await this.#publicClient(credential);
    const market = resolveSpotMarket(publicClient, symbol);
    const usable = credential.status === 'active';
    const [quote, balances] = await Promise.all([
      fetchMarketQuote(publicClient, market.symbol),
      usable
        ? this.#privateClient(credential).then((client) => fetchFreeBalances(client, [market.base, market.quote])).catch((error: unknown) => {
          if (isKeywardenError(error)) return error.message;
          throw error;
        })
        : `Verify "${credential.label}" to see its balance.`,
    ]);
    return {
      symbol: market.symbol,
      base: market.base,
      quote: market.quote,
      ...quote,
      balances: typeof balances === 'string' ? null : { base: balances[market.base] ?? 0, quote: balances[market.quote] ?? 0 },
      balanceNote: typeof balances === 'string' ? balances : null,
    };
  }

  /**
   * Everything an order's decision needs from the exchange, asked at once: the market's price now
   * and, for a real order with a key that may trade, the free balance of what the order spends.
   */
  async #assess(intent: ParsedOrderIntent, credential: CredentialInfo, paper: boolean, panicClose = false): Promise<AssessedOrder> {
    if (credential.kind === 'polymarket') {
      const checkBalance = !paper && credential.status === 'active' && !credential.tradingBlock && !readPause(this.#db, this.#integrity).paused;
      const assessed = await this.#polymarket.assess(intent, credential, checkBalance);
      return { sized: assessed.sized, quote: assessed.quote, balance: assessed.balance, client: null, polymarket: assessed.plan };
    }
    if (isFuturesSymbol(intent.symbol)) return this.#assessFutures(intent, credential, paper, panicClose);
    const publicClient = await this.#publicClient(credential);
    const market = resolveSpotMarket(publicClient, intent.symbol);
    // A key the gate will refuse anyway is not used to ask for a balance.
    const checkBalance = !paper && credential.status === 'active' && !credential.tradingBlock && !readPause(this.#db, this.#integrity).paused;
    const percent = intent.amountUnit === 'percent';
    // A percentage needs the balance even on paper: it is what the amount is a share of.
    const client = checkBalance || (percent && credential.status === 'active') ? await this.#privateClient(credential) : null;
    if (percent && !client) throw new KeywardenError('BALANCE_UNAVAILABLE', `An amount in percent is a share of "${credential.label}"'s free balance, which Keywarden can only read with a verified key. Verify the key, or give the amount in coins or quote units. Nothing was sent.`);
    const asset = percentAsset(intent.side, market);
    // A percentage is a share of the balance as it is now (less this key's orders under way); otherwise
    // the key's recent balance is asked for alongside the price, and checked once the order is sized.
    const [quote, ledger] = await Promise.all([
      this.#quotes.quote(publicClient, market.symbol),
      client ? (percent ? this.#balances.freshView(client, asset) : this.#balances.view(client, asset, 0)) : null,
    ]);
    if (percent && ledger) {
      const resolved = resolvePercent(intent, asset, ledger.free());
      const sized = await sizeOrder(publicClient, market, resolved.intent, quote);
      return { sized: { ...sized, notes: [resolved.note, ...sized.notes] }, quote, balance: null, ledger: checkBalance ? ledger : null, client: checkBalance ? client : null, intent: resolved.intent };
    }
    const sized = await sizeOrder(publicClient, market, intent, quote);
    return { sized, quote, balance: null, ledger: client ? await this.#balances.view(client, sized.needs.asset, sized.needs.amount) : null, client };
  }

  /** A perpetual-futures order (futures-assess.ts): its own clients; paper reads Keywarden's paper position. */
  async #assessFutures(intent: ParsedOrderIntent, credential: CredentialInfo, paper: boolean, panicClose: boolean): Promise<AssessedOrder> {
    // A panic's close is read live even while paused: the gate lets it through (PlacementContext.panicClose).
    const live = !paper && credential.status === 'active' && !credential.tradingBlock && (panicClose || !readPause(this.#db, this.#integrity).paused);
    const [publicClient, client] = await Promise.all([this.#publicClient(credential, 'linear'), live ? this.#privateClient(credential, 'linear') : null]);
    const paperState = paper ? (symbol: string) => ({ held: futuresHeldByKeywarden(this.#database, credential.id, true, symbol)[0]?.amount ?? 0, leverage: readFuturesSetting(this.#db, credential.id, symbol, this.#integrity)?.leverage ?? null }) : null;
    const assessed = await assessFutures({ intent, publicClient, privateClient: client, venue: this.#futures, paper: paperState });
    return { sized: assessed.sized, quote: assessed.quote, balance: assessed.balance, client, futures: assessed.plan, ...(assessed.intent ? { intent: assessed.intent } : {}) };
  }

  /** The exchange's public client with its markets loaded; an exchange that cannot be reached sends nothing. */
  #publicClient(credential: CredentialInfo, kind?: MarketKind): Promise<Exchange> {
    return this.#beforeSending(credential, () => this.#clients.publicClient(credential.provider, credential.environment, kind));
  }

  /** The key's own client (built and markets loaded on first use), for a call made before anything is sent. */
  #privateClient(credential: CredentialInfo, kind?: MarketKind): Promise<Exchange> {
    return this.#beforeSending(credential, () => this.#clients.cachedClient(credential.id, credential.fingerprint, kind) ?? this.#clientFor(credential.id, kind));
  }

  /** Runs a call made before an order is sent: an exchange that cannot be reached is said so, with "nothing was sent". */
  async #beforeSending<T>(credential: CredentialInfo, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (isUnreachable(error)) throw exchangeUnreachable(await exchangeDisplayName(credential.provider), error, unreachableConsequence.nothingSent);
      throw error;
    }
  }

  /** Paper when the intent asks for it, or paper mode is on globally or for the account. */
  #isPaper(intent: ParsedOrderIntent, credentialId: string): boolean {
    return intent.paper === true || readGlobalLimits(this.#db, this.#integrity).paperMode || readAccountLimits(this.#db, credentialId, this.#integrity)?.paperMode === true;
  }

  isPaused(): boolean {
    return readPause(this.#db, this.#integrity).paused;
  }

  pauseState(): PauseState {
    return readPause(this.#db, this.#integrity);
  }

  /** The kill switch. Paused, nothing is placed (manual, CLI or webhook) until resumed. */
  setPaused(paused: boolean, reason: string | null, actor: AuditActor): PauseState {
    const state: PauseState = paused ? { paused: true, reason: reason ?? 'paused by the user', since: this.#clock.now() } : { paused: false, reason: null, since: null };
    this.#db.transaction((tx) => {
      writePause(tx, state, this.#clock, this.#integrity);
      appendAudit(tx, this.#clock, { actor, action: paused ? 'trading.pause' : 'trading.resume', outcome: 'ok', details: { reason: state.reason } });
    }, { behavior: 'immediate' });
    this.#events.emit('trading.paused', { paused, reason: state.reason });
    return state;
  }

  getOrder(id: string): OrderInfo {
    const order = findOrder(this.#db, id);
    if (!order) throw new KeywardenError('ORDER_NOT_FOUND', `No order has the id "${id.slice(0, 40)}".`);
    return order;
  }

  listOrders(filter: { account?: string | undefined; statuses?: readonly OrderStatus[] | undefined; limit: number }): OrderInfo[] {
    this.#vault.requireKeyring();
    const credentialId = filter.account ? this.#credentials.get(filter.account).id : undefined;
    return listOrders(this.#db, { credentialId, statuses: filter.statuses, limit: filter.limit });
  }

  /** Asks the exchange for an order's current state (paper orders have nothing to ask). */
  async refresh(id: string, actor: AuditActor): Promise<OrderInfo> {
    const order = this.getOrder(id);
    if (order.paper || !['open', 'unknown', 'sending'].includes(order.status)) return order;
    if (order.provider === 'polymarket') {
      const remote = await this.#polymarket.find(order);
      return remote ? this.#applyRemote(order, remote, actor) : order;
    }
    const client = await this.#clientFor(order.credentialId, kindOf(order));
    try {
      const remote = await fetchByClientOrderId(client, order);
      return this.#applyRemote(order, remote, actor);
    } catch (error) {
      if (ccxtErrorFamily(error).includes('OrderNotFound')) return order;
      if (isUnreachable(error)) throw exchangeUnreachable(client.name ?? client.id, error, "the order's state is unchanged here. Try again");
      throw new KeywardenError('EXCHANGE_CHECK_FAILED', `Could not get the order's state from ${client.name ?? client.id}. Try again.`);
    }
  }

  /** Cancels an open limit order placed by Keywarden. */
  async cancel(id: string, actor: AuditActor): Promise<OrderInfo> {
    const order = this.getOrder(id);
    if (order.status !== 'open') {
      throw new KeywardenError('ORDER_NOT_CANCELABLE', `Order ${order.id} is ${order.status}; only open orders can be canceled.`);
    }
    if (!order.paper && order.provider === 'polymarket') {
      if ((await this.#polymarket.cancel(order)) === 'not-open') return this.refresh(id, actor);
    } else if (!order.paper) {
      const client = await this.#clientFor(order.credentialId, kindOf(order));
      try {
        await client.cancelOrder(order.exchangeOrderId ?? '', order.symbol, order.exchangeOrderId ? {} : { clientOrderId: order.clientOrderId });
      } catch (error) {
        if (!ccxtErrorFamily(error).includes('OrderNotFound')) {
          const unreachable = unreachability(error);
          // Only a connection that never opened proves the cancel did not arrive.
          if (unreachable) throw exchangeUnreachable(client.name ?? client.id, error, unreachable.neverSent ? 'the order was not canceled' : 'it is not known whether the cancel arrived. Refresh the order to see its state');
          throw new KeywardenError('EXCHANGE_CHECK_FAILED', `${client.name ?? client.id} did not confirm the cancel. Refresh the order to see its state.`);
        }
        // Not open any more on the exchange (filled or canceled meanwhile): refresh tells which.
        return this.refresh(id, actor);
      }
    }
    this.#update(order.id, { status: 'canceled', message: 'Canceled.' }, actor, 'order.cancel');
    return this.#emit(order.id);
  }

  /**
   * After a crash or a network failure: looks up every order whose fate is unknown by its client
   * order id. Found: recorded as the exchange has it. Not found: an order recorded but never sent
   * (status `sending`, still fresh) is sent now, exactly once; anything else is marked as not
   * placed. Never sends an order that may already be on the exchange.
   */
  reconcile(actor: AuditActor = 'system'): Promise<{ checked: number; updated: number; placed: number }> {
    const run = this.#reconciling.then(() => this.#reconcileOnce(actor));
    this.#reconciling = run.catch(() => undefined);
    return run;
  }

  async #reconcileOnce(actor: AuditActor): Promise<{ checked: number; updated: number; placed: number }> {
    if (!this.#vault.isUnlocked()) return { checked: 0, updated: 0, placed: 0 };
    const pending = listOrders(this.#db, { statuses: ['sending', 'unknown'], limit: 1000 }).filter((order) => !order.paper && !this.#sending.has(order.id));
    let updated = 0;
    let placed = 0;
    for (const order of pending) {
      if (order.provider === 'polymarket') {
        const result = await this.#reconcilePolymarket(order, actor).catch(() => 'skipped' as const);
        if (result === 'placed') placed += 1;
        else if (result === 'updated') updated += 1;
        continue;
      }
      let client: Exchange;
      try {
        client = await this.#clientFor(order.credentialId, kindOf(order));
      } catch {
        continue;
      }
      try {
        const remote = await fetchByClientOrderId(client, order);
        this.#applyRemote(order, remote, actor);
        updated += 1;
      } catch (error) {
        if (!ccxtErrorFamily(error).includes('OrderNotFound')) continue;
        const fresh = this.#clock.now() - order.createdAt <= RECOVERY_MAX_AGE_MS;
        if (order.status === 'sending' && fresh) {
          const credential = this.#credentials.get(order.credentialId);
          const spec: SendSpec = { symbol: order.symbol, type: order.type, side: order.side, amount: order.amount, limitPrice: order.type === 'limit' ? order.price : null, quoteCost: order.type === 'market' && order.side === 'buy' && order.requestedUnit === 'quote' && order.marketType === 'spot' ? order.requestedAmount : null, reduceOnly: order.marketType === 'linear' ? order.reduceOnly : null };
          await this.#send(order.id, client, credential, spec, order.clientOrderId, actor);
          placed += 1;
        } else {
          this.#update(order.id, { status: 'failed', errorCode: 'NOT_PLACED', message: order.status === 'sending' ? 'Keywarden stopped before this order was sent, and it is too old to send now. It was not placed.' : 'The exchange has no order with this client order id: it was not placed.' }, actor, 'order.reconcile');
          this.#emit(order.id);
          updated += 1;
        }
      }
    }
    return { checked: pending.length, updated, placed };
  }

  /**
   * Panic: pause all trading, cancel every open order Keywarden placed, lock the vault. Returns what
   * it managed; a cancel that fails is reported, and the pause and lock happen regardless.
   */
  async panic(actor: AuditActor): Promise<{ paused: boolean; canceled: number; cancelFailed: number; locked: boolean }> {
    this.setPaused(true, 'panic', actor);
    let canceled = 0;
    let cancelFailed = 0;
    if (this.#vault.isUnlocked()) {
      for (const order of listOrders(this.#db, { statuses: ['open'], limit: 1000 })) {
        try {
          await this.cancel(order.id, actor);
          canceled += 1;
        } catch {
          cancelFailed += 1;
        }
      }
    }
    this.#vault.lock('user', actor);
    return { paused: true, canceled, cancelFailed, locked: true };
  }

  async #send(id: string, client: Exchange, credential: CredentialInfo, spec: SendSpec, clientOrderId: string, actor: AuditActor): Promise<OrderInfo> {
    const exchange = client.name ?? credential.provider;
    try {
      const params = { clientOrderId };
      const remote = spec.reduceOnly !== null
        ? await this.#futures.send(credential.id, client, { market: client.market(spec.symbol), side: spec.side, type: spec.type, amount: spec.amount, limitPrice: spec.limitPrice, reduceOnly: spec.reduceOnly, clientOrderId })
        : spec.quoteCost !== null
        ? await client.createMarketBuyOrderWithCost(spec.symbol, spec.quoteCost, params)
        : await client.createOrder(spec.symbol, spec.type, spec.side, spec.amount, spec.type === 'limit' ? spec.limitPrice ?? undefined : undefined, params);
      // The use of the key is counted in the same commit as the order's result.
      const countUse = () => this.#credentials.recordUse(credential.id, { source: 'order', ok: true });
      const order = this.getOrder(id);
      if (remote.status === undefined || remote.status === null) {
        // Some exchanges (Bybit) acknowledge an order without its state: ask once, by client order id.
        try {
          return this.#applyRemote(order, await fetchByClientOrderId(client, { ...order, exchangeOrderId: remote.id ? String(remote.id) : null }), actor, countUse);
        } catch {
          return this.#applyRemote(order, remote, actor, countUse);
        }
      }
      return this.#applyRemote(order, remote, actor, countUse);
    } catch (error) {
      const failure = classifyOrderFailure(error, exchange, spec.symbol, credential.provider);
      this.#update(id, { status: failure.status, errorCode: failure.errorCode, message: failure.message }, actor, 'order.result');
      return this.#emit(id);
    }
  }

  /**
   * Signs a Polymarket order, records the signed order and its hash (the client order id from now
   * on) before posting it, then posts it. A crash after the record is reconciled by the hash.
   */
  async #sendToPolymarket(id: string, credentialId: string, plan: PolymarketPlan, side: 'buy' | 'sell', actor: AuditActor): Promise<OrderInfo> {
    let outcome: SendOutcome;
    try {
      // Committed before the post (a commit survives the process being killed), like a client order id.
      outcome = await this.#polymarket.send(credentialId, plan, side, (orderHash, body) => this.#update(id, { clientOrderId: orderHash, signedOrder: body }, actor, 'order.signed'));
    } catch (error) {
      // Nothing was posted: the key could not be opened, the credentials not derived, or the order not signed.
      const known = isKeywardenError(error) ? error : null;
      this.#update(id, { status: 'failed', errorCode: known ? known.code : 'INTERNAL', message: known ? `${known.message} Nothing was sent.` : 'The order could not be signed, so nothing was sent.' }, actor, 'order.result');
      return this.#emit(id);
    }
    return this.#applyPolymarketOutcome(id, credentialId, outcome, actor);
  }

  #applyPolymarketOutcome(id: string, credentialId: string, outcome: SendOutcome, actor: AuditActor): OrderInfo {
    if (outcome.kind === 'answered') return this.#applyRemote(this.getOrder(id), outcome.remote, actor, () => this.#credentials.recordUse(credentialId, { source: 'order', ok: true }));
    this.#update(id, outcome.kind === 'unknown'
      ? { status: 'unknown', errorCode: 'ORDER_STATUS_UNKNOWN', message: outcome.message }
      : { status: 'failed', errorCode: 'ORDER_REJECTED', message: outcome.message }, actor, 'order.result');
    return this.#emit(id);
  }

  /**
   * A Polymarket order whose fate is unknown: found by its hash, recorded as Polymarket has it. Not
   * found and still fresh, the recorded signed order is posted again, unchanged: the same hash can
   * fill once at most, so a post whose answer was lost is safe to repeat. An order recorded but
   * never signed (Keywarden stopped in between) was never sent; a stale one is not placed.
   */
  async #reconcilePolymarket(order: OrderInfo, actor: AuditActor): Promise<'placed' | 'updated'> {
    const signedOrder = readSignedOrder(this.#db, order.id);
    if (signedOrder !== null) {
      const remote = await this.#polymarket.find(order);
      if (remote) {
        this.#applyRemote(order, remote, actor);
        return 'updated';
      }
      if (this.#clock.now() - order.createdAt <= RECOVERY_MAX_AGE_MS) {
        const session = await this.#polymarket.session(order.credentialId);
        this.#applyPolymarketOutcome(order.id, order.credentialId, await this.#polymarket.post(session, order.clientOrderId, signedOrder, order.side), actor);
        return 'placed';
      }
    }
    const message = signedOrder === null
      ? 'Keywarden stopped before this order was signed, so it was never sent. Place it again if you still want it.'
      : 'Polymarket has no order with this hash, and it is too old to send again now: it was not placed.';
    this.#update(order.id, { status: 'failed', errorCode: 'NOT_PLACED', message }, actor, 'order.reconcile');
    this.#emit(order.id);
    return 'updated';
  }

  #applyRemote(order: OrderInfo, remote: Order, actor: AuditActor, alsoInTransaction?: () => void): OrderInfo {
    const status = statusOf(remote, order.status);
    const filled = Number(remote.filled ?? (status === 'filled' ? remote.amount ?? order.amount : 0)) || 0;
    // What filled, at what average price: usage counts this, not the estimate (issue 13).
    const average = Number(remote.average ?? (remote.cost && filled > 0 ? remote.cost / filled : remote.price)) || null;
    const message = status === 'filled' ? `Filled ${filled} at ${average ?? 'market'}.` : status === 'open' ? (filled > 0 ? `Partly filled: ${filled} of ${order.amount}.` : 'Open on the exchange.') : status === 'canceled' ? 'Canceled.' : 'The exchange rejected or expired the order.';
    this.#update(order.id, {
      status,
      exchangeOrderId: remote.id ? String(remote.id) : order.exchangeOrderId,
      filledAmount: filled,
      averagePrice: average,
      // A market buy sized in quote units only learns its base amount from the fill.
      ...(order.requestedUnit === 'quote' && filled > 0 && status === 'filled' ? { amount: filled } : {}),
      ...(order.marketType === 'linear' ? { positionSide: positionSideOf(remote) } : {}),
      message,
      errorCode: null,
    }, actor, 'order.result', alsoInTransaction);
    return this.#emit(order.id);
  }

  #simulateFill(id: string, intent: ParsedOrderIntent, sized: SizedOrder, quote: MarketQuote): OrderInfo {
    // A paper order fills where a real one would: a market order against the book, a limit order
    // that crosses the last price at its limit.
    const limit = sized.limitPrice;
    const marketable = limit === null || (intent.side === 'buy' ? limit >= quote.last : limit <= quote.last);
    const fillPrice = limit ?? (intent.side === 'buy' ? quote.ask ?? quote.last : quote.bid ?? quote.last);
    this.#update(id, marketable
      ? { status: 'filled', filledAmount: sized.amount, averagePrice: fillPrice, exchangeOrderId: `paper-${id}`, message: `Paper trade: simulated fill of ${sized.amount} at ${fillPrice}. Nothing was sent to the exchange.` }
      : { status: 'open', exchangeOrderId: `paper-${id}`, message: 'Paper trade: resting limit order (simulated). Nothing was sent to the exchange.' }, 'system', 'order.result');
    return this.#emit(id);
  }

  #recordRejected(credential: CredentialInfo, intent: ParsedOrderIntent, idempotencyKey: string, context: PlacementContext, error: KeywardenError): OrderInfo {
    const now = this.#clock.now();
    const id = newOrderId();
    this.#db.transaction((tx) => {
      insertOrderIfNew(tx, {
        id,
        credentialId: credential.id,
        source: context.source,
        idempotencyKey,
        clientOrderId: clientOrderIdFor(idempotencyKey),
        symbol: intent.symbol.slice(0, 128),
        marketType: isFuturesSymbol(intent.symbol) ? 'linear' : 'spot',
        side: intent.side,
        type: intent.type,
        amount: intent.amountUnit === 'base' ? intent.amount : 0,
        requestedAmount: intent.amount,
        requestedUnit: intent.amountUnit,
        price: intent.price ?? null,
        notionalUsd: 0,
        paper: intent.paper === true,
        status: 'rejected',
        message: error.message,
        errorCode: error.code,
        webhookEventId: context.webhookEventId ?? null,
        createdAt: now,
        updatedAt: now,
      });
      if (tradingAudits(context.actor, 'order.place')) appendAudit(tx, this.#clock, { actor: context.actor, action: 'order.place', subject: id, outcome: 'denied', details: { credentialId: credential.id, symbol: intent.symbol.slice(0, 64), side: intent.side, source: context.source, errorCode: error.code } });
    }, { behavior: 'immediate' });
    return findOrderByIdempotencyKey(this.#db, idempotencyKey) ?? this.getOrder(id);
  }

  #update(id: string, changes: Partial<OrderRow>, actor: AuditActor, action: string, alsoInTransaction?: () => void): void {
    this.#db.transaction(() => {
      updateOrder(this.#db, id, { ...changes, updatedAt: this.#clock.now() });
      alsoInTransaction?.();
      // The key is in the details so the audit log's key filter finds an order's later changes too.
      if (tradingAudits(actor, action)) appendAudit(this.#db, this.#clock, { actor, action, subject: id, outcome: changes.status === 'failed' ? 'error' : 'ok', details: { credentialId: findOrder(this.#db, id)?.credentialId ?? null, status: changes.status ?? null, errorCode: changes.errorCode ?? null, exchangeOrderId: changes.exchangeOrderId ?? null } });
    }, { behavior: 'immediate' });
  }

  #emit(id: string): OrderInfo {
    const order = this.getOrder(id);
    this.#events.emit('order.updated', { id: order.id, status: order.status, credentialId: order.credentialId });
    return order;
  }

  async #clientFor(credentialId: string, marketKind?: MarketKind): Promise<Exchange> {
    const { info, secrets } = this.#credentials.getDecrypted(credentialId);
    return this.#clients.client({ credentialId: info.id, fingerprint: info.fingerprint, provider: info.provider, environment: info.environment, secrets: secrets as Record<string, string>, marketKind });
  }
}

/** A key that trades, and an intent that fits it: an outcome or a fill style is Polymarket's alone. */
function tradingKeyFor(info: CredentialInfo, intent: ParsedOrderIntent): CredentialInfo {
  const credential = requireTradingKey(info);
  if (credential.kind === 'polymarket' && intent.amountUnit === 'percent') {
    throw new KeywardenError('INVALID_INPUT', `"${credential.label}" is a Polymarket account: give the amount in shares or pUSD; a percentage of the balance is for exchange accounts.`, { field: 'amountUnit' });
  }
  if ((intent.reduceOnly !== undefined || intent.closePosition !== undefined) && !isFuturesSymbol(intent.symbol)) {
    throw new KeywardenError('INVALID_INPUT', `Reduce-only is for perpetual futures (such as BTCUSDT.P); "${intent.symbol.slice(0, 40)}" is not one.`, { field: 'reduceOnly' });
  }
  if (credential.kind !== 'polymarket' && (intent.outcome !== undefined || intent.marketFill !== undefined)) {
    throw new KeywardenError('INVALID_INPUT', `"${credential.label}" is an exchange account: an outcome and a fill style are for Polymarket orders only.`, { field: intent.outcome !== undefined ? 'outcome' : 'marketFill' });
  }
  return credential;
}

function parseIntent(input: OrderIntent): ParsedOrderIntent {
  const parsed = OrderIntent.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join('.') || 'order';
  throw new KeywardenError('INVALID_INPUT', `${field}: ${issue?.message ?? 'is not valid'}.`, { field });
}

/** Finds an order on the exchange by the client order id Keywarden gave it (or its exchange id). */
async function fetchByClientOrderId(client: Exchange, order: OrderInfo): Promise<Order> {
  // Bybit's fetchOrder refuses without `acknowledged` (it only sees the last 500 orders), and takes
  // the client id as orderLinkId; Binance takes clientOrderId (sent as origClientOrderId).
  const params = client.id === 'bybit' ? { acknowledged: true, orderLinkId: order.clientOrderId } : { clientOrderId: order.clientOrderId };
  try {
    return await client.fetchOrder(order.exchangeOrderId ?? (undefined as unknown as string), order.symbol, params);
  } catch (error) {
    // ccxt 4.5.84's Bybit fetchOrder builds its "not found" message with id.toString(): with no order
    // id (looked up by orderLinkId) an empty answer surfaces as a TypeError. It is "not found".
    if (client.id === 'bybit' && order.exchangeOrderId === null && error instanceof TypeError) throw new OrderNotFound();
    throw error;
  }
}

/** Named as ccxt's class, which is how ccxtErrorFamily recognises it (ccxt is not loaded eagerly here). */
class OrderNotFound extends Error {}

/** What is sent to the exchange: all #send needs, from a fresh intent or from a recorded order. */
interface SendSpec {
  readonly symbol: string;
  readonly type: 'market' | 'limit';
  readonly side: 'buy' | 'sell';
  readonly amount: number;
  readonly limitPrice: number | null;
  readonly quoteCost: number | null;
  /** Perpetual futures: whether it may only reduce the position; null for a spot order. */
  readonly reduceOnly: boolean | null;
}

function sendSpecOf(intent: ParsedOrderIntent, sized: SizedOrder, futures: FuturesPlan | undefined): SendSpec {
  return { symbol: sized.symbol, type: intent.type, side: intent.side, amount: sized.amount, limitPrice: sized.limitPrice, quoteCost: sized.quoteCost, reduceOnly: futures ? futures.reduceOnly : null };
}

function kindOf(order: OrderInfo): MarketKind | undefined {
  return order.marketType === 'linear' ? 'linear' : undefined;
}

function newOrderId(): string {
  return `o${randomId(11)}`;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
