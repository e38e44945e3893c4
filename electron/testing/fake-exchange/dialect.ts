/**
 * The seam between the transport (server.ts: sockets, latency, faults, rate limit, recording) and an
 * exchange's rules (binance.ts, bybit.ts: routes, authentication, JSON shapes, error codes).
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { KeyStore } from './keys';
import type { Ledger } from './ledger';
import type { MarketBook } from './market-data';
import type { FuturesLedger } from './futures-ledger';

export interface DialectRequest {
  readonly method: string;
  readonly path: string;
  /** Query string exactly as sent, without the leading '?'. */
  readonly rawQuery: string;
  readonly rawBody: string;
  readonly headers: IncomingHttpHeaders;
  readonly remoteAddress: string | undefined;
}

/** What the recorder learns about a request without judging it. */
export interface RequestFacts {
  readonly private: boolean;
  readonly apiKey: string | undefined;
  readonly params: Readonly<Record<string, string>>;
}

export interface DialectResponse {
  readonly status: number;
  /** Serialised as JSON, or sent as text/plain when a string. */
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly authenticated: boolean;
  readonly errorCode: number | undefined;
}

export interface DialectContext {
  readonly keys: KeyStore;
  readonly ledger: Ledger;
  readonly markets: MarketBook;
  /** The exchange's clock (real time plus the configured skew). */
  readonly now: () => number;
  /** The perpetual-futures book and each account's futures wallet (USDT), for the dialects that serve futures. */
  readonly futures?: { readonly ledger: FuturesLedger; readonly walletOf: (apiKey: string) => number };
}

export interface ExchangeDialect {
  inspect(request: DialectRequest): RequestFacts;
  handle(request: DialectRequest): DialectResponse;
  /** The answer the exchange gives a caller over its rate limit. */
  rateLimited(request: DialectRequest, limitPerSecond: number): DialectResponse;
  /** The answer of the exchange's front door when the service behind it is down. */
  unavailable(): DialectResponse;
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Parses `a=1&b=2` without form semantics: Bybit signs and sends its GET queries unencoded. */
export function parseRawParams(raw: string): Record<string, string> {
  const params: Record<string, string> = {};
  if (raw === '') return params;
  for (const pair of raw.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = eq === -1 ? pair : pair.slice(0, eq);
    const value = eq === -1 ? '' : pair.slice(eq + 1);
    params[safeDecode(key)] = safeDecode(value);
  }
  return params;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
