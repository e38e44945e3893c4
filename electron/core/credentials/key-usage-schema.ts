/**
 * The usage report (issue 17): how much each key was used, by what, how often it failed, the AI
 * tokens and cost the providers reported, and which keys nobody has used for a while. Pure zod: the
 * contract imports it. No key material.
 */
import { z } from 'zod';
import { CredentialKindId, CredentialStatus } from './credential-schema';

export const UsageReportInput = z.strictObject({
  /** The period the counts cover, in days up to now. */
  days: z.number().int().min(1, 'must be at least 1 (day)').max(3650, 'must be at most 3650 (ten years)').default(30),
  /** A key with no successful use for this many days (and older than that) is listed as unused. */
  unusedDays: z.number().int().min(1, 'must be at least 1 (day)').max(3650, 'must be at most 3650 (ten years)').default(30),
});
export type UsageReportInput = z.input<typeof UsageReportInput>;

const UseCounts = z.object({ ok: z.number().int(), failed: z.number().int() });

export const KeyUsageLine = z.object({
  id: z.string(),
  label: z.string(),
  kind: CredentialKindId,
  provider: z.string(),
  status: CredentialStatus,
  /** In the period, by what used the key. */
  verification: UseCounts,
  release: UseCounts,
  order: UseCounts,
  gateway: UseCounts,
  tokensIn: z.number().int(),
  tokensOut: z.number().int(),
  /** US dollars, from the gateway's price table; null when no call in the period had a price. */
  costUsd: z.number().nullable(),
  /** The last successful use, ever; null when never. */
  lastUsedAt: z.number().nullable(),
});
export type KeyUsageLine = z.infer<typeof KeyUsageLine>;

export const UsageReport = z.object({
  since: z.number(),
  days: z.number().int(),
  unusedDays: z.number().int(),
  keys: z.array(KeyUsageLine),
  /** Keys (not revoked) with no successful use in `unusedDays` days, created before then: candidates to revoke. */
  unused: z.array(z.object({ id: z.string(), label: z.string(), provider: z.string(), lastUsedAt: z.number().nullable(), createdAt: z.number() })),
});
export type UsageReport = z.infer<typeof UsageReport>;
