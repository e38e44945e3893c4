/**
 * Hand-built signed requests to a fake exchange, without ccxt: for tests that need a request ccxt would never
 * send (a wrong signature, a stale timestamp, a missing header) and for probing the fake by hand.
 */
import { bybitSignaturePayload, signBinancePayload, signBybitPayload } from './signing';

export interface RawResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The parsed JSON body, or undefined when the body is not JSON. */
  readonly json: unknown;
}

export interface SigningKey {
  apiKey: string;
  secret: string;
}

export interface BinanceRequestOptions {
  method?: 'GET' | 'POST' | 'DELETE';
  path: string;
  params?: Readonly<Record<string, string>>;
  /** Sign with this key; omit for a public request. */
  key?: SigningKey;
  /** Overrides the X-MBX-APIKEY header (e.g. a malformed one); null sends none. */
  apiKeyHeader?: string | null;
  timestamp?: number;
  recvWindow?: number;
  /** Replaces the computed signature (before URL encoding). */
  signature?: string;
}

/** Sends a Binance request signed the way ccxt signs it: parameters in the query (GET/DELETE) or form body (POST). */
export async function sendBinanceRequest(baseUrl: string, options: BinanceRequestOptions): Promise<RawResponse> {
  const method = options.method ?? 'GET';
  const params = new URLSearchParams(options.params);
  const headers: Record<string, string> = {};
  if (options.key !== undefined) {
    params.set('timestamp', String(options.timestamp ?? Date.now()));
    if (options.recvWindow !== undefined) params.set('recvWindow', String(options.recvWindow));
    const unsigned = params.toString();
    const signature = options.signature ?? signBinancePayload(unsigned, options.key.secret);
    params.set('signature', signature);
    headers['X-MBX-APIKEY'] = options.key.apiKey;
  }
  if (options.apiKeyHeader === null) delete headers['X-MBX-APIKEY'];
  else if (options.apiKeyHeader !== undefined) headers['X-MBX-APIKEY'] = options.apiKeyHeader;

  // The base64 of an Ed25519/RSA signature travels percent-encoded ('+' → %2B, '/' → %2F, '=' → %3D), as ccxt sends it.
  const encoded = params.toString();
  let url = baseUrl + options.path;
  let body: string | undefined;
  if (method === 'POST') {
    body = encoded;
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
  } else if (encoded !== '') {
    url += `?${encoded}`;
  }
  return send(url, { method, headers, ...(body !== undefined ? { body } : {}) });
}

export interface BybitRequestOptions {
  method?: 'GET' | 'POST';
  path: string;
  params?: Readonly<Record<string, string>>;
  key?: SigningKey;
  /** Overrides the X-BAPI-API-KEY header; null sends none. */
  apiKeyHeader?: string | null;
  timestamp?: number;
  recvWindow?: number;
  signature?: string;
}

/** Sends a Bybit v5 request signed the way ccxt signs it: raw query for GET, JSON body for POST, X-BAPI-* headers. */
export async function sendBybitRequest(baseUrl: string, options: BybitRequestOptions): Promise<RawResponse> {
  const method = options.method ?? 'GET';
  const params = options.params ?? {};
  // ccxt's rawencode: key=value pairs, not percent-encoded.
  const query = Object.entries(params)
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  const body = method === 'POST' ? JSON.stringify(params) : undefined;
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (options.key !== undefined) {
    const timestamp = String(options.timestamp ?? Date.now());
    const recvWindow = String(options.recvWindow ?? 5000);
    const payload = bybitSignaturePayload({ timestamp, apiKey: options.key.apiKey, recvWindow, payload: method === 'POST' ? (body ?? '') : query });
    headers['X-BAPI-API-KEY'] = options.key.apiKey;
    headers['X-BAPI-TIMESTAMP'] = timestamp;
    headers['X-BAPI-RECV-WINDOW'] = recvWindow;
    headers['X-BAPI-SIGN'] = options.signature ?? signBybitPayload(payload, options.key.secret);
  }
  if (options.apiKeyHeader === null) delete headers['X-BAPI-API-KEY'];
  else if (options.apiKeyHeader !== undefined) headers['X-BAPI-API-KEY'] = options.apiKeyHeader;
  const url = baseUrl + options.path + (method === 'GET' && query !== '' ? `?${query}` : '');
  return send(url, { method, headers, ...(body !== undefined ? { body } : {}) });
}

async function send(url: string, init: RequestInit): Promise<RawResponse> {
  const response = await fetch(url, init);
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}
