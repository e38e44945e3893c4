/**
 * Turns an intent into what the exchange will accept and what it can really cost: base units rounded
 * to the market's precision, a limit price rounded to its tick, checked against the market's minimum
 * amount and minimum order value before anything is sent, and valued in USD for the risk gate.
 *
 * The value is always taken from the market, never from a price the caller supplied: a market order
 * fills at the market whatever price an alert names (issue 13: an alert saying "price": "1000" was
 * valued at $10 and filled $650). A market buy is valued at the ask (or the last price if higher), a
 * market sell at the last price (or the bid if higher), and a limit order at the worse of its limit
 * and that market value, because a sell limit far below the market fills at the market.
 */
import type { Exchange } from 'ccxt';
import type { SpotMarket } from './symbol-resolver';
import { KeywardenError } from '../errors';
import { exchangeUnreachable, isUnreachable, unreachableConsequence } from '../exchanges/exchange-unreachable';
import type { ParsedOrderIntent } from './trading-schema';

/** Quote currencies worth one US dollar for the limits (a depeg is not our risk model). */
const USD_STABLE = new Set(['USDT', 'USDC', 'FDUSD', 'BUSD', 'TUSD', 'USD', 'DAI', 'USDP']);

/** The market as the exchange's public ticker shows it now. */
export interface MarketQuote {
  readonly last: number;
  readonly bid: number | null;
  readonly ask: number | null;
}

export interface SizedOrder {
  readonly symbol: string;
  readonly base: string;
  readonly quote: string;
  /** Base amount that will be sent. */
  readonly amount: number;
  /** The limit price as it will be sent (rounded to the tick); null for a market order. */
  readonly limitPrice: number | null;
  /** The market's last traded price when the order was sized. */
  readonly marketPrice: number;
  /** The price one base unit is valued at for the limits (see the module comment). */
  readonly valuationPrice: number;
  /** A price the caller named for a market order: not used for anything but the price band. */
  readonly quotedMarketPrice: number | null;
  readonly notionalUsd: number;
  /** US dollars per unit of the quote currency, so usage can count fills in dollars. */
  readonly usdPerQuote: number;
  /** For a market buy sized in quote units: exactly this much quote is spent (Binance quoteOrderQty). */
  readonly quoteCost: number | null;
  /** What the order needs free on the account: the quote it spends (buy) or the base it sells. */
  readonly needs: { readonly asset: string; readonly amount: number };
  /** How the order was read, for the person: e.g. that a price on a market order was ignored. */
  readonly notes: readonly string[];
  /**
   * Polymarket market orders: the worst price the book needs to fill the order, which it is signed
   * with; the gate refuses it beyond the price band from the best price (a thin book).
   */
  readonly sweepPrice?: number;
}

/** The exchange's display name ("Binance"), never its ccxt id, in what a person reads. */
export function exchangeName(client: Exchange): string {
  return client.name ?? client.id;
}

/** The current last price, bid and ask of a market, from the exchange's public ticker. */
export async function fetchMarketQuote(client: Exchange, symbol: string): Promise<MarketQuote> {
  let ticker;
  try {
    ticker = await client.fetchTicker(symbol);
  } catch (error) {
    if (isUnreachable(error)) throw exchangeUnreachable(exchangeName(client), error, unreachableConsequence.nothingSent);
    throw new KeywardenError('PRICE_UNAVAILABLE', `Could not get the current price of ${symbol} from ${exchangeName(client)}, so nothing was sent. Try again.`);
  }
  const positive = (value: unknown) => {
    const number = Number(value);
    return Number.isFinite(number) && number > 0 ? number : null;
  };
  const bid = positive(ticker.bid);
  const ask = positive(ticker.ask);
  const last = positive(ticker.last) ?? positive(ticker.close) ?? (bid !== null && ask !== null ? (bid + ask) / 2 : null);
  if (last === null) throw new KeywardenError('PRICE_UNAVAILABLE', `${exchangeName(client)} reports no recent price for ${symbol}, so Keywarden cannot value the order. Nothing was sent.`);
  return { last, bid, ask };
}

