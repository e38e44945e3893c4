/**
 * The market price an order is sized and checked against: the exchange's ticker, at most
 * QUOTE_POLICY.maxAgeMs old (recent-reading.ts), shared by every key on that exchange. A price a
 * second old is well inside the price band's tolerance, and a burst of alerts then costs the exchange a
 * few tickers a second instead of one an order.
 */
import type { Exchange } from 'ccxt';
import type { Clock } from '../clock';
import { fetchMarketQuote, type MarketQuote } from './order-sizing';
import { PerClient, RecentReading, type ReadingPolicy } from './recent-reading';

/** A price is used for 1 s after it was asked, and asked again in the background after 0.25 s. */
export const QUOTE_POLICY: ReadingPolicy = { maxAgeMs: 1000, refreshAfterMs: 250 };

export class RecentQuotes {
  readonly #clock: Clock;
  readonly #policy: ReadingPolicy;
  readonly #quotes = new PerClient<RecentReading<MarketQuote>>();

  constructor(clock: Clock, policy: ReadingPolicy = QUOTE_POLICY) {
    this.#clock = clock;
    this.#policy = policy;
  }

  async quote(client: Exchange, symbol: string): Promise<MarketQuote> {
    const reading = this.#quotes.of(client, symbol, () => new RecentReading(() => fetchMarketQuote(client, symbol), this.#clock, this.#policy));
    return (await reading.current()).value;
  }
}
