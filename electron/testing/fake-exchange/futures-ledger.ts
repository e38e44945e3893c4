/**
 * The fake's perpetual-futures book (USDT-margined, linear), exchange-neutral: the position mode of
 * each account, leverage and margin mode per symbol, positions per side, and orders. The dialects
 * (binance-futures.ts, later bybit-linear.ts) turn their wire parameters into these calls and render
 * the answers and refusals with the exchange's own codes. Contracts are counted in the base coin
 * (contract size 1), as on Binance USDⓈ-M and Bybit linear.
 */
import type { MarketBook } from './market-data';
import { roundAmount } from './market-data';

export type PositionSide = 'both' | 'long' | 'short';
export type MarginMode = 'cross' | 'isolated';

export interface FuturesPosition {
  readonly symbol: string;
  readonly side: PositionSide;
  /** Signed in one-way mode (negative = short); positive for a hedge-mode short too (its side says short). */
  readonly amount: number;
  readonly entryPrice: number;
}

export interface FuturesOrder {
  readonly id: string;
  readonly clientOrderId: string;
  readonly apiKey: string;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly type: 'market' | 'limit';
  readonly price: number | undefined;
  readonly amount: number;
  readonly filled: number;
  readonly averagePrice: number;
  readonly reduceOnly: boolean;
  readonly positionSide: PositionSide;
  readonly status: 'open' | 'filled' | 'canceled';
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface FuturesOrderRequest {
  readonly apiKey: string;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly type: 'market' | 'limit';
  readonly amount: number;
  readonly price: number | undefined;
  readonly reduceOnly: boolean;
  readonly positionSide: PositionSide;
  readonly clientOrderId: string;
}

export type FuturesRejection =
  | 'unknown-symbol'
  | 'position-side-mismatch'
  | 'reduce-only-rejected'
  | 'quantity-too-small'
  | 'quantity-too-large'
  | 'quantity-step'
  | 'price-step'
  | 'min-notional'
  | 'insufficient-margin'
  | 'duplicate-client-order-id';

export const MAX_FAKE_LEVERAGE = 125;

interface AccountState {
  hedged: boolean;
  readonly leverage: Map<string, number>;
  readonly marginMode: Map<string, MarginMode>;
  readonly positions: Map<string, { amount: number; entryPrice: number }>;
}

export class FuturesLedger {
  readonly #accounts = new Map<string, AccountState>();
  readonly #orders: FuturesOrder[] = [];
  #sequence = 0;

  constructor(
    private readonly markets: MarketBook,
    private readonly walletOf: (apiKey: string) => number,
    private readonly now: () => number,
    private readonly formatOrderId: (sequence: number) => string,
  ) {}

  get orders(): readonly FuturesOrder[] {
    return [...this.#orders];
  }

  #account(apiKey: string): AccountState {
    let account = this.#accounts.get(apiKey);
    if (!account) {
      account = { hedged: false, leverage: new Map(), marginMode: new Map(), positions: new Map() };
      this.#accounts.set(apiKey, account);
    }
    return account;
  }

  isHedged(apiKey: string): boolean {
    return this.#account(apiKey).hedged;
  }

  /** 'unchanged' when already so; 'has-positions' when a position or open order exists (exchanges refuse then). */
  setHedged(apiKey: string, hedged: boolean): 'ok' | 'unchanged' | 'has-positions' {
    const account = this.#account(apiKey);
    if (account.hedged === hedged) return 'unchanged';
    if ([...account.positions.values()].some((p) => p.amount !== 0) || this.openOrders(apiKey).length > 0) return 'has-positions';
    account.hedged = hedged;
    return 'ok';
  }

  leverageOf(apiKey: string, symbol: string): number {
    return this.#account(apiKey).leverage.get(symbol) ?? 20;
  }

  setLeverage(apiKey: string, symbol: string, leverage: number): 'ok' | 'unchanged' | 'invalid' {
    if (!Number.isInteger(leverage) || leverage < 1 || leverage > MAX_FAKE_LEVERAGE) return 'invalid';
    if (this.leverageOf(apiKey, symbol) === leverage) return 'unchanged';
    this.#account(apiKey).leverage.set(symbol, leverage);
    return 'ok';
  }