/** The last traded price of a market. */
export async function lastPrice(client: Exchange, symbol: string): Promise<number> {
  return (await fetchMarketQuote(client, symbol)).last;
}

/** How many US dollars one unit of `quote` is worth. */
export async function usdPerUnit(client: Exchange, quote: string): Promise<number> {
  if (USD_STABLE.has(quote)) return 1;
  for (const stable of ['USDT', 'USDC']) {
    const symbol = `${quote}/${stable}`;
    if (client.markets?.[symbol]) return lastPrice(client, symbol);
  }
  throw new KeywardenError('PRICE_UNAVAILABLE', `Keywarden cannot value ${quote} in US dollars on ${exchangeName(client)}, so it cannot check your limits for this market.`);
}

/** What one base unit of a market order is valued at: the side of the book it trades against, or the last price if that is higher. */
export function marketValuationPrice(quote: MarketQuote, side: 'buy' | 'sell'): number {
  const book = side === 'buy' ? quote.ask : quote.bid;
  return Math.max(quote.last, book ?? 0);
}

export async function sizeOrder(client: Exchange, market: SpotMarket, intent: ParsedOrderIntent, quote: MarketQuote): Promise<SizedOrder> {
  const { symbol, base } = market;
  const quoteAsset = market.quote;
  const atMarket = marketValuationPrice(quote, intent.side);
  let limitPrice: number | null = null;
  if (intent.type === 'limit') {
    limitPrice = Number(client.priceToPrecision(symbol, intent.price ?? 0));
    if (!(limitPrice > 0)) throw new KeywardenError('ORDER_TOO_SMALL', `The price rounds to 0 at ${symbol}'s tick size.`);
  }
  const valuationPrice = limitPrice === null ? atMarket : Math.max(limitPrice, atMarket);
  const quotedMarketPrice = intent.type === 'market' ? intent.price ?? null : null;
  const notes = quotedMarketPrice === null ? [] : [`The price given (${quotedMarketPrice}) was not used: a market order fills at the market, about ${atMarket} now.`];

  // Quote units become base units at the price the order trades at: its limit, or the market (a
  // market sell receives the bid, so selling "50 USDT worth" needs 50 / bid).
  const sizingPrice = limitPrice ?? (intent.side === 'buy' ? atMarket : quote.bid ?? quote.last);
  const rawBase = intent.amountUnit === 'base' ? intent.amount : intent.amount / sizingPrice;
  let amount: number;
  try {
    amount = Number(client.amountToPrecision(symbol, rawBase));
  } catch {
    amount = 0;
  }
  const minAmount = market.limits?.amount?.min;
  if (!(amount > 0) || (minAmount !== undefined && amount < minAmount)) {
    throw new KeywardenError('ORDER_TOO_SMALL', `This order is too small for ${symbol}: the minimum is ${minAmount ?? 'one step of'} ${base}${intent.amountUnit === 'quote' ? ` (about ${((minAmount ?? 0) * sizingPrice).toPrecision(3)} ${quoteAsset} at ${sizingPrice})` : ''}.`, { symbol });
  }
  const quoteCost = intent.type === 'market' && intent.side === 'buy' && intent.amountUnit === 'quote' ? intent.amount : null;
  const value = quoteCost ?? amount * valuationPrice;
  const minCost = market.limits?.cost?.min;
  if (minCost !== undefined && value < minCost) {
    throw new KeywardenError('ORDER_TOO_SMALL', `This order is worth ${value.toPrecision(4)} ${quoteAsset}; ${exchangeName(client)} requires at least ${minCost} ${quoteAsset} for ${symbol}.`, { symbol });
  }
  const usdPerQuote = await usdPerUnit(client, quoteAsset);
  const needs = intent.side === 'sell'
    ? { asset: base, amount }
    : { asset: quoteAsset, amount: quoteCost ?? amount * (limitPrice ?? atMarket) };
  return { symbol, base, quote: quoteAsset, amount, limitPrice, marketPrice: quote.last, valuationPrice, quotedMarketPrice, notionalUsd: value * usdPerQuote, usdPerQuote, quoteCost, needs, notes };
}
