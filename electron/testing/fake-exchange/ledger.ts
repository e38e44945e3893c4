/**
 * Accounts and orders of the fake exchange, exchange-neutral: per-key balances, order validation against the
 * market filters, and a deliberately simple matching rule. Market orders fill at the last price; limit orders
 * that cross the last price fill at it (the taker gets the better price), the others rest with their funds
 * locked until cancelled or until `setPrice` crosses them. No fees, no partial fills.
 */
import { floorToStep, isMultipleOf, roundAmount } from './market-data';
import type { MarketBook } from './market-data';
import type { FakeOrder, FakeOrderSide, FakeOrderStatus, FakeOrderType } from './types';

export interface OrderRequest {
  apiKey: string;
  symbol: string;
  side: FakeOrderSide;
  type: FakeOrderType;
  /** Base quantity; required except for a market order sized in quote units. */
  amount: number | undefined;
  /** Quote amount for a market order (Binance quoteOrderQty, Bybit marketUnit=quoteCoin). */
  quoteAmount: number | undefined;
  price: number | undefined;
  clientOrderId: string;
}

/** Why an order was refused; each dialect turns this into its exchange's error code and message. */
export type OrderRejection =
  | 'unknown-symbol'
  | 'quantity-too-small'
  | 'quantity-too-large'
  | 'quantity-step'
  | 'price-step'
  | 'min-notional'
  | 'insufficient-balance'
  | 'duplicate-client-order-id';

/**
 * Binance only refuses a newClientOrderId that an *open* order already uses; Bybit's orderLinkId must be
 * unique among all of the account's orders.
 */
export type ClientIdUniqueness = 'among-open-orders' | 'among-all-orders';

export type PlaceResult = { ok: true; order: FakeOrder } | { ok: false; rejection: OrderRejection };

export interface OrderLookup {
  id?: string | undefined;
  clientOrderId?: string | undefined;
}

interface Holding {
  free: number;
  locked: number;
}

type MutableOrder = { -readonly [K in keyof FakeOrder]: FakeOrder[K] };

export class Ledger {
  private readonly accounts = new Map<string, Map<string, Holding>>();
  private readonly orderList: MutableOrder[] = [];
  // Indexes over orderList: a bench places thousands of orders, and a scan per order would bill the
  // fake's own slowness to the code under test.
  private readonly byId = new Map<string, MutableOrder>();
  private readonly byClientId = new Map<string, MutableOrder[]>();
  private nextOrderNumber = 1;

  constructor(
    private readonly markets: MarketBook,
    private readonly startingBalances: (apiKey: string) => Readonly<Record<string, number>>,
    private readonly now: () => number,
    private readonly clientIdUniqueness: ClientIdUniqueness,
    private readonly formatOrderId: (sequence: number) => string,
  ) {}

  /** How many orders exist (cheap: no copies). */
  get orderCount(): number {
    return this.orderList.length;
  }

  /** A copy of the newest order. */
  lastOrder(): FakeOrder | undefined {
    const last = this.orderList[this.orderList.length - 1];
    return last ? { ...last } : undefined;
  }

  get orders(): readonly FakeOrder[] {
    return this.orderList.map((order) => ({ ...order }));
  }

  balancesOf(apiKey: string): Readonly<Record<string, { free: number; locked: number }>> {
    const account = this.account(apiKey);
    return Object.fromEntries([...account.entries()].map(([asset, holding]) => [asset, { ...holding }]));
  }

  setBalance(apiKey: string, asset: string, free: number): void {
    this.holding(apiKey, asset).free = roundAmount(free);
  }

