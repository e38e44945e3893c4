/**
 * What a perpetual-futures order needs before the risk gate decides it: the market, its price, the
 * order sized by the same rules as spot (order-sizing.ts), valued at its full size (price × amount:
 * leverage changes the margin, not what can be lost), the position before and after it, the
 * leverage set on the exchange, and the free margin it needs. A reduce-only order with nothing to
 * reduce is refused here: nothing would be sent, and the person is told so.
 */
import type { Exchange } from 'ccxt';
import { KeywardenError } from '../../errors';
import { fetchFreeBalance, type FreeBalance } from '../free-balance';
import { throwIfIpRefused } from '../order-ip-refusal';
import { fetchMarketQuote, sizeOrder, type MarketQuote, type SizedOrder } from '../order-sizing';
import { resolvePercent } from '../percent-sizing';
import type { ParsedOrderIntent } from '../trading-schema';
import { positionNotionalAfter } from './futures-limits';
import { heldSides, positionMet, sidesOfNet } from './position-slot';
import type { FuturesVenue } from './futures-venue';
import { resolveLinearMarket, type LinearMarket } from './perpetual-symbol';

export interface FuturesPlan {
  readonly market: LinearMarket;
  readonly reduceOnly: boolean;
  readonly notionalBefore: number;
  readonly notionalAfter: number;
  /** Set on the exchange now (live), or the person's stored choice (paper); null when neither is known. */
  readonly leverage: number | null;
}

export interface AssessedFutures {
  readonly sized: SizedOrder;
  readonly quote: MarketQuote;
  /** The free margin checked against what the order ties up; null when not checked (paper, a close). */
  readonly balance: FreeBalance | null;
  readonly plan: FuturesPlan;
  /** The intent as sized, when a percentage was turned into an amount. */
  readonly intent?: ParsedOrderIntent;
}

export interface FuturesAssessInput {
  readonly intent: ParsedOrderIntent;
  readonly publicClient: Exchange;
  /** The key's futures client, when it may be used (live, a key that may trade); null on paper. */
  readonly privateClient: Exchange | null;
  readonly venue: FuturesVenue;
  /** Paper: what Keywarden's paper orders hold on a market (signed, base coin), and the stored leverage. */
  readonly paper: ((symbol: string) => { readonly held: number; readonly leverage: number | null }) | null;
}

export async function assessFutures(input: FuturesAssessInput): Promise<AssessedFutures> {
  const { publicClient, privateClient, venue } = input;
  const market = resolveLinearMarket(publicClient, input.intent.symbol);
  const settle = market.settle ?? market.quote;
  const percent = input.intent.amountUnit === 'percent';
  if (percent && !privateClient) throw new KeywardenError('BALANCE_UNAVAILABLE', 'An amount in percent is a share of the free futures margin, which Keywarden can only read with a verified key on a live order. Give the amount in coins or in USDT. Nothing was sent.');
  const [quote, state, margin] = await Promise.all([
    fetchMarketQuote(publicClient, market.symbol),
    privateClient ? venue.symbolState(privateClient, market).catch((error: unknown) => {
      if (privateClient) throwIfIpRefused(error, privateClient.id, privateClient.name ?? privateClient.id);
      throw error;
    }) : null,
    privateClient ? fetchFreeBalance(privateClient, settle) : null,
  ]);
  let intent = input.intent;
  let percentNote: string | null = null;
  if (percent && margin) {
    // A percentage is of the free margin, as the order's full value (not multiplied by leverage): the cautious reading.
    const resolved = resolvePercent({ ...intent, side: 'buy' }, settle, margin.free);
    intent = { ...resolved.intent, side: intent.side };
    percentNote = resolved.note;
  }
  const paperState = input.paper?.(market.symbol) ?? null;
  const sides = state ? heldSides(state.positions) : sidesOfNet(paperState?.held ?? 0);
  const mode = state?.mode ?? 'one-way';
  if (intent.closePosition === true) {
    // Close: the whole position, on the side that closes it, whatever side and amount were sent. A
    // hedge account holding both sides closes the side the order's own side reduces (a sell the long).
    const net = sides.long - sides.short;
    const closing = mode === 'hedge' && sides.long > 0 && sides.short > 0 ? (intent.side === 'sell' ? sides.long : -sides.short) : net;
    if (closing === 0) throw new KeywardenError('NO_POSITION', `There is no ${market.symbol} position to close, so nothing was sent.`);
    intent = { ...intent, side: closing > 0 ? 'sell' : 'buy', amount: Math.abs(closing), amountUnit: 'base', type: 'market', reduceOnly: true };
    delete (intent as { price?: number }).price;
  }
  const reduceOnly = intent.reduceOnly === true;
  // The position this order meets: in hedge mode one side of it, not the net (position-slot.ts).
  const held = positionMet(sides, mode, intent.side, reduceOnly);
  // Without the position (no live read: paused, a blocked key) the gate decides; "no position" would mislead.
  const positionKnown = state !== null || paperState !== null;
  if (reduceOnly && positionKnown && (held === 0 || (intent.side === 'buy') === (held > 0))) {
    throw new KeywardenError('NO_POSITION', held === 0
      ? `There is no ${market.symbol} ${mode === 'hedge' ? `${intent.side === 'sell' ? 'long' : 'short'} ` : ''}position to reduce, so nothing was sent.`
      : `A reduce-only ${intent.side} cannot reduce the ${held > 0 ? 'long' : 'short'} ${market.symbol} position, so nothing was sent.`);
  }
  const spot = await sizeOrder(publicClient, market, { ...intent, type: intent.type }, quote);
  // Perpetuals have no "spend exactly this much quote" market order: quote units were turned into
  // base units at the price the order trades at, and that is what is sent and valued.
  const notional = spot.amount * spot.valuationPrice;
  const leverage = state?.leverage ?? paperState?.leverage ?? null;
  if (reduceOnly && positionKnown && spot.amount > Math.abs(held)) {
    throw new KeywardenError('INVALID_INPUT', `A reduce-only order of ${spot.amount} is more than the ${Math.abs(held)} ${market.base} position on ${market.symbol}; it would be refused rather than flip the position. Close the position instead. Nothing was sent.`, { field: 'amount' });
  }
  const sized: SizedOrder = {
    ...spot,
    quoteCost: null,
    notionalUsd: notional * spot.usdPerQuote,
    needs: { asset: settle, amount: notional / (leverage ?? 1) },
    notes: percentNote ? [percentNote, ...spot.notes] : spot.notes,
  };
  const price = spot.valuationPrice;
  const plan: FuturesPlan = {
    market,
    reduceOnly,
    notionalBefore: Math.abs(held) * price * spot.usdPerQuote,
    notionalAfter: positionNotionalAfter(held, intent.side, spot.amount, price, reduceOnly) * spot.usdPerQuote,
    leverage,
  };
  const changed = percent || intent.closePosition === true;
  return { sized, quote, balance: margin && !reduceOnly ? margin : null, plan, ...(changed ? { intent: { ...intent, amount: sized.amount, amountUnit: 'base' as const } } : {}) };
}
