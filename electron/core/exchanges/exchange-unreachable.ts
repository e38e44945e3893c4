/**
 * An exchange that could not be reached: no connection, no answer in time, or an answer that the
 * exchange itself is unavailable (HTTP 5xx, maintenance). Such a failure says nothing about the
 * key or the order, so wherever a person reads it, it has one shape:
 * "<Exchange> could not be reached (<why>); <what that means for what they were doing>".
 *
 * ccxt files more under NetworkError than this, and those keep their own meaning (EXCHANGE-FACTS.md):
 * InvalidNonce is a clock that is off; DDoSProtection and RateLimitExceeded are rate limits, and a
 * Binance -2015 after a successful call surfaces as DDoSProtection. ccxt also maps several 4xx
 * answers (400, 403, 404, 451 …) to ExchangeNotAvailable: the exchange answered and refused, so
 * those are not "could not be reached" either. ccxt's text is only read, never shown: it holds the
 * signed URL.
 */
import { KeywardenError } from '../errors';
import { ccxtErrorFamily } from './ccxt-error';

export interface Unreachability {
  /** Short and plain, for the parentheses: "timed out after 10 s", "connection refused", "answered 503". */
  readonly reason: string;
  /**
   * True only when no connection was ever opened (refused, address not found, connect timeout), so
   * the request cannot have reached the exchange. A timeout, a dropped connection or a 5xx may come
   * after the exchange received the request: Binance documents a 503 as "execution status unknown".
   */
  readonly neverSent: boolean;
}

/** The usual ends of the message, by what the person was doing. */
export const unreachableConsequence = {
  nothingSent: 'nothing was sent',
  keyNotSaved: 'the key was not saved',
  statusUnchanged: "the key's status is unchanged",
} as const;

/** Failures of the connection itself, read from the transport error ccxt wraps (undici's or Node's). */
const CONNECTION_FAILURES: readonly { readonly pattern: RegExp; readonly reason: string; readonly neverSent: boolean }[] = [
  { pattern: /\bECONNREFUSED\b/, reason: 'connection refused', neverSent: true },
  { pattern: /\b(?:ENOTFOUND|EAI_AGAIN)\b/, reason: 'address not found', neverSent: true },
  { pattern: /\bUND_ERR_CONNECT_TIMEOUT\b|Connect Timeout Error/, reason: 'connection timed out', neverSent: true },
  { pattern: /\bECONNRESET\b|\bEPIPE\b|other side closed|socket hang up|\bUND_ERR_SOCKET\b/, reason: 'connection dropped', neverSent: false },
  { pattern: /\bETIMEDOUT\b|\bUND_ERR_(?:HEADERS|BODY)_TIMEOUT\b/, reason: 'timed out', neverSent: false },
  { pattern: /redirect to .* was not followed/, reason: 'redirected elsewhere', neverSent: false },
];

/** Why the exchange could not be reached, or null when the error is anything else (the exchange answered). */
export function unreachability(error: unknown): Unreachability | null {
  const family = ccxtErrorFamily(error).split('>');
  const text = error instanceof Error ? error.message : '';
  const status = httpStatus(text);
  if (family.includes('RequestTimeout')) {
    // ccxt's own timer ("request timed out (10000 ms)"), or a 408 / 504 answer.
    if (status !== null) return { reason: `answered ${status}`, neverSent: false };
    const waited = /request timed out \((\d+) ms\)/.exec(text)?.[1];
    return { reason: waited === undefined ? 'timed out' : `timed out after ${formatDuration(Number(waited))}`, neverSent: false };
  }
  if (family.includes('OnMaintenance')) return { reason: 'under maintenance', neverSent: false };
  if (family.includes('ExchangeNotAvailable')) {
    if (status === null) return { reason: 'unavailable', neverSent: false };
    return status >= 500 ? { reason: `answered ${status}`, neverSent: false } : null;
  }
  // Only NetworkError itself: its subclasses (InvalidNonce, DDoSProtection, RateLimitExceeded) mean something else.
  if (family[0] !== 'NetworkError') return null;
  const known = CONNECTION_FAILURES.find((failure) => failure.pattern.test(text));
  return known ? { reason: known.reason, neverSent: known.neverSent } : { reason: 'network error', neverSent: false };
}

/** Whether the error means the exchange could not be reached (see `unreachability`). */
export function isUnreachable(error: unknown): boolean {
  return unreachability(error) !== null;
}

/** "Binance could not be reached (connection refused); nothing was sent." */
export function unreachableMessage(exchangeName: string, reason: string, consequence: string): string {
  const sentence = `${exchangeName} could not be reached (${reason}); ${consequence}`;
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/**
 * The EXCHANGE_UNREACHABLE error for a failed call to an exchange. `exchangeName` is the name people
 * know (ccxt's `client.name`, or `exchangeDisplayName`), never the ccxt id; `consequence` says what
 * it meant for what the person was doing (`unreachableConsequence`, or a sentence of the caller's).
 */
export function exchangeUnreachable(exchangeName: string, error: unknown, consequence: string): KeywardenError {
  const reason = unreachability(error)?.reason ?? 'network error';
  return new KeywardenError('EXCHANGE_UNREACHABLE', unreachableMessage(exchangeName, reason, consequence), { exchange: exchangeName, reason });
}

/**
 * Runs one call to an exchange; if the exchange cannot be reached, throws EXCHANGE_UNREACHABLE with
 * the given consequence instead of ccxt's error. Other errors pass through unchanged.
 */
export async function reachExchange<T>(exchangeName: string, consequence: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isUnreachable(error)) throw exchangeUnreachable(exchangeName, error, consequence);
    throw error;
  }
}

/** ccxt's HTTP error text is "<id> <METHOD> <url> <status> <reason> <body>"; the URL has no spaces. */
function httpStatus(text: string): number | null {
  const status = /^\S+ (?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS) \S+ (\d{3})(?:\s|$)/.exec(text)?.[1];
  return status === undefined ? null : Number(status);
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}
