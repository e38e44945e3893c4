/**
 * What a key verification finds, as the app, the CLI and the renderer see it. Pure zod: the IPC
 * contract imports this file. Nothing here holds key material.
 */
import { z } from 'zod';
import { CredentialStatus, Environment, KeyPermissions, TradingBlock } from '../credentials/credential-schema';
import { verificationOutcomes } from '../../shared/verification-outcomes';

export const VerificationOutcome = z.enum(verificationOutcomes);
export type VerificationOutcome = z.infer<typeof VerificationOutcome>;

export const VerificationWarning = z.object({
  code: z.enum(['withdraw-enabled', 'permissions-widened', 'no-ip-restriction', 'expiring-soon', 'rotation-due', 'read-only']),
  message: z.string(),
});
export type VerificationWarning = z.infer<typeof VerificationWarning>;

export const VerificationResult = z.object({
  credentialId: z.string(),
  label: z.string(),
  provider: z.string(),
  environment: Environment,
  outcome: VerificationOutcome,
  /** What happened, in plain words. */
  message: z.string(),
  /** What to do about it; null when nothing is needed. */
  action: z.string().nullable(),
  warnings: z.array(VerificationWarning),
  permissions: KeyPermissions.nullable(),
  /** The credential's status after this verification. */
  status: CredentialStatus,
  tradingBlock: TradingBlock.nullable(),
  verifiedAt: z.number(),
  latencyMs: z.number().int(),
});
export type VerificationResult = z.infer<typeof VerificationResult>;

export const VerificationRecord = z.object({
  at: z.number(),
  outcome: VerificationOutcome,
  message: z.string(),
  permissions: KeyPermissions.nullable(),
  latencyMs: z.number().int(),
});
export type VerificationRecord = z.infer<typeof VerificationRecord>;
