/**
 * Base-URL overrides for exchanges and AI providers (DESIGN.md "Verification"): the environment
 * variable KEYWARDEN_SERVICE_URLS (or its older name KEYWARDEN_EXCHANGE_URLS, still read) holds a
 * JSON object from provider id to a base URL, e.g. {"binance":"http://127.0.0.1:9001",
 * "openai":"http://127.0.0.1:9002"}. Tests point ccxt and the AI key checks at the offline fake
 * servers with it, and users can route through a local proxy. It is never settable from the UI.
 */
import type { Exchange } from 'ccxt';
import { z } from 'zod';
import { KeywardenError } from '../errors';

export const serviceUrlsVariable = 'KEYWARDEN_SERVICE_URLS';
/** The variable's first name, from when only exchanges had overrides: still read, under the new one. */
export const exchangeUrlsVariable = 'KEYWARDEN_EXCHANGE_URLS';

const exchangeIdSchema = z.string().regex(/^[a-z][a-z0-9-]{1,39}$/);

const overridesSchema = z.record(z.string(), z.string());

/**
 * Parses KEYWARDEN_EXCHANGE_URLS. Unset or blank means no overrides. Each value must be an http(s) URL with
 * nothing after the host and port: the override replaces only the scheme and host of the exchange's URLs.
 * Returns exchange id → origin ("http://127.0.0.1:9001").
 */
/**
 * The overrides a process's environment sets (the desktop app and the CLI read them the same way):
 * KEYWARDEN_EXCHANGE_URLS, then KEYWARDEN_SERVICE_URLS over it where both name a provider.
 */
export function exchangeUrlOverridesFrom(env: Readonly<Record<string, string | undefined>>): Readonly<Record<string, string>> {
  return Object.freeze({ ...parseExchangeUrlOverrides(env[exchangeUrlsVariable], exchangeUrlsVariable), ...parseExchangeUrlOverrides(env[serviceUrlsVariable], serviceUrlsVariable) });
}

export function parseExchangeUrlOverrides(raw: string | undefined, variable: string = exchangeUrlsVariable): Readonly<Record<string, string>> {
  if (raw === undefined || raw.trim() === '') return Object.freeze({});
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw invalid(`${variable} is not valid JSON. Set it to an object such as {"binance":"http://127.0.0.1:9001"}, or unset it.`);
  }
  const parsed = overridesSchema.safeParse(json);
  if (!parsed.success) {
    throw invalid(`${variable} must be a JSON object from exchange id to base URL, such as {"binance":"http://127.0.0.1:9001"}.`);
  }
  const overrides: Record<string, string> = {};
  for (const [exchangeId, value] of Object.entries(parsed.data)) {
    // Names and URLs are not secret, but a URL could carry user:password@, so messages never repeat a URL.
    if (!exchangeIdSchema.safeParse(exchangeId).success) {
      throw invalid(`${variable} has an entry that is not a provider id (lowercase letters, digits and -, like "binance" or "openai").`);
    }
    overrides[exchangeId] = parseBaseUrl(variable, exchangeId, value);
  }
  return Object.freeze(overrides);
}

function parseBaseUrl(variable: string, exchangeId: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(`${variable}: the URL for "${exchangeId}" is not a valid URL. Use a base URL such as http://127.0.0.1:9001.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalid(`${variable}: the URL for "${exchangeId}" must start with http:// or https://.`);
  }
  if (url.username !== '' || url.password !== '') {
    throw invalid(`${variable}: the URL for "${exchangeId}" must not contain a user name or password.`);
  }
  // `new URL` normalises an empty path to '/', so '/' is the only path allowed.
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || /[?#]/.test(value)) {
    throw invalid(
      `${variable}: the URL for "${exchangeId}" must be a bare base URL (scheme, host and port, no path), such as http://127.0.0.1:9001. The exchange's own paths are kept.`,
    );
  }
  return url.origin;
}

function invalid(message: string): KeywardenError {
  return new KeywardenError('CONFIG_INVALID', message);
}

// Scheme and authority of an absolute URL; the host may still hold a ccxt template such as api.{hostname}.
const originPattern = /^([a-z][a-z0-9+.-]*):\/\/[^/?#]*/i;

/**
 * Points a ccxt exchange at another server: replaces the scheme and host (and port) of every URL in
 * `exchange.urls.api`, flat or nested, keeping each path. Binance's `public` https://api.binance.com/api/v3
 * becomes http://127.0.0.1:9001/api/v3. Bybit's URLs are templates (`https://api.{hostname}`, filled in by
 * implodeHostname() at sign time); replacing the whole origin removes the template, so the hostname option
 * no longer matters. WebSocket URLs get the matching ws:// or wss:// scheme, so no URL is left pointing at
 * the real exchange.
 */
export function applyUrlOverride(exchange: Exchange, baseUrl: string): void {
  const base = new URL(baseUrl);
  const httpOrigin = base.origin;
  const wsOrigin = `${base.protocol === 'https:' ? 'wss' : 'ws'}://${base.host}`;
  const rewrite = (url: string): string =>
    url.replace(originPattern, (_match, scheme: string) => (/^wss?$/i.test(scheme) ? wsOrigin : httpOrigin));
  exchange.urls.api = rewriteUrls(exchange.urls.api, rewrite) as typeof exchange.urls.api;
}

function rewriteUrls(value: unknown, rewrite: (url: string) => string): unknown {
  if (typeof value === 'string') return originPattern.test(value) ? rewrite(value) : value;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, rewriteUrls(entry, rewrite)]));
  }
  return value;
}
