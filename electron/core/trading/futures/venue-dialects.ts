/**
 * What differs between the perpetual venues, and nothing else (the shared rules stay in
 * futures-venue.ts): how positions are read and spelled, how the position mode is read, and which
 * "already so" answers to leverage and margin mode are not errors.
 * Binance USDⓈ-M: positionRisk v2 (leverage and margin type with the positions; LONG/SHORT slots in
 * hedge mode, BOTH in one-way); the mode from fetchPositionMode.
 * Bybit linear (ccxt has no fetchPositionMode for Bybit): position/list, whose positionIdx is the
 * mode (0 one-way; 1 and 2 hedge, both listed even when flat); the mode can differ per symbol.
 */
import type { Exchange } from 'ccxt';
import { KeywardenError } from '../../errors';
import { ccxtErrorFamily, exchangeErrorCode } from '../../exchanges/ccxt-error';
import type { FuturesPosition } from './futures-venue';
import type { PositionMode } from './position-mode';
import type { LinearMarket } from './perpetual-symbol';

export type Row = Record<string, unknown>;

/** One position slot as a venue spells it, read into shared terms (amount positive, with its side). */
export type SlotRow = Omit<FuturesPosition, 'symbol'> & {
  readonly symbolId: string;
  /** The mode this slot shows (hedge slots are LONG/SHORT or positionIdx 1/2). */
  readonly mode: PositionMode;
};

export interface VenueDialect {
  rows(client: Exchange, market?: LinearMarket): Promise<SlotRow[]>;
  readMode(client: Exchange, market?: LinearMarket): Promise<PositionMode>;
  /** Applies the margin mode, treating "already so" as done. */
  setMarginMode(client: Exchange, market: LinearMarket, marginMode: 'cross' | 'isolated'): Promise<void>;
  /** Applies the leverage, treating "already so" as done. */
  setLeverage(client: Exchange, market: LinearMarket, leverage: number): Promise<void>;
}

const num = (value: unknown): number => {
  const n = Number(value);
  return Number.isFinite(n) ? n : 0;
};

type RawCall = (params: Row) => Promise<unknown>;
function rawCall(client: Exchange, name: string): RawCall {
  const call = (client as unknown as Record<string, RawCall | undefined>)[name];
  if (!call) throw new KeywardenError('FUTURES_NOT_SUPPORTED', `This ccxt version cannot read ${client.name ?? client.id} futures positions.`);
  return call.bind(client);
}

const binance: VenueDialect = {
  async rows(client, market) {
    // v2 positionRisk still carries leverage and margin type in one call (v3 dropped them), and lists
    // a market's slots even when flat, so the leverage set on the exchange is read with the positions.
    const rows = (await rawCall(client, 'fapiPrivateV2GetPositionRisk')(market ? { symbol: market.id } : {})) as Row[];
    return rows.map((row) => {
      const signed = num(row['positionAmt']);
      const sideText = row['positionSide'];
      const type = String(row['marginType'] ?? '').toLowerCase();
      return {
        symbolId: String(row['symbol']), side: sideText === 'SHORT' || (sideText !== 'LONG' && signed < 0) ? 'short' : 'long', amount: Math.abs(signed),
        entryPrice: num(row['entryPrice']), markPrice: num(row['markPrice']), leverage: num(row['leverage']) || null,
        marginMode: type === 'isolated' ? 'isolated' : type === 'cross' || type === 'crossed' ? 'cross' : null,
        liquidationPrice: num(row['liquidationPrice']) > 0 ? num(row['liquidationPrice']) : null, unrealizedPnl: num(row['unRealizedProfit']),
        mode: sideText === 'LONG' || sideText === 'SHORT' ? 'hedge' : 'one-way',
      };
    });
  },
  async readMode(client, market) {
    return (await client.fetchPositionMode(market?.symbol)).hedged === true ? 'hedge' : 'one-way';
  },
  async setMarginMode(client, market, marginMode) {
    try {
      await client.setMarginMode(marginMode, market.symbol);
    } catch (error) {
      // -4046 "No need to change margin type.": the person's choice holds.
      if (!ccxtErrorFamily(error).includes('MarginModeAlreadySet')) throw error;
    }
  },
  async setLeverage(client, market, leverage) {
    await client.setLeverage(leverage, market.symbol);
  },
};

const bybit: VenueDialect = {
  async rows(client, market) {
    // With a symbol Bybit lists its slots even when flat (the mode shows); without, only open positions.
    const answer = (await rawCall(client, 'privateGetV5PositionList')(market ? { category: 'linear', symbol: market.id } : { category: 'linear', settleCoin: 'USDT' })) as { result?: { list?: Row[] } };
    return (answer.result?.list ?? []).map((row) => {
      const index = String(row['positionIdx'] ?? '0');
      return {
        symbolId: String(row['symbol']), side: index === '2' || (index === '0' && row['side'] === 'Sell') ? 'short' : 'long', amount: Math.abs(num(row['size'])),
        entryPrice: num(row['avgPrice']), markPrice: num(row['markPrice']), leverage: num(row['leverage']) || null,
        marginMode: String(row['tradeMode']) === '1' ? 'isolated' : 'cross',
        liquidationPrice: num(row['liqPrice']) > 0 ? num(row['liqPrice']) : null, unrealizedPnl: num(row['unrealisedPnl']),
        mode: index === '0' ? 'one-way' : 'hedge',
      };
    });
  },
  async readMode(client, market) {
    // The mode can differ per symbol on Bybit; without one, the first listed market stands in.
    const target = market ?? (Object.values(client.markets ?? {}).find((m) => m?.swap === true && m.linear === true) as LinearMarket | undefined);
    if (!target) return 'one-way';
    const rows = await bybit.rows(client, target);
    return rows.some((row) => row.mode === 'hedge') ? 'hedge' : 'one-way';
  },
  async setMarginMode(_client, market, marginMode) {
    // A unified account's margin mode is account-wide on Bybit (ccxt: /v5/account/set-margin-mode):
    // Keywarden never changes it behind one market's choice.
    if (marginMode === 'isolated') throw new KeywardenError('FUTURES_NOT_SUPPORTED', `Bybit sets isolated margin for the whole unified account, not per market, so Keywarden does not change it for ${market.symbol}. Choose cross, or set the margin mode on Bybit (Derivatives → Margin mode).`);
  },
  async setLeverage(client, market, leverage) {
    try {
      await client.setLeverage(leverage, market.symbol);
    } catch (error) {
      // 110043 "Set leverage not modified": it already is what the person chose.
      if (exchangeErrorCode(error) !== '110043') throw error;
    }
  },
};

export function venueDialectOf(client: Exchange): VenueDialect {
  if (client.id === 'binance') return binance;
  if (client.id === 'bybit') return bybit;
  throw new KeywardenError('FUTURES_NOT_SUPPORTED', `Perpetual futures are not available on ${client.name ?? client.id} in Keywarden (Binance USDⓈ-M and Bybit linear are).`);
}
