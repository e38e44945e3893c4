/**
 * A perpetual as the Trade page shows it once chosen (trading.market): the price now, the mark
 * price, the smallest amount and its step, and with a verified key the account's position on it,
 * the leverage and margin mode set on the exchange, the position mode and the free margin. The
 * free margin goes in `balanceNote` (a perpetual has no "free BTC"; `balances` stays null so a
 * spot-minded reader never shows a margin as a coin balance).
 */
import type { Exchange } from 'ccxt';
import { isKeywardenError } from '../../errors';
import { fetchFreeBalance } from '../free-balance';
import { fetchMarketQuote } from '../order-sizing';
import type { MarketSnapshot } from '../trading-schema';
import type { FuturesVenue } from './futures-venue';
import { resolveLinearMarket } from './perpetual-symbol';

export interface FuturesMarketInput {
  readonly publicClient: Exchange;
  /** The key's futures client, or why there is none (not verified). */
  readonly privateClient: (() => Promise<Exchange>) | string;
  readonly venue: FuturesVenue;
  readonly symbol: string;
}

export async function futuresMarketSnapshot(input: FuturesMarketInput): Promise<MarketSnapshot> {
  const { publicClient, venue } = input;
  const market = resolveLinearMarket(publicClient, input.symbol);
  const settle = market.settle ?? market.quote;
  const [quote, markPrice, account] = await Promise.all([
    fetchMarketQuote(publicClient, market.symbol),
    // The mark price is what liquidation follows; not every exchange's client has it: then null.
    publicClient.has['fetchMarkPrice'] ? publicClient.fetchMarkPrice(market.symbol).then((t) => positive(t.markPrice)).catch(() => null) : Promise.resolve(null),
    typeof input.privateClient === 'string' ? input.privateClient : readAccount(input.privateClient, venue, market, settle),
  ]);
  const step = positive(market.precision?.amount);
  return {
    symbol: market.symbol,
    base: market.base,
    quote: market.quote,
    ...quote,
    balances: null,
    balanceNote: typeof account === 'string' ? account : `Free margin: ${account.free} ${settle}.`,
    futures: {
      markPrice,
      minAmount: positive(market.limits?.amount?.min),
      amountStep: step,
      settle,
      ...(typeof account === 'string' ? { positionMode: null, positions: [], leverage: null, marginMode: null, freeMargin: null } : {
        positionMode: account.mode, positions: account.positions, leverage: account.leverage, marginMode: account.marginMode, freeMargin: account.free,
      }),
    },
  };
}

async function readAccount(open: () => Promise<Exchange>, venue: FuturesVenue, market: ReturnType<typeof resolveLinearMarket>, settle: string) {
  try {
    const client = await open();
    const [state, margin] = await Promise.all([venue.symbolState(client, market), fetchFreeBalance(client, settle)]);
    return {
      mode: state.mode, leverage: state.leverage, marginMode: state.marginMode, free: margin.free,
      positions: state.positions.map((p) => ({ side: p.side, amount: p.amount, entryPrice: p.entryPrice, liquidationPrice: p.liquidationPrice, unrealizedPnl: p.unrealizedPnl })),
    };
  } catch (error) {
    if (isKeywardenError(error)) return error.message;
    return 'The position and margin could not be read from the exchange.';
  }
}

function positive(value: unknown): number | null {
  const number = Number(value);
  return Number.isFinite(number) && number > 0 ? number : null;
}
