/**
 * One bounded HTTP call to a Polymarket service (CLOB, gamma, data-api): a deadline (default 10 s)
 * and the caller's AbortSignal, redirects refused (fetch would carry the auth headers along), an
 * answer read up to 4 MiB. Transport trouble and 5xx become SERVICE_UNREACHABLE and the geoblock
 * 403 REGION_BLOCKED; every other answer is returned for the caller to read. Messages name the
 * service and host only, never a URL, a header or a body.
 */
import { boundedFetch, parsedBody } from '../http/bounded-fetch';
import { KeywardenError } from '../errors';
import { POLYMARKET_HOSTS, type PolymarketBaseUrls, type PolymarketService } from './polymarket-contracts';

export interface PolymarketHttpOptions {
  readonly fetch?: typeof fetch;
  /** Default 10 s for the whole call, answer included. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Scheme and host per service (tests, proxies); Polymarket's own by default. */
  readonly baseUrls?: Partial<PolymarketBaseUrls>;
}

export interface HttpCall {
  readonly service: PolymarketService;
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface HttpAnswer {
  readonly status: number;
  /** Parsed JSON, or the text when it is not JSON. */
  readonly body: unknown;
}

const DEFAULT_TIMEOUT_MS = 10_000;
export const MAX_ANSWER_BYTES = 4 * 1024 * 1024;
const SERVICE_NAMES: Readonly<Record<PolymarketService, string>> = { clob: 'Polymarket CLOB', gamma: 'Polymarket market list (gamma)', data: 'Polymarket data API' };

export async function polymarketRequest(options: PolymarketHttpOptions, call: HttpCall): Promise<HttpAnswer> {
  const base = (options.baseUrls?.[call.service] ?? POLYMARKET_HOSTS[call.service]).replace(/\/+$/, '');
  const url = new URL(`${base}${call.path}`);
  for (const [name, value] of Object.entries(call.query ?? {})) if (value !== undefined) url.searchParams.set(name, `${value}`);
  const where = `${SERVICE_NAMES[call.service]} (${url.host})`;
  const answer = await boundedFetch(url, {
    method: call.method,
    headers: { Accept: 'application/json', ...(call.body === undefined ? {} : { 'Content-Type': 'application/json' }), ...call.headers },
    ...(call.body === undefined ? {} : { body: call.body }),
  }, { fetch: options.fetch, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, signal: options.signal, maxBytes: MAX_ANSWER_BYTES });
  if (answer.kind === 'failed') throw unreachable(where, answer.reason);
  if (answer.kind === 'too-large') throw unreachable(where, 'its answer was larger than 4 MiB');
  const body = parsedBody(answer.text);
  if (answer.status >= 500) throw unreachable(where, `answered ${answer.status}`, answer.status);
  if (answer.status === 403 && isGeoblock(body)) {
    throw new KeywardenError('REGION_BLOCKED', `${where} refuses this computer's region (geoblock). Polymarket does not accept orders from here.`, { httpStatus: 403 });
  }
  return { status: answer.status, body };
}

function unreachable(where: string, reason: string, httpStatus?: number): KeywardenError {
  return new KeywardenError('SERVICE_UNREACHABLE', `${where} could not be reached: ${reason}. Nothing was changed; try again later.`, {
    reason,
    ...(httpStatus === undefined ? {} : { httpStatus }),
  });
}

/**
 * The CLOB's own refusal ({"error":"Trading restricted in your region, …"}) or Cloudflare's block page
 * ("Sorry, you have been blocked"), both seen as 403 answers (Polymarket/py-clob-client issues 101, 152).
 */
function isGeoblock(body: unknown): boolean {
  const text = typeof body === 'string' ? body : typeof (body as { error?: unknown } | null)?.error === 'string' ? (body as { error: string }).error : '';
  return /restricted in your region|geoblock|you have been blocked|cloudflare/i.test(text);
}
