/**
 * Perpetual futures on the exchange: positions as they are, leverage and margin mode as the person
 * sets them, and orders whose position parameters follow the account's position mode. One-way:
 * reduce-only is sent as such. Hedge: a position side (LONG/SHORT) instead, since Binance refuses
 * reduceOnly there (-1106) and takes a close as the opposite side on the same position side. Only
 * Binance USDⓈ-M is wired so far; Bybit linear refuses plainly until its fake and tests exist.
 */
import type { Exchange, Order } from 'ccxt';
import { KeywardenError } from '../../errors';
import { ccxtErrorFamily } from '../../exchanges/ccxt-error';
import { isPositionModeMismatch, type PositionMode, type PositionModes } from './position-mode';
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

type Row = Record<string, unknown>;

export class FuturesVenue {
  constructor(private readonly modes: PositionModes) {}

  /** Non-zero positions of the account, optionally for one market. */
  async positions(client: Exchange, market?: LinearMarket): Promise<FuturesPosition[]> {
    return (await this.#positionRows(client, market)).flatMap((row) => parsePosition(client, row));
  }

  /** One market as the account has it: what is held, and the leverage and margin mode set on the exchange now. */
  async symbolState(client: Exchange, market: LinearMarket): Promise<{ positions: FuturesPosition[]; leverage: number | null; marginMode: 'cross' | 'isolated' | null }> {
    const rows = await this.#positionRows(client, market);
    const first = rows[0];
    return { positions: rows.flatMap((row) => parsePosition(client, row)), leverage: first ? Number(first['leverage']) || null : null, marginMode: first ? marginModeOf(first) : null };
  }

  async #positionRows(client: Exchange, market?: LinearMarket): Promise<Row[]> {
    requireSupported(client);
    // v2 positionRisk still carries leverage and margin type in one call (v3 dropped them), and lists
    // a market's slots even when flat, so the leverage set on the exchange is read with the positions.
    const call = (client as unknown as Record<string, (params: Row) => Promise<Row[]>>)['fapiPrivateV2GetPositionRisk'];
    if (!call) throw new KeywardenError('FUTURES_NOT_SUPPORTED', 'This ccxt version cannot read Binance futures positions.');
    return call.call(client, market ? { symbol: market.id } : {});
  }

  /** What the person chose: leverage (and margin mode) on one market. "Already so" is not an error. */
  async setLeverage(client: Exchange, market: LinearMarket, leverage: number, marginMode?: 'cross' | 'isolated'): Promise<void> {
    requireSupported(client);
    if (marginMode) {
      try {
        await client.setMarginMode(marginMode, market.symbol);
      } catch (error) {
        // Binance answers -4046 "No need to change margin type." when it already is: the person's choice holds.
        if (!ccxtErrorFamily(error).includes('MarginModeAlreadySet')) throw error;
      }
    }
    await client.setLeverage(leverage, market.symbol);
  }

  /**
   * Sends one order with the parameters the account's mode needs. A refusal for a mismatched mode
   * (the mode was switched on the exchange between the read and the send) placed nothing: the mode
   * is read again, and the order sent once more only if the mode really changed.
   */
  async send(accountId: string, client: Exchange, spec: FuturesOrderSpec): Promise<Order> {
    requireSupported(client);
    const mode = await this.modes.read(accountId, client, spec.market.symbol);
    try {
      return await this.#create(client, spec, mode);
    } catch (error) {
      if (!isPositionModeMismatch(error)) throw error;
      this.modes.forget(accountId);
      const now = await this.modes.read(accountId, client, spec.market.symbol);
      if (now === mode) throw error;
      return this.#create(client, spec, now);
    }
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
    // ccxt's `hedged` sets positionSide from the side, and for a reduce-only order in hedge mode
    // drops reduceOnly and names the side being closed (binance.js createOrderRequest).
    const params: Row = { clientOrderId: spec.clientOrderId, ...(mode === 'hedge' ? { hedged: true } : {}), ...(spec.reduceOnly ? { reduceOnly: true } : {}) };
    return client.createOrder(spec.market.symbol, spec.type, spec.side, spec.amount, spec.type === 'limit' ? spec.limitPrice ?? undefined : undefined, params);
  }
}

function requireSupported(client: Exchange): void {
  if (client.id !== 'binance') {
    throw new KeywardenError('FUTURES_NOT_SUPPORTED', `Perpetual futures are not available on ${client.name ?? client.id} in Keywarden yet (Binance USDⓈ-M is).`);
  }
}

function parsePosition(client: Exchange, row: Row): FuturesPosition[] {
  const signed = Number(row['positionAmt']);
  if (!Number.isFinite(signed) || signed === 0) return [];
  const found = client.safeMarket(String(row['symbol']), undefined, undefined, 'swap');
  const liquidation = Number(row['liquidationPrice']);
  return [{
    symbol: found.symbol ?? String(row['symbol']),
    side: row['positionSide'] === 'SHORT' || (row['positionSide'] !== 'LONG' && signed < 0) ? 'short' : 'long',
    amount: Math.abs(signed),
    entryPrice: Number(row['entryPrice']) || 0,
    markPrice: Number(row['markPrice']) || 0,
    leverage: Number(row['leverage']) || null,
    marginMode: marginModeOf(row),
    liquidationPrice: liquidation > 0 ? liquidation : null,
    unrealizedPnl: Number(row['unRealizedProfit']) || 0,
  }];
}

function marginModeOf(row: Row): 'cross' | 'isolated' | null {
  const type = String(row['marginType'] ?? '').toLowerCase();
  return type === 'isolated' ? 'isolated' : type === 'cross' || type === 'crossed' ? 'cross' : null;
}