  placeOrder(request: OrderRequest): PlaceResult {
    const market = this.markets.get(request.symbol);
    if (market === undefined) return { ok: false, rejection: 'unknown-symbol' };
    const last = market.lastPrice;

    let amount: number;
    if (request.type === 'market' && request.amount === undefined) {
      const quote = request.quoteAmount ?? 0;
      if (!(quote > 0) || quote < market.minNotional) return { ok: false, rejection: 'min-notional' };
      amount = floorToStep(quote / last, market.stepSize);
    } else {
      amount = request.amount ?? 0;
    }
    if (!(amount >= market.minQty)) return { ok: false, rejection: 'quantity-too-small' };
    if (amount > market.maxQty) return { ok: false, rejection: 'quantity-too-large' };
    if (!isMultipleOf(amount, market.stepSize)) return { ok: false, rejection: 'quantity-step' };
    if (request.type === 'limit') {
      const price = request.price ?? 0;
      if (!(price > 0) || !isMultipleOf(price, market.tickSize)) return { ok: false, rejection: 'price-step' };
    }
    const referencePrice = request.type === 'limit' ? (request.price ?? last) : last;
    if (request.quoteAmount === undefined && amount * referencePrice < market.minNotional) {
      return { ok: false, rejection: 'min-notional' };
    }
    if (this.clientIdTaken(request.apiKey, request.clientOrderId)) return { ok: false, rejection: 'duplicate-client-order-id' };

    const marketable =
      request.type === 'market' ||
      (request.side === 'buy' && (request.price ?? 0) >= last) ||
      (request.side === 'sell' && (request.price ?? Infinity) <= last);
    // Funds are checked at the worst price the order allows: the limit price for a buy, the amount for a sell.
    const quoteNeeded = request.side === 'buy' ? roundAmount(amount * (request.type === 'limit' ? (request.price ?? last) : last)) : 0;
    const baseNeeded = request.side === 'sell' ? amount : 0;
    const quoteHolding = this.holding(request.apiKey, market.quote);
    const baseHolding = this.holding(request.apiKey, market.base);
    if (quoteHolding.free < quoteNeeded || baseHolding.free < baseNeeded) return { ok: false, rejection: 'insufficient-balance' };

    const time = this.now();
    const order: MutableOrder = {
      id: this.formatOrderId(this.nextOrderNumber++),
      clientOrderId: request.clientOrderId,
      apiKey: request.apiKey,
      symbol: request.symbol,
      side: request.side,
      type: request.type,
      price: request.type === 'limit' ? request.price : undefined,
      amount,
      quoteAmount: request.quoteAmount,
      filled: 0,
      cost: 0,
      status: 'open',
      createdAt: time,
      updatedAt: time,
    };
    if (marketable) {
      this.settle(order, last);
    } else if (order.side === 'buy') {
      quoteHolding.free = roundAmount(quoteHolding.free - quoteNeeded);
      quoteHolding.locked = roundAmount(quoteHolding.locked + quoteNeeded);
    } else {
      baseHolding.free = roundAmount(baseHolding.free - baseNeeded);
      baseHolding.locked = roundAmount(baseHolding.locked + baseNeeded);
    }
    this.orderList.push(order);
    this.byId.set(order.id, order);
    const withClientId = this.byClientId.get(clientIdKey(order.apiKey, order.clientOrderId));
    if (withClientId) withClientId.push(order);
    else this.byClientId.set(clientIdKey(order.apiKey, order.clientOrderId), [order]);
    return { ok: true, order: { ...order } };
  }

  /** Finds one of the key's orders; an id wins over a client order id (both exchanges' rule). */
  findOrder(apiKey: string, symbol: string | undefined, lookup: OrderLookup): FakeOrder | undefined {
    const order = this.findMutable(apiKey, symbol, lookup);
    return order === undefined ? undefined : { ...order };
  }

  openOrders(apiKey: string, symbol: string | undefined): FakeOrder[] {
    return this.orderList
      .filter((order) => order.apiKey === apiKey && order.status === 'open' && (symbol === undefined || order.symbol === symbol))
      .map((order) => ({ ...order }));
  }

  ordersOf(apiKey: string, symbol: string | undefined, statuses: readonly FakeOrderStatus[]): FakeOrder[] {
    return this.orderList
      .filter((order) => order.apiKey === apiKey && statuses.includes(order.status) && (symbol === undefined || order.symbol === symbol))
      .map((order) => ({ ...order }));
  }

