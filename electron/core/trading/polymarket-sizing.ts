/**
 * A Polymarket order intent read as the risk gate needs it (issue 18): the outcome's token, the
 * book's best prices, the shares and the pUSD it stands for. A share of an outcome costs 0.01 to
 * 0.99 pUSD (one pUSD is one US dollar for the limits); the rules are the exchange ones
 * (order-sizing.ts) in this market's words:
 * - a limit order is sized in shares, its price on the market's tick, valued at the worse of its
 *   price and the market's;
 * - a market buy spends pUSD (valued at exactly that), a market sell sells shares (valued at the
 *   best bid); the worst price the book needs to fill it is what the order is signed with, and
 *   a fill that would reach more than the price band from the best price is refused by the gate;
 * - a fill-or-kill order the book cannot fill is refused here, before anything is recorded as sent.
 */
import { KeywardenError } from '../errors';
import { checkPrice, formatDecimal, isTickSize, type TickSize } from '../polymarket/clob-amounts';
import type { OrderBook } from '../polymarket/clob-schemas';
import type { MarketQuote, SizedOrder } from './order-sizing';
import type { ParsedOrderIntent } from './trading-schema';

export interface PolymarketPlan {
  readonly tokenId: string;
  readonly outcome: string;
  readonly label: string;
  readonly tickSize: TickSize;
  readonly negRisk: boolean;
  readonly minOrderSize: string | null;
  readonly orderType: 'GTC' | 'FOK' | 'FAK';
  /** The price the order is signed with: the limit, or the worst price the book needs. */
  readonly price: string;
  /** GTC: shares. FOK/FAK: pUSD to spend (buy) or shares to sell (sell). */
  readonly quantity: string;
}

interface Level {
  readonly price: number;
  readonly size: number;
}

/** Best first: asks cheapest first, bids dearest first (the CLOB lists the best last). */
export function bookSides(book: OrderBook): { readonly asks: Level[]; readonly bids: Level[] } {
  const read = (levels: OrderBook['asks']) => levels.map((level) => ({ price: Number(level.price), size: Number(level.size) })).filter((level) => level.price > 0 && level.size > 0);
  return { asks: read(book.asks).sort((a, b) => a.price - b.price), bids: read(book.bids).sort((a, b) => b.price - a.price) };
}

export function quoteOf(book: OrderBook): MarketQuote {
  const { asks, bids } = bookSides(book);
  const bid = bids[0]?.price ?? null;
  const ask = asks[0]?.price ?? null;
  const traded = book.last_trade_price === undefined ? NaN : Number(book.last_trade_price);
  const last = Number.isFinite(traded) && traded > 0 ? traded : bid !== null && ask !== null ? (bid + ask) / 2 : ask ?? bid;
  if (last === null) throw new KeywardenError('PRICE_UNAVAILABLE', 'Nobody is buying or selling this outcome right now (its order book is empty), so it cannot be valued. Try again later or place a limit order on another outcome.');
  return { last, bid, ask };
}

/** Shares and prices have at most 6 decimals on the CLOB; a number is written out in full, never as 1e-7. */
function decimalText(value: number, places = 6): string {
  return value.toFixed(places).replace(/\.?0+$/, '');
}

