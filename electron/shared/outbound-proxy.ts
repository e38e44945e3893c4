/**
 * An exchange account's outbound proxy (issue 20): the URL a person types so the account's requests
 * leave from a fixed IP they control (a small VPS), which the exchange key is then bound to. What
 * such a URL may look like, and the only form it is ever shown in: scheme, host and port, never the
 * user name or password it may carry. The core refuses by it (exchange-kind.ts); the window checks by it.
 *
 * Schemes are what ccxt 4.5.84's built-in fetch reaches through undici's ProxyAgent: http, https and
 * socks5. socks4 is refused by ccxt itself ("not supported by the built-in fetch"), so it is refused here first.
 *
 * This file is the shared pure tier: it imports nothing.
 */

export const proxySchemes = ['http', 'https', 'socks5'] as const;
export type ProxyScheme = (typeof proxySchemes)[number];

export interface ProxyAddress {
  readonly scheme: ProxyScheme;
  readonly host: string;
  readonly port: number;
  /** True when the URL carries a user name (and maybe a password): those are never shown. */
  readonly hasCredentials: boolean;
}

export type ProxyCheck = { readonly ok: true; readonly url: string; readonly address: ProxyAddress } | { readonly ok: false; readonly problem: string };

const defaultPorts: Readonly<Record<ProxyScheme, number>> = { http: 80, https: 443, socks5: 1080 };

/** Checks a typed proxy URL; the problem never repeats the URL (it may hold a password). */
export function checkProxyUrl(typed: string): ProxyCheck {
  const text = typed.trim();
  const refuse = (problem: string): ProxyCheck => ({ ok: false, problem });
  if (text === '') return refuse('The proxy URL is empty.');
  if (text.length > 512) return refuse('The proxy URL is too long (at most 512 characters).');
  if (/\s/.test(text)) return refuse('The proxy URL contains a space or a line break.');
  const scheme = /^([a-z0-9+.-]+):\/\//i.exec(text)?.[1]?.toLowerCase();
  if (scheme === undefined) return refuse('The proxy URL must start with http://, https:// or socks5://.');
  if (scheme === 'socks4' || scheme === 'socks4a') return refuse('socks4 proxies are not supported (the exchange library\'s fetch speaks socks5 only): use a socks5:// URL.');
  if (scheme === 'socks' || scheme === 'socks5h') return refuse(`Write the proxy URL as socks5://… (not ${scheme}://).`);
  if (!(proxySchemes as readonly string[]).includes(scheme)) return refuse(`A proxy URL must start with http://, https:// or socks5:// (not ${scheme.slice(0, 12)}://).`);
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return refuse('The proxy URL cannot be read: write it as scheme://[user:password@]host:port.');
  }
  if (parsed.hostname === '') return refuse('The proxy URL has no host.');
  if ((parsed.pathname !== '' && parsed.pathname !== '/') || parsed.search !== '' || parsed.hash !== '') {
    return refuse('The proxy URL must be only scheme://[user:password@]host:port, with no path, query or fragment.');
  }
  const typedScheme = scheme as ProxyScheme;
  const port = parsed.port === '' ? defaultPorts[typedScheme] : Number(parsed.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return refuse('The proxy URL\'s port must be between 1 and 65535.');
  if (parsed.password !== '' && parsed.username === '') return refuse('The proxy URL has a password but no user name.');
  const address: ProxyAddress = { scheme: typedScheme, host: parsed.hostname, port, hasCredentials: parsed.username !== '' };
  return { ok: true, url: text.replace(/\/$/, ''), address };
}

/** "socks5://203.0.113.7:1080": how a set proxy is shown, named and logged. Never the credentials. */
export function shownProxy(address: ProxyAddress): string {
  return `${address.scheme}://${address.host}:${address.port}${address.hasCredentials ? ' (with a user name and password)' : ''}`;
}

/** The shown form of a stored proxy URL, or null when it cannot be read (never the URL itself). */
export function shownProxyUrl(url: string): string | null {
  const check = checkProxyUrl(url);
  return check.ok ? shownProxy(check.address) : null;
}
