/**
 * Who sent a request. Behind a reverse proxy every request comes from the proxy, so the client's
 * address is read from X-Forwarded-For, but only when the socket peer IS the configured trusted
 * proxy (anyone can send that header). Of its addresses the right-most one is used: it is the one
 * the trusted proxy appended for the peer it saw; entries to its left were sent by the client and
 * can say anything (nginx's $proxy_add_x_forwarded_for keeps them).
 */
import { isIP } from 'node:net';

/** '::ffff:1.2.3.4' (IPv4 on a dual-stack socket) → '1.2.3.4'. */
export function normaliseAddress(address: string): string {
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(trimmed);
  return (mapped?.[1] ?? trimmed).toLowerCase();
}

export function clientAddress(peer: string | undefined, forwardedFor: string | readonly string[] | undefined, trustedProxy: string | null): string {
  const socketAddress = normaliseAddress(peer ?? '');
  if (!trustedProxy || socketAddress !== normaliseAddress(trustedProxy) || forwardedFor === undefined) return socketAddress || 'unknown';
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor as string);
  const entries = header.split(',').map((entry) => normaliseAddress(entry)).filter(Boolean);
  const last = entries[entries.length - 1];
  return last !== undefined && isIP(last) ? last : socketAddress;
}

/**
 * The key failures are counted under: the address itself for IPv4, the /64 network for IPv6 (one
 * machine usually owns a whole /64 and could otherwise switch addresses for a fresh allowance), and
 * one key for all of loopback (behind a tunnel every request is loopback: one shared budget).
 */
export function failureKey(address: string): string {
  if (address === '::1' || address.startsWith('127.')) return 'loopback';
  if (isIP(address) !== 6) return `ip:${address}`;
  const [head = ''] = address.split('::');
  const groups = address.includes('::') ? head.split(':').filter(Boolean) : address.split(':');
  return `ip6:${groups.slice(0, 4).join(':')}::/64`;
}
