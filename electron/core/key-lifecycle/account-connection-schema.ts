/** What the window and the CLI learn about an exchange account's connection (issue 20). Pure zod: the contract imports it. Never a proxy password. */
import { z } from 'zod';
import { VerificationOutcome } from './verification-schema';

export const AccountConnection = z.object({
  credentialId: z.string(),
  /** "socks5://203.0.113.7:1080": scheme, host and port only; null when the account connects directly. */
  proxy: z.string().nullable(),
  /** The IPs the key is bound to, as its exchange listed them at the last check (public). */
  boundIps: z.array(z.string()),
});
export type AccountConnection = z.infer<typeof AccountConnection>;

export const ProxyTestResult = z.object({
  credentialId: z.string(),
  proxy: z.string().nullable(),
  /** Whether a connection to the proxy opened; null without a proxy. */
  proxyAnswers: z.boolean().nullable(),
  /** Whether the exchange answered the signed calls (whatever it said about the key). */
  exchangeReached: z.boolean(),
  outcome: VerificationOutcome,
  /** The address the exchange saw, when it said (Binance names it when it refuses an IP). */
  seenIp: z.string().nullable(),
  message: z.string(),
});
export type ProxyTestResult = z.infer<typeof ProxyTestResult>;
