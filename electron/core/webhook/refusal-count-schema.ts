/**
 * Refusals that are counted instead of stored one row each (webhook-event-log.ts): requests without
 * a valid token, and every rate-limited one. Pure zod: the IPC contract imports this file.
 */
import { z } from 'zod';
import { WebhookOutcome } from './webhook-schema';

export const WebhookRefusalCount = z.object({
  /** What the listener answered them with (unauthorized, not-found, rate-limited, …). */
  reason: WebhookOutcome,
  /** The client address (the trusted proxy's forwarded one); null for "other addresses" once an hour had too many to list. */
  remoteAddress: z.string().nullable(),
  count: z.number().int(),
  /** When the last of them arrived. */
  lastAt: z.number(),
});
export type WebhookRefusalCount = z.infer<typeof WebhookRefusalCount>;

export const RefusalCountsQuery = z.strictObject({
  /** How far back: the last hour by default. */
  hours: z.number().int().min(1).max(24 * 30).default(1),
});
