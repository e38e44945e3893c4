/**
 * Reading ccxt errors without trusting their text: the exchange's own error code, and the ccxt
 * error classes the error belongs to (NetworkError, AuthenticationError, ...). ccxt's message itself
 * is never shown to users: it can carry the signed request (Bybit's 10004 echoes it, API key included).
 */

/** The exchange error code inside a ccxt error message (`binance {"code":-2015,…}`, `bybit {"retCode":10003,…}`). */
export function exchangeErrorCode(error: unknown): string | null {
  const text = error instanceof Error ? error.message : '';
  const match = /"(?:code|retCode|ret_code)"\s*:\s*"?(-?\d+)/.exec(text);
  return match?.[1] ?? null;
}

/** The names of the error's class and its ancestors, e.g. "RequestTimeout>NetworkError>…>Error". */
export function ccxtErrorFamily(error: unknown): string {
  const names: string[] = [];
  for (let proto = error && typeof error === 'object' ? Object.getPrototypeOf(error) : null; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    const name = (proto as { constructor?: { name?: string } }).constructor?.name;
    if (name) names.push(name);
  }
  return names.join('>');
}