export function sizePolymarketOrder(intent: ParsedOrderIntent, market: { tokenId: string; outcome: string; label: string; tickSize: string; negRisk: boolean; minOrderSize: string | null }, book: OrderBook): { sized: SizedOrder; plan: PolymarketPlan; quote: MarketQuote } {
  if (!isTickSize(market.tickSize)) throw new KeywardenError('PRICE_UNAVAILABLE', `This market's tick size (${market.tickSize.slice(0, 12)}) is not one Polymarket's order rules know; nothing was sent.`);
  const tickSize = market.tickSize;
  const quote = quoteOf(book);
  const { asks, bids } = bookSides(book);
  const buy = intent.side === 'buy';
  const notes: string[] = [];
  const base = { symbol: market.tokenId, base: `${market.outcome} shares`, quote: 'pUSD', usdPerQuote: 1, quotedMarketPrice: null };
  const common = { tokenId: market.tokenId, outcome: market.outcome, label: market.label, tickSize, negRisk: market.negRisk, minOrderSize: market.minOrderSize };

  if (intent.type === 'limit') {
    if (intent.amountUnit === 'quote') throw new KeywardenError('INVALID_INPUT', 'A Polymarket limit order is sized in shares: give the number of shares, not pUSD.', { field: 'amountUnit' });
    const price = Number(formatDecimal(checkPrice(decimalText(intent.price!), tickSize)));
    const marketPrice = (buy ? quote.ask : quote.bid) ?? quote.last;
    const shares = intent.amount;
    const valuationPrice = Math.max(price, marketPrice);
    return {
      quote,
      plan: { ...common, orderType: 'GTC', price: decimalText(price), quantity: decimalText(shares, 2) },
      sized: { ...base, amount: shares, limitPrice: price, marketPrice, valuationPrice, notionalUsd: shares * valuationPrice, quoteCost: null, needs: buy ? { asset: 'pUSD', amount: shares * price } : { asset: `${market.outcome} shares`, amount: shares }, notes },
    };
  }

  const orderType = intent.marketFill === 'fak' ? 'FAK' : 'FOK';
  // A price named on a market order is the worst price it may fill at, as in Polymarket's own client.
  const cap = intent.price === undefined ? undefined : Number(formatDecimal(checkPrice(decimalText(intent.price), tickSize)));
  const capped = (worst: number): number => {
    if (cap === undefined || (buy ? worst <= cap : worst >= cap)) return worst;
    if (orderType === 'FOK') {
      throw new KeywardenError('PRICE_UNAVAILABLE', `Filling this all-or-nothing order would take prices up to ${worst}, ${buy ? 'above' : 'below'} the ${cap} you named: it would be killed. Raise the price, use a smaller amount, or fill what you can at ${cap} (fill and kill).`);
    }
    notes.push(`It fills only at ${cap} or better, as you named; the rest is canceled.`);
    return cap;
  };
  if (buy) {
    if (intent.amountUnit !== 'quote') throw new KeywardenError('INVALID_INPUT', 'A Polymarket market buy spends pUSD: give the amount in pUSD (--quote), or place a limit order for a number of shares.', { field: 'amountUnit' });
    const sweep = sweepFor(asks, intent.amount, (level) => level.price * level.size, orderType, 'pUSD');
    sweep.worst = capped(sweep.worst);
    const best = asks[0]!.price;
    return {
      quote,
      plan: { ...common, orderType, price: decimalText(sweep.worst), quantity: decimalText(intent.amount, 2) },
      sized: { ...base, amount: sweep.filled, limitPrice: null, marketPrice: best, valuationPrice: best, notionalUsd: intent.amount, quoteCost: intent.amount, needs: { asset: 'pUSD', amount: intent.amount }, notes, sweepPrice: sweep.worst },
    };
  }
  if (intent.amountUnit !== 'base') throw new KeywardenError('INVALID_INPUT', 'A Polymarket market sell is sized in shares: give the number of shares to sell.', { field: 'amountUnit' });
  const sweep = sweepFor(bids, intent.amount, (level) => level.size, orderType, 'shares');
  sweep.worst = capped(sweep.worst);
  const best = bids[0]!.price;
  return {
    quote,
    plan: { ...common, orderType, price: decimalText(sweep.worst), quantity: decimalText(intent.amount, 2) },
    sized: { ...base, amount: intent.amount, limitPrice: null, marketPrice: best, valuationPrice: best, notionalUsd: intent.amount * best, quoteCost: null, needs: { asset: `${market.outcome} shares`, amount: intent.amount }, notes, sweepPrice: sweep.worst },
  };
}

/**
 * The worst price needed to fill `wanted` (pUSD for a buy, shares for a sell) from the best level
 * down, and the shares that buys. A fill-or-kill the book cannot fill is refused; a fill-and-kill
 * goes as deep as the book is.
 */
function sweepFor(levels: readonly Level[], wanted: number, worth: (level: Level) => number, orderType: 'FOK' | 'FAK', unit: string): { worst: number; filled: number } {
  if (levels.length === 0) throw new KeywardenError('PRICE_UNAVAILABLE', `Nobody is ${unit === 'pUSD' ? 'selling' : 'buying'} this outcome right now, so a market order cannot fill. Place a limit order instead.`);
  let covered = 0;
  let shares = 0;
  for (const level of levels) {
    const take = Math.min(worth(level), wanted - covered);
    covered += take;
    shares += unit === 'pUSD' ? take / level.price : take;
    if (covered >= wanted - 1e-9) return { worst: level.price, filled: shares };
  }
  if (orderType === 'FOK') {
    throw new KeywardenError('PRICE_UNAVAILABLE', `The order book holds only ${covered.toLocaleString('en-US', { maximumFractionDigits: 2 })} ${unit} of ${unit === 'pUSD' ? 'offers' : 'bids'}, less than this all-or-nothing order needs: it would be killed. Use a smaller amount, or fill what the book has (fill and kill).`);
  }
  return { worst: levels[levels.length - 1]!.price, filled: shares };
}
