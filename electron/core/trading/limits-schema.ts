/** The shapes of the risk limits overview and of a change to limits. Pure zod: the contract imports this file. */
import { z } from 'zod';
import { CredentialRef } from '../credentials/credential-schema';
import { RiskLimits, RiskUsage } from './trading-schema';

export const LimitsOverview = z.object({
  global: z.object({ limits: RiskLimits, usage: RiskUsage, paperUsage: RiskUsage }),
  accounts: z.array(z.object({ credentialId: z.string(), label: z.string(), provider: z.string(), limits: RiskLimits.nullable(), usage: RiskUsage })),
});
export type LimitsOverview = z.infer<typeof LimitsOverview>;

/**
 * RiskLimits with every field optional and no field defaulted. zod 4's `.partial()` still fills a
 * missing field's default (maxPriceDeviationPct → 10), so a change naming only --max-order would
 * silently reset the price band: a change must change only what it names.
 */
const RiskLimitsChanges = z.object(Object.fromEntries(Object.entries(RiskLimits.shape).map(([name, field]) => [name, (field instanceof z.ZodDefault ? field.removeDefault() : field).optional()])) as {
  [K in keyof typeof RiskLimits.shape]: z.ZodOptional<(typeof RiskLimits.shape)[K] extends z.ZodDefault<infer Inner> ? Inner : (typeof RiskLimits.shape)[K]>;
});

export const LimitsChange = RiskLimitsChanges.extend({
  scope: z.union([z.literal('global'), CredentialRef]).default('global'),
  /** Remove an account's own limits (the global ones still apply). */
  clear: z.boolean().optional(),
}).strict();
export type LimitsChange = z.output<typeof LimitsChange>;
