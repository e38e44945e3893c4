/**
 * The shapes of credentials as the rest of the app sees them. Pure zod, no Node imports: the IPC
 * contract (and so the renderer) imports this file. Nothing here can hold a secret value except the
 * `fields` map of the create/rotate inputs, which only ever flows inward.
 */
import { z } from 'zod';

export const credentialFieldNames = ['apiKey', 'secret', 'password', 'uid', 'accountId', 'login', 'twofa', 'privateKey', 'walletAddress', 'token'] as const;
export const CredentialFieldName = z.enum(credentialFieldNames);
export type CredentialFieldName = z.infer<typeof CredentialFieldName>;

/** The words users see on the exchange's own key page. */
export const fieldLabels: Readonly<Record<CredentialFieldName, string>> = {
  apiKey: 'API key',
  secret: 'API secret',
  password: 'API passphrase',
  uid: 'user ID',
  accountId: 'account ID',
  login: 'login',
  twofa: '2FA secret',
  privateKey: 'private key',
  walletAddress: 'wallet address',
  token: 'token',
};

export const Environment = z.enum(['live', 'testnet']);
export type Environment = z.infer<typeof Environment>;

export const CredentialStatus = z.enum(['unverified', 'active', 'invalid', 'expired', 'revoked', 'disabled']);
export type CredentialStatus = z.infer<typeof CredentialStatus>;

export const SigningKind = z.enum(['hmac', 'ed25519', 'rsa', 'other']);
export type SigningKind = z.infer<typeof SigningKind>;

export const CredentialId = z.string().regex(/^[a-z0-9]{10}$/, 'must be a credential id (10 letters and digits)');

export const CredentialLabel = z
  .string()
  .transform((label) => label.trim().replace(/\s+/g, ' '))
  .pipe(z.string().min(1, 'must not be empty').max(64, 'must be at most 64 characters').regex(/^[^\p{Cc}\p{Cf}]+$/u, 'must not contain control or invisible characters'));

/** Exchange ids are ccxt's: lower-case letters and digits. */
export const ProviderId = z.string().trim().toLowerCase().regex(/^[a-z0-9]{2,40}$/, 'must be an exchange id such as binance or bybit');

/** A credential as listed and shown: metadata, a masked preview and a fingerprint. Never a secret. */
export const CredentialInfo = z.object({
  id: CredentialId,
  kind: z.literal('exchange'),
  provider: z.string(),
  label: z.string(),
  environment: Environment,
  isPrimary: z.boolean(),
  status: CredentialStatus,
  fields: z.array(CredentialFieldName),
  signingKind: SigningKind,
  preview: z.string(),
  fingerprint: z.string(),
  permissions: z.record(z.string(), z.unknown()).nullable(),
  lastVerifiedAt: z.number().nullable(),
  lastUsedAt: z.number().nullable(),
  useCount: z.number().int(),
  expiresAt: z.number().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  rotatedAt: z.number().nullable(),
});
export type CredentialInfo = z.infer<typeof CredentialInfo>;

/** Secret field values; bounded so a pasted file cannot bloat the database. */
export const CredentialFieldValues = z.record(z.string().max(64), z.unknown()).refine((fields) => Object.keys(fields).length <= 12, 'has too many fields');

export const CreateCredentialInput = z.object({
  provider: ProviderId,
  label: CredentialLabel,
  environment: Environment.default('live'),
  isPrimary: z.boolean().optional(),
  fields: CredentialFieldValues,
});
export type CreateCredentialInput = z.input<typeof CreateCredentialInput>;

export const CredentialRef = z.string().trim().min(1, 'must name a credential by id or label').max(64);

export const UpdateCredentialInput = z.object({
  ref: CredentialRef,
  label: CredentialLabel.optional(),
  environment: Environment.optional(),
  isPrimary: z.boolean().optional(),
});
export type UpdateCredentialInput = z.input<typeof UpdateCredentialInput>;
