/**
 * The client order id sent with every order, derived from its idempotency key, so the same intent
 * always carries the same id: after a crash the order is found by it instead of being placed again.
 * Fits Binance (newClientOrderId, ^[.A-Z:/a-z0-9_-]{1,36}$) and Bybit (orderLinkId, up to 36).
 */
import { createHash } from 'node:crypto';

export function clientOrderIdFor(idempotencyKey: string): string {
  return `kw-${createHash('sha256').update(idempotencyKey).digest('base64url').replace(/[^A-Za-z0-9]/g, '').slice(0, 28)}`;
}
