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
  code: z.enum(['key-will-die', 'withdraw-enabled', 'permissions-widened', 'no-ip-restriction', 'expiring-soon', 'rotation-due', 'read-only']),
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
  /** A key that can trade with no IP restriction: deleted (Binance, no date given) or expiring (Bybit, its own date). */
  ipExposure: z.object({ state: z.enum(['will-be-deleted', 'expires']), expiresAt: z.number().nullable(), daysLeft: z.number().int().nullable(), message: z.string() }).nullable(),
  /** When the exchange refused the request's IP and said which IP it saw (not secret). */
  seenIp: z.string().nullable(),
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
