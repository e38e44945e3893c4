/**
 * Messages between the webhook bench (the process running Keywarden) and its load process (the
 * world outside: TradingView sending alerts and the exchange receiving orders). Times are
 * milliseconds of the monotonic clock (`monotonicMs`), which both processes share.
 */
import type { TestKey } from '../testing/fake-exchange/keys';

/** The alert fields the load process sends; it adds `time` and a unique `id` at the moment of sending. */
export interface AlertTemplate {
  readonly account: string;
  readonly symbol: string;
  readonly amount: string;
  readonly price: string;
}

export type LoadRequest =
  | { readonly type: 'start-exchange'; readonly key: TestKey }
  /** Alert n goes at `startAt + n / ratePerSecond` (monotonic ms; by default, now). */
  | { readonly type: 'send-alerts'; readonly url: string; readonly template: AlertTemplate; readonly idPrefix: string; readonly count: number; readonly ratePerSecond: number; readonly startAt?: number }
  | { readonly type: 'orders' }
  | { readonly type: 'stop' };

export type LoadReply =
  | { readonly type: 'exchange-started'; readonly url: string }
  | { readonly type: 'alerts-sent'; readonly sentAt: Readonly<Record<string, number>>; readonly refused: number }
  /** Every order the exchange accepted: when it arrived, by client order id, and how many times each id came. */
  | { readonly type: 'orders'; readonly arrivedAt: Readonly<Record<string, number>>; readonly timesPlaced: Readonly<Record<string, number>> }
  | { readonly type: 'failed'; readonly message: string };

/** The monotonic clock in milliseconds: CLOCK_MONOTONIC on Linux, the same for every process on the machine. */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
