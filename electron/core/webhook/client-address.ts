/**
 * Who sent a request. Behind a reverse proxy every request comes from the proxy, so the client's
 * address is read from X-Forwarded-For, but only when the socket peer IS the configured trusted
 * proxy (anyone can send that header). Of its addresses the right-most one is used: it is the one
 * the trusted proxy appended for the peer it saw; entries to its left were sent by the client and
 * can say anything (nginx's $proxy_add_x_forwarded_for keeps them).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';
import { isLoopbackHost } from '../../shared/loopback-host';
import type { TunnelTool } from './tunnels/tunnel-schema';
import { tunnelTools } from './tunnels/tunnel-tools';

/** '::ffff:1.2.3.4' (IPv4 on a dual-stack socket) → '1.2.3.4'. */
export function normaliseAddress(address: string): string {
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(trimmed);
  return (mapped?.[1] ?? trimmed).toLowerCase();
}

export function clientAddress(peer: string | undefined, forwardedFor: string | readonly string[] | undefined, trustedProxy: string | null): string {
  const socketAddress = normaliseAddress(peer ?? '');
  if (!trustedProxy || socketAddress !== normaliseAddress(trustedProxy) || forwardedFor === undefined) return socketAddress || 'unknown';
  return lastForwarded(forwardedFor) ?? socketAddress;
}

/**
 * Behind a tunnel Keywarden runs, the sender is read from that tunnel's own header (cloudflared:
 * CF-Connecting-IP; ngrok and Tailscale Funnel: the X-Forwarded-For entry they append), and only
 * when the peer is loopback (where the tunnel client connects from) AND that tunnel is running:
 * otherwise anyone could name any address in a header. Without a running tunnel: clientAddress.
 */
export function senderAddress(peer: string | undefined, headers: IncomingHttpHeaders, trustedProxy: string | null, tunnel: TunnelTool | null): string {
  const socketAddress = normaliseAddress(peer ?? '');
  if (tunnel === null || !isLoopbackHost(socketAddress)) return clientAddress(peer, headers['x-forwarded-for'], trustedProxy);
  const header = headers[tunnelTools[tunnel].senderHeader];
  if (header === undefined) return socketAddress;
  return lastForwarded(header) ?? socketAddress;
}

function lastForwarded(forwardedFor: string | readonly string[]): string | undefined {
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor as string);
  const entries = header.split(',').map((entry) => normaliseAddress(entry)).filter(Boolean);
  const last = entries[entries.length - 1];
  return last !== undefined && isIP(last) ? last : undefined;
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
