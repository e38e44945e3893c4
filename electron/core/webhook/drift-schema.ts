/**
 * Position drift as the contract, the CLI and the window see it (position-drift.ts). Amounts are in
 * the market's base coin; `difference` is actual − expected (above 0: more than the strategy says,
 * as after a doubled alert; below 0: less, as after a lost one).
 */
import { z } from 'zod';

export const DriftInfo = z.object({
  id: z.string(),
  sourceId: z.string(),
  sourceLabel: z.string(),
  accountId: z.string(),
  accountLabel: z.string(),
  symbol: z.string(),
  base: z.string(),
  expected: z.number(),
  actual: z.number(),
  difference: z.number(),
  detectedAt: z.number().int(),
  webhookEventId: z.number().int().nullable(),
  status: z.enum(['open', 'dismissed', 'fixed']),
  orderId: z.string().nullable(),
});
export type DriftInfo = z.infer<typeof DriftInfo>;

export const DriftId = z.string().trim().min(1).max(32);
