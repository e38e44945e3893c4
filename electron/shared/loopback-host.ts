/**
 * Whether an address the webhook listener binds is this computer only. The core asks before
 * binding anything else (the token travels in plain HTTP); the window says "this computer only"
 * and warns about the network by the same rule.
 *
 * This file is the shared pure tier: it imports nothing.
 */

/** True for 127.0.0.0/8 and ::1. */
export function isLoopbackHost(host: string): boolean {
  return host === '::1' || host.startsWith('127.');
}
