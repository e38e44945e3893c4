/**
 * Messages between the webhook benches (the process running Keywarden) and their load processes (the
 * world outside: TradingView sending alerts next to a trader's own script sending orders directly,
 * an attacker flooding the listener, and the exchange receiving orders). Times are milliseconds of
 * the monotonic clock (`monotonicMs`), which every process on the machine shares.
 */
import type { TestKey } from '../testing/fake-exchange/keys';
import type { FakeFaultOptions, FakeLatency } from '../testing/fake-exchange/types';
import type { FloodResult } from '../testing/webhook-flood';

/** The alert fields the load process sends; it adds `time` and a unique `id` at the moment of sending. */
export interface AlertTemplate {
  /** Alert n goes to accounts[n % accounts.length] (one account at 50 alerts/s would pass the exchange's own rate limit). */
  readonly accounts: readonly string[];
  readonly symbol: string;
  readonly amount: string;
  readonly price: string;
}

/** Alert n goes at `startAt + n / ratePerSecond` (monotonic ms; by default, now), and with `direct`, the same order straight to the exchange half a period later. */
export interface SendAlerts {
  readonly type: 'send-alerts';
  readonly url: string;
  readonly template: AlertTemplate;
  readonly idPrefix: string;
  readonly count: number;
  readonly ratePerSecond: number;
  readonly startAt?: number;
  /** The baseline: the same key and exchange, ccxt straight from this process (no Keywarden). */
  readonly direct?: { readonly keys: readonly TestKey[]; readonly exchangeUrl: string; readonly symbol: string };
  /** Alerts in flight at once at most (a load process pacing many alerts must not open unbounded sockets); default unbounded. */
  readonly concurrency?: number;
  /**
   * How the alerts reach the listener. 'kept-alive': over connections the sender keeps open, as the
   * tunnel clients do (cloudflared, ngrok and Tailscale Funnel proxy to the local listener over pooled
   * keep-alive connections), and as the direct baseline's ccxt client does towards the exchange.
   * 'new-per-alert': a TCP connection per alert (a sender reaching the listener with no tunnel). Default 'new-per-alert'.
   */
  readonly connections?: SenderConnections;
}

export type SenderConnections = 'kept-alive' | 'new-per-alert';

export type LoadRequest =
  /** Balances default to plenty of USDT and BTC. */
  | { readonly type: 'start-exchange'; readonly keys: readonly TestKey[]; readonly balances?: Readonly<Record<string, number>> }
  | { readonly type: 'exchange-conditions'; readonly faults: FakeFaultOptions; readonly latency?: FakeLatency }
  | SendAlerts
  | { readonly type: 'flood'; readonly baseUrl: string; readonly concurrency: number; readonly maxMs: number }
  | { readonly type: 'orders' }
  | { readonly type: 'stop' };

export type LoadReply =
  | { readonly type: 'exchange-started'; readonly url: string }
  | { readonly type: 'exchange-conditions-set' }
  /** Per alert id: when it was sent and when its answer came (with its status); per direct client order id: when it was sent. */
  | { readonly type: 'alerts-sent'; readonly sentAt: Readonly<Record<string, number>>; readonly answeredAt: Readonly<Record<string, number>>; readonly directSentAt: Readonly<Record<string, number>>; readonly refused: number; readonly statuses: Readonly<Record<number, number>> }
  | { readonly type: 'flooded'; readonly result: FloodResult }
  /** Every order the exchange accepted: when it arrived, by client order id, and how many times each id came. */
  | { readonly type: 'orders'; readonly arrivedAt: Readonly<Record<string, number>>; readonly timesPlaced: Readonly<Record<string, number>> }
  | { readonly type: 'failed'; readonly message: string };

/** The monotonic clock in milliseconds: CLOCK_MONOTONIC on Linux, the same for every process on the machine. */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Which account alert n goes to, and its side: each account alternates buy and sell (every other order of an account is a reversal, as a strategy's would be). */
export function alertRoute(n: number, accounts: number): { readonly account: number; readonly side: 'buy' | 'sell' } {
  return { account: n % accounts, side: Math.floor(n / accounts) % 2 === 0 ? 'buy' : 'sell' };
}

/** The client order id of the direct (baseline) order sent next to alert `alertId`. */
export function directOrderId(alertId: string): string {
  return `direct-${alertId}`;
}
