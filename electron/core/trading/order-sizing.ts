/**
 * Turns an intent's amount into what the exchange will accept: base units rounded to the market's
 * precision, a limit price rounded to its tick, checked against the market's minimum amount and
 * minimum order value before anything is sent, and valued in USD for the risk gate.
 */
import type { Exchange } from 'ccxt';
import type { SpotMarket } from './symbol-resolver';
import { KeywardenError } from '../errors';
import type { ParsedOrderIntent } from './trading-schema';

/** Quote currencies worth one US dollar for the limits (a depeg is not our risk model). */
const USD_STABLE = new Set(['USDT', 'USDC', 'FDUSD', 'BUSD', 'TUSD', 'USD', 'DAI', 'USDP']);

export interface SizedOrder {
  readonly symbol: string;
  readonly base: string;
  readonly quote: string;
  /** Base amount that will be sent. */
  readonly amount: number;
  /** The price used: the limit price, or the last traded price for a market order. */
  readonly price: number;
  readonly notionalUsd: number;
  /** For a market buy sized in quote units: exactly this much quote is spent (Binance quoteOrderQty). */
  readonly quoteCost: number | null;
}

/** The last traded price of a market, from the exchange's public ticker. */
export async function lastPrice(client: Exchange, symbol: string): Promise<number> {
  let ticker;
  try {
    ticker = await client.fetchTicker(symbol);
  } catch {
    throw new KeywardenError('PRICE_UNAVAILABLE', `Could not get the current price of ${symbol} from ${client.name ?? client.id}. Try again, or give a limit price.`);
  }
  const price = Number(ticker.last ?? ticker.close ?? ticker.bid);
  if (!(price > 0)) throw new KeywardenError('PRICE_UNAVAILABLE', `${client.name ?? client.id} reports no recent price for ${symbol}. Give a limit price.`);
  return price;
}

/** How many US dollars one unit of `quote` is worth. */
export async function usdPerUnit(client: Exchange, quote: string): Promise<number> {
  if (USD_STABLE.has(quote)) return 1;
  for (const stable of ['USDT', 'USDC']) {
    const symbol = `${quote}/${stable}`;
    if (client.markets?.[symbol]) return lastPrice(client, symbol);
  }
  throw new KeywardenError('PRICE_UNAVAILABLE', `Keywarden cannot value ${quote} in US dollars on ${client.name ?? client.id}, so it cannot check your limits for this market.`);
}

export async function sizeOrder(client: Exchange, market: SpotMarket, intent: ParsedOrderIntent): Promise<SizedOrder> {
  const symbol = market.symbol;
  const base = market.base;
  const quote = market.quote;
  // A market order is valued at the alert's price when it gives one ({{close}}), else the last price.
  const referencePrice = intent.price ?? (await lastPrice(client, symbol));
  const price = intent.type === 'limit' ? Number(client.priceToPrecision(symbol, referencePrice)) : referencePrice;
  if (!(price > 0)) throw new KeywardenError('ORDER_TOO_SMALL', `The price rounds to 0 at ${symbol}'s tick size.`);

  const rawBase = intent.amountUnit === 'base' ? intent.amount : intent.amount / price;
  let amount: number;
  try {
    amount = Number(client.amountToPrecision(symbol, rawBase));
  } catch {
    amount = 0;
  }
  const minAmount = market.limits?.amount?.min;
  if (!(amount > 0) || (minAmount !== undefined && amount < minAmount)) {
    throw new KeywardenError('ORDER_TOO_SMALL', `This order is too small for ${symbol}: the minimum is ${minAmount ?? 'one step of'} ${base}${intent.amountUnit === 'quote' ? ` (about ${((minAmount ?? 0) * price).toPrecision(3)} ${quote} at ${price})` : ''}.`, { symbol });
  }
  const quoteCost = intent.type === 'market' && intent.side === 'buy' && intent.amountUnit === 'quote' ? intent.amount : null;
  const value = quoteCost ?? amount * price;
  const minCost = market.limits?.cost?.min;
  if (minCost !== undefined && value < minCost) {
    throw new KeywardenError('ORDER_TOO_SMALL', `This order is worth ${value.toPrecision(4)} ${quote}; ${client.name ?? client.id} requires at least ${minCost} ${quote} for ${symbol}.`, { symbol });
  }
  const notionalUsd = value * (await usdPerUnit(client, quote));
  return { symbol, base, quote, amount, price, notionalUsd, quoteCost };
}