  /** Cancels an open order and releases its locked funds; undefined when there is no such open order. */
  cancelOrder(apiKey: string, symbol: string | undefined, lookup: OrderLookup): FakeOrder | undefined {
    const order = this.findMutable(apiKey, symbol, lookup);
    if (order === undefined || order.status !== 'open') return undefined;
    const market = this.markets.get(order.symbol);
    if (market !== undefined) {
      if (order.side === 'buy') this.unlock(apiKey, market.quote, roundAmount(order.amount * (order.price ?? 0)));
      else this.unlock(apiKey, market.base, order.amount);
    }
    order.status = 'canceled';
    order.updatedAt = this.now();
    return { ...order };
  }

  /** A new last price fills the resting limit orders it crosses, at their limit price. */
  onPriceChange(symbol: string): void {
    const market = this.markets.get(symbol);
    if (market === undefined) return;
    for (const order of this.orderList) {
      if (order.symbol !== symbol || order.status !== 'open' || order.price === undefined) continue;
      const crossed = order.side === 'buy' ? market.lastPrice <= order.price : market.lastPrice >= order.price;
      if (!crossed) continue;
      if (order.side === 'buy') this.unlock(order.apiKey, market.quote, roundAmount(order.amount * order.price));
      else this.unlock(order.apiKey, market.base, order.amount);
      this.settle(order, order.price);
    }
  }

  reset(): void {
    this.orderList.length = 0;
    this.byId.clear();
    this.byClientId.clear();
    this.accounts.clear();
  }

  private settle(order: MutableOrder, price: number): void {
    const market = this.markets.get(order.symbol);
    if (market === undefined) return;
    const cost = roundAmount(order.amount * price);
    const quote = this.holding(order.apiKey, market.quote);
    const base = this.holding(order.apiKey, market.base);
    if (order.side === 'buy') {
      quote.free = roundAmount(quote.free - cost);
      base.free = roundAmount(base.free + order.amount);
    } else {
      base.free = roundAmount(base.free - order.amount);
      quote.free = roundAmount(quote.free + cost);
    }
    order.filled = order.amount;
    order.cost = cost;
    order.status = 'filled';
    order.updatedAt = this.now();
  }

  private unlock(apiKey: string, asset: string, amount: number): void {
    const holding = this.holding(apiKey, asset);
    holding.locked = roundAmount(holding.locked - amount);
    holding.free = roundAmount(holding.free + amount);
  }

  private clientIdTaken(apiKey: string, clientOrderId: string): boolean {
    // Bybit leaves orderLinkId empty when the caller sends none; an empty id is never a duplicate.
    if (clientOrderId === '') return false;
    const sameId = this.byClientId.get(clientIdKey(apiKey, clientOrderId)) ?? [];
    return sameId.some((order) => this.clientIdUniqueness === 'among-all-orders' || order.status === 'open');
  }

  private findMutable(apiKey: string, symbol: string | undefined, lookup: OrderLookup): MutableOrder | undefined {
    const mine = (order: MutableOrder) => order.apiKey === apiKey && (symbol === undefined || order.symbol === symbol);
    if (lookup.id !== undefined && lookup.id !== '') {
      const order = this.byId.get(lookup.id);
      return order && mine(order) ? order : undefined;
    }
    if (lookup.clientOrderId !== undefined && lookup.clientOrderId !== '') {
      // The newest order with that client id (Binance allows reuse once the earlier one is closed).
      return this.byClientId.get(clientIdKey(apiKey, lookup.clientOrderId))?.findLast(mine);
    }
    return undefined;
  }

  private account(apiKey: string): Map<string, Holding> {
    let account = this.accounts.get(apiKey);
    if (account === undefined) {
      account = new Map(Object.entries(this.startingBalances(apiKey)).map(([asset, free]) => [asset, { free: roundAmount(free), locked: 0 }]));
      this.accounts.set(apiKey, account);
    }
    return account;
  }

  private holding(apiKey: string, asset: string): Holding {
    const account = this.account(apiKey);
    let holding = account.get(asset);
    if (holding === undefined) {
      holding = { free: 0, locked: 0 };
      account.set(asset, holding);
    }
    return holding;
  }
}

function clientIdKey(apiKey: string, clientOrderId: string): string {
  return `${apiKey}\n${clientOrderId}`;
}
