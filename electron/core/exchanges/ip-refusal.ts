/**
 * "IP not allowed" answers (issue 20): Binance's -2015 may end with the address it saw
 * (`{"code":-2015,"msg":"Invalid API-key, IP, or permissions for action, request ip: 203.0.113.10"}`),
 * Bybit's 10010 is "Unmatched IP, please check your API key's bound IP addresses." (older forms carried
 * "request ip: …"). Only an address is read out of ccxt's text, by a strict pattern: the rest of that
 * text can echo the signed request and is never kept.
 */

import { allowListLocation } from '../../shared/key-ip-exposure';

/** The IPv4 or IPv6 address the exchange says the request came from, or null when its answer does not say. */
export function seenIpOf(error: unknown): string | null {
  const text = error instanceof Error ? error.message : '';
  const match = /request ip:\s*([0-9]{1,3}(?:\.[0-9]{1,3}){3}|[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7})(?![0-9a-z.:])/i.exec(text);
  return match?.[1] ?? null;
}

/** What to do about an IP refusal, naming the address when it is known, and where the allow-list is on that exchange. */
export function ipAllowListSteps(provider: string, exchangeName: string, seenIp: string | null): string {
  const where = allowListLocation(provider, exchangeName);
  const address = seenIp === null ? 'this machine\'s public IP address' : seenIp;
  return `Add ${address} to the key's IP allow-list (${where}); or, if your IP changes (a home connection), set a proxy with a fixed IP for this account (Accounts → the key → Connection) and add the proxy's IP instead.`;
}
