/**
 * Perpetual futures on the exchange: positions as they are, leverage and margin mode as the person
 * sets them, and orders whose position parameters follow the account's position mode. One-way:
 * reduce-only is sent as such. Hedge: a position side (LONG/SHORT) instead, since Binance refuses
 * reduceOnly there (-1106) and takes a close as the opposite side on the same position side; Bybit
 * takes positionIdx 1/2 the same way (ccxt's `hedged`). What differs per venue is in venue-dialects.ts.
 */
import type { Exchange, Order } from 'ccxt';
import { isPositionModeMismatch, type PositionMode, type PositionModes } from './position-mode';
import { venueDialectOf, type SlotRow } from './venue-dialects';
import type { LinearMarket } from './perpetual-symbol';

export interface FuturesPosition {
  readonly symbol: string;
  /** long or short; a hedge account can hold both on one symbol. */
  readonly side: 'long' | 'short';
  /** Size in the base coin, always positive. */
  readonly amount: number;
  readonly entryPrice: number;
  readonly markPrice: number;
  readonly leverage: number | null;
  readonly marginMode: 'cross' | 'isolated' | null;
  /** Null when the exchange shows none (0). */
  readonly liquidationPrice: number | null;
  readonly unrealizedPnl: number;
}

export interface FuturesOrderSpec {
  readonly market: LinearMarket;
  readonly side: 'buy' | 'sell';
  readonly type: 'market' | 'limit';
  /** Base amount (contracts of size 1 on both exchanges' USDT perpetuals). */
  readonly amount: number;
  readonly limitPrice: number | null;
  /** Only shrinks a position; never opens or grows one. */
  readonly reduceOnly: boolean;
  readonly clientOrderId: string;
}

export class FuturesVenue {
  constructor(private readonly modes: PositionModes) {}

  /** Non-zero positions of the account, optionally for one market. */
  async positions(client: Exchange, market?: LinearMarket): Promise<FuturesPosition[]> {
    return (await venueDialectOf(client).rows(client, market)).flatMap((row) => parsePosition(client, row));
  }

  /** One market as the account has it: what is held, the leverage and margin mode set on the exchange now, and the mode its slots show. */
  async symbolState(client: Exchange, market: LinearMarket): Promise<{ positions: FuturesPosition[]; leverage: number | null; marginMode: 'cross' | 'isolated' | null; mode: PositionMode }> {
    const rows = await venueDialectOf(client).rows(client, market);
    const first = rows[0];
    // A hedge account lists a long and a short slot for the market (flat ones too); one-way lists one.
    const mode: PositionMode = rows.some((row) => row.mode === 'hedge') ? 'hedge' : 'one-way';
    return { positions: rows.flatMap((row) => parsePosition(client, row)), leverage: first?.leverage ?? null, marginMode: first?.marginMode ?? null, mode };
  }

  /** What the person chose: leverage (and margin mode) on one market. "Already so" is not an error. */
  async setLeverage(client: Exchange, market: LinearMarket, leverage: number, marginMode?: 'cross' | 'isolated'): Promise<void> {
    const dialect = venueDialectOf(client);
    if (marginMode) await dialect.setMarginMode(client, market, marginMode);
    await dialect.setLeverage(client, market, leverage);
  }

  /**
   * Sends one order with the parameters the account's mode needs. A refusal for a mismatched mode
   * (the mode was switched on the exchange between the read and the send) placed nothing: the mode
   * is read again, and the order sent once more only if the mode really changed.
   */
  async send(accountId: string, client: Exchange, spec: FuturesOrderSpec): Promise<Order> {
    const dialect = venueDialectOf(client);
    const read = () => this.modes.read(accountId, spec.market.symbol, () => dialect.readMode(client, spec.market));
    const mode = await read();
    try {
      return await this.#create(client, spec, mode);
    } catch (error) {
      if (!isPositionModeMismatch(error)) throw error;
      this.modes.forget(accountId);
      const now = await read();
      if (now === mode) throw error;
      return this.#create(client, spec, now);
    }
  }

  /** The account's position mode (on Bybit, of one market: it can differ per symbol). */
  readMode(accountId: string, client: Exchange, market?: LinearMarket): Promise<PositionMode> {
    const dialect = venueDialectOf(client);
    return this.modes.read(accountId, market?.symbol, () => dialect.readMode(client, market));
  }

  /**
   * The reduce-only orders that close what the account holds on a market (both sides in hedge
   * mode). Empty when nothing is held: nothing is to be sent, and the caller says so.
   */
  async closingOrders(client: Exchange, market: LinearMarket, clientOrderId: (index: number) => string): Promise<FuturesOrderSpec[]> {
    const held = await this.positions(client, market);
    return held.map((position, index) => ({
      market,
      side: position.side === 'long' ? 'sell' as const : 'buy' as const,
      type: 'market' as const,
      amount: position.amount,
      limitPrice: null,
      reduceOnly: true,
      clientOrderId: clientOrderId(index),
    }));
  }

  #create(client: Exchange, spec: FuturesOrderSpec, mode: PositionMode): Promise<Order> {
    // ccxt's `hedged` sets the position side (Binance positionSide, Bybit positionIdx) from the side,
    // and for a reduce-only order in hedge mode drops reduceOnly and names the side being closed
    // (binance.js / bybit.js createOrderRequest). ccxt sends clientOrderId as Bybit's orderLinkId.
    const params: Record<string, unknown> = { clientOrderId: spec.clientOrderId, ...(mode === 'hedge' ? { hedged: true } : {}), ...(spec.reduceOnly ? { reduceOnly: true } : {}) };
    return client.createOrder(spec.market.symbol, spec.type, spec.side, spec.amount, spec.type === 'limit' ? spec.limitPrice ?? undefined : undefined, params);
  }
}

function parsePosition(client: Exchange, row: SlotRow): FuturesPosition[] {
  if (!(row.amount > 0)) return [];
  const found = client.safeMarket(row.symbolId, undefined, undefined, 'swap');
  const { symbolId: _id, mode: _mode, ...rest } = row;
  return [{ ...rest, symbol: found.symbol ?? row.symbolId }];
}
