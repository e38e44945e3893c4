/** The shapes of the risk limits overview and of a change to limits. Pure zod: the contract imports this file. */
import { z } from 'zod';
import { CredentialRef } from '../credentials/credential-schema';
import { RiskLimits, RiskUsage } from './trading-schema';

export const LimitsOverview = z.object({
  global: z.object({ limits: RiskLimits, usage: RiskUsage, paperUsage: RiskUsage }),
  accounts: z.array(z.object({ credentialId: z.string(), label: z.string(), provider: z.string(), limits: RiskLimits.nullable(), usage: RiskUsage })),
});
export type LimitsOverview = z.infer<typeof LimitsOverview>;

export const LimitsChange = RiskLimits.partial().extend({
  scope: z.union([z.literal('global'), CredentialRef]).default('global'),
  /** Remove an account's own limits (the global ones still apply). */
  clear: z.boolean().optional(),
}).strict();
export type LimitsChange = z.output<typeof LimitsChange>;