  marginModeOf(apiKey: string, symbol: string): MarginMode {
    return this.#account(apiKey).marginMode.get(symbol) ?? 'cross';
  }

  setMarginMode(apiKey: string, symbol: string, mode: MarginMode): 'ok' | 'unchanged' | 'has-positions' {
    if (this.marginModeOf(apiKey, symbol) === mode) return 'unchanged';
    if (this.positionsOf(apiKey).some((p) => p.symbol === symbol && p.amount !== 0)) return 'has-positions';
    this.#account(apiKey).marginMode.set(symbol, mode);
    return 'ok';
  }

  /** Every position slot of the account for the markets listed (zero ones too, as the exchanges list them). */
  positionsOf(apiKey: string, symbol?: string): FuturesPosition[] {
    const account = this.#account(apiKey);
    const sides: PositionSide[] = account.hedged ? ['long', 'short'] : ['both'];
    const symbols = symbol ? [symbol] : this.markets.symbols();
    return symbols.flatMap((s) => sides.map((side) => {
      const held = account.positions.get(`${s}|${side}`) ?? { amount: 0, entryPrice: 0 };
      return { symbol: s, side, amount: held.amount, entryPrice: held.entryPrice };
    }));
  }

  /** Margin in use: each position's value at entry over its leverage (both margin modes alike: a fake). */
  usedMargin(apiKey: string): number {
    return roundAmount(this.positionsOf(apiKey).reduce((sum, p) => sum + Math.abs(p.amount) * p.entryPrice / this.leverageOf(apiKey, p.symbol), 0));
  }

  availableMargin(apiKey: string): number {
    return roundAmount(this.walletOf(apiKey) - this.usedMargin(apiKey));
  }

  placeOrder(request: FuturesOrderRequest): { ok: true; order: FuturesOrder } | { ok: false; rejection: FuturesRejection } {
    const market = this.markets.get(request.symbol);
    if (!market) return { ok: false, rejection: 'unknown-symbol' };
    const account = this.#account(request.apiKey);
    // The position side must match the account's mode: BOTH in one-way, LONG/SHORT in hedge (Binance -4061).
    if (account.hedged ? request.positionSide === 'both' : request.positionSide !== 'both') return { ok: false, rejection: 'position-side-mismatch' };
    if (request.amount < market.minQty) return { ok: false, rejection: 'quantity-too-small' };
    if (request.amount > market.maxQty) return { ok: false, rejection: 'quantity-too-large' };
    if (!onStep(request.amount, market.stepSize)) return { ok: false, rejection: 'quantity-step' };
    if (request.price !== undefined && !onStep(request.price, market.tickSize)) return { ok: false, rejection: 'price-step' };
    if (this.#orders.some((o) => o.apiKey === request.apiKey && o.clientOrderId === request.clientOrderId && o.status === 'open')) return { ok: false, rejection: 'duplicate-client-order-id' };
    const slot = `${request.symbol}|${request.positionSide}`;
    const held = account.positions.get(slot) ?? { amount: 0, entryPrice: 0 };
    const closes = this.#closes(request, held.amount);
    // A hedge-mode close (SELL on LONG, BUY on SHORT) is reduce-only by nature: more than is held is refused.
    const reducing = request.reduceOnly || (request.positionSide !== 'both' && closes);
    if (reducing && (!closes || request.amount > Math.abs(held.amount))) return { ok: false, rejection: 'reduce-only-rejected' };
    const price = request.price ?? market.lastPrice;
    if (!reducing) {
      if (price * request.amount < market.minNotional) return { ok: false, rejection: 'min-notional' };
      if ((price * request.amount) / this.leverageOf(request.apiKey, request.symbol) > this.availableMargin(request.apiKey)) return { ok: false, rejection: 'insufficient-margin' };
    }
    const marketable = request.type === 'market' || (request.side === 'buy' ? price >= market.lastPrice : price <= market.lastPrice);
    const now = this.now();
    this.#sequence += 1;
    const order: FuturesOrder = {
      id: this.formatOrderId(this.#sequence), clientOrderId: request.clientOrderId, apiKey: request.apiKey, symbol: request.symbol, side: request.side, type: request.type,
      price: request.price, amount: request.amount, filled: marketable ? request.amount : 0, averagePrice: marketable ? price : 0, reduceOnly: request.reduceOnly,
      positionSide: request.positionSide, status: marketable ? 'filled' : 'open', createdAt: now, updatedAt: now,
    };
    if (marketable) this.#fill(account, slot, request, price);
    this.#orders.push(order);
    return { ok: true, order };
  }

  /** Whether an order on this side reduces what the slot holds. */
  #closes(request: FuturesOrderRequest, held: number): boolean {
    if (request.positionSide === 'long') return request.side === 'sell';
    if (request.positionSide === 'short') return request.side === 'buy';
    return request.side === 'buy' ? held < 0 : held > 0;
  }

  #fill(account: AccountState, slot: string, request: FuturesOrderRequest, price: number): void {
    const held = account.positions.get(slot) ?? { amount: 0, entryPrice: 0 };
    // One-way positions are signed; a hedge slot holds a positive size and the order's side adds or removes.
    const delta = request.positionSide === 'both' ? (request.side === 'buy' ? request.amount : -request.amount)
      : (this.#closes(request, held.amount) ? -request.amount : request.amount);
    const next = roundAmount(held.amount + delta);
    const grows = Math.sign(next) === Math.sign(held.amount) && Math.abs(next) > Math.abs(held.amount);
    const flipped = held.amount !== 0 && next !== 0 && Math.sign(next) !== Math.sign(held.amount);
    const entryPrice = next === 0 ? 0 : held.amount === 0 || flipped ? price
      : grows ? (Math.abs(held.amount) * held.entryPrice + Math.abs(delta) * price) / Math.abs(next) : held.entryPrice;
    account.positions.set(slot, { amount: next, entryPrice });
  }

  findOrder(apiKey: string, symbol: string, lookup: { id?: string | undefined; clientOrderId?: string | undefined }): FuturesOrder | undefined {
    return [...this.#orders].reverse().find((o) => o.apiKey === apiKey && o.symbol === symbol && (lookup.id ? o.id === lookup.id : o.clientOrderId === lookup.clientOrderId));
  }

  cancelOrder(apiKey: string, symbol: string, lookup: { id?: string | undefined; clientOrderId?: string | undefined }): FuturesOrder | undefined {
    const order = this.findOrder(apiKey, symbol, lookup);
    if (!order || order.status !== 'open') return undefined;
    const canceled: FuturesOrder = { ...order, status: 'canceled', updatedAt: this.now() };
    this.#orders[this.#orders.indexOf(order)] = canceled;
    return canceled;
  }

  openOrders(apiKey: string, symbol?: string): FuturesOrder[] {
    return this.#orders.filter((o) => o.apiKey === apiKey && o.status === 'open' && (symbol === undefined || o.symbol === symbol));
  }

  /** Sets a position directly (a position the person opened elsewhere, for tests). */
  setPosition(apiKey: string, symbol: string, side: PositionSide, amount: number, entryPrice: number): void {
    this.#account(apiKey).positions.set(`${symbol}|${side}`, { amount, entryPrice });
  }
}

function onStep(value: number, step: number): boolean {
  const steps = value / step;
  return Math.abs(steps - Math.round(steps)) < 1e-6;
}

/** A rough liquidation price: where the loss eats the initial margin less a 0.4% maintenance margin. */
export function roughLiquidationPrice(position: FuturesPosition, leverage: number): number {
  if (position.amount === 0) return 0;
  const long = position.side === 'long' || (position.side === 'both' && position.amount > 0);
  const move = 1 / leverage - 0.004;
  return Math.max(0, roundAmount(position.entryPrice * (long ? 1 - move : 1 + move)));
}
