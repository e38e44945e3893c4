/**
 * The shapes of credentials as the rest of the app sees them. Pure zod, no Node imports: the IPC
 * contract (and so the renderer) imports this file. Nothing here can hold a secret value except the
 * `fields` map of the create/rotate inputs, which only ever flows inward.
 */
import { KEY_LABEL_MAX, tidyKeyLabel } from '../../shared/key-label';
import { z } from 'zod';
import { credentialFieldNames, fieldLabels } from '../../shared/credential-field-labels';

// The field names and the words for them are the shared pure tier's: the window uses them too.
export { credentialFieldNames, fieldLabels };
export const CredentialFieldName = z.enum(credentialFieldNames);
export type CredentialFieldName = z.infer<typeof CredentialFieldName>;

/** The families of keys (DESIGN.md "Credentials"); each has its rules in kinds/: exchange keys, AI provider keys, bot wallets, Polymarket accounts. */
export const CredentialKindId = z.enum(['exchange', 'ai', 'wallet', 'polymarket']);
export type CredentialKindId = z.infer<typeof CredentialKindId>;

/** What used a key (key_uses): a check, a release to a program, an order, a call through the AI gateway. */
export const keyUseSources = ['verification', 'release', 'order', 'gateway'] as const;
export const KeyUseSource = z.enum(keyUseSources);
export type KeyUseSource = z.infer<typeof KeyUseSource>;

export const Environment = z.enum(['live', 'testnet']);
export type Environment = z.infer<typeof Environment>;

export const CredentialStatus = z.enum(['unverified', 'active', 'invalid', 'expired', 'revoked', 'disabled']);
export type CredentialStatus = z.infer<typeof CredentialStatus>;

export const SigningKind = z.enum(['hmac', 'ed25519', 'rsa', 'other']);
export type SigningKind = z.infer<typeof SigningKind>;

export const CredentialId = z.string().regex(/^[a-z0-9]{10}$/, 'must be a credential id (10 letters and digits)');

export const CredentialLabel = z
  .string()
  .transform(tidyKeyLabel)
  .pipe(z.string().min(1, 'must not be empty').max(KEY_LABEL_MAX, `must be at most ${KEY_LABEL_MAX} characters`).regex(/^[^\p{Cc}\p{Cf}]+$/u, 'must not contain control or invisible characters'));

/** Exchange ids are ccxt's (lower-case letters and digits); AI provider ids may also have a hyphen (`openai-compatible`). */
export const ProviderId = z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'must be a provider id such as binance, bybit or openai');

/** What the key may do, as the exchange reports it. `null` where the exchange does not say. */
export const KeyPermissions = z.object({
  read: z.boolean(),
  trade: z.boolean().nullable(),
  withdraw: z.boolean().nullable(),
  internalTransfer: z.boolean().nullable(),
  universalTransfer: z.boolean().nullable(),
  futures: z.boolean().nullable(),
  margin: z.boolean().nullable(),
  ipRestricted: z.boolean().nullable(),
  /** When the exchange stops accepting the key (or its trading authority), ms since epoch. */
  expiresAt: z.number().nullable(),
  /** The IPs the key is bound to as the exchange lists them (public); absent in checks made before issue 20. */
  ips: z.array(z.string().max(64)).max(64).nullable().optional(),
  /** Which endpoint the permissions came from. */
  source: z.enum(['binance-api-restrictions', 'binance-account', 'bybit-query-api', 'balance-only']),
});
export type KeyPermissions = z.infer<typeof KeyPermissions>;

/** Why trading with a key is blocked until the user looks at it. */
export const TradingBlock = z.enum(['withdraw-enabled', 'permissions-widened']);
export type TradingBlock = z.infer<typeof TradingBlock>;

/** A credential as listed and shown: metadata, a masked preview and a fingerprint. Never a secret. */
export const CredentialInfo = z.object({
  id: CredentialId,
  kind: CredentialKindId,
  provider: z.string(),
  label: z.string(),
  environment: Environment,
  isPrimary: z.boolean(),
  status: CredentialStatus,
  fields: z.array(CredentialFieldName),
  signingKind: SigningKind,
  preview: z.string(),
  fingerprint: z.string(),
  permissions: KeyPermissions.nullable(),
  lastVerifiedAt: z.number().nullable(),
  lastUsedAt: z.number().nullable(),
  useCount: z.number().int(),
  /** When the key stops being usable: the earlier of the date its provider reports and the date its owner set. */
  expiresAt: z.number().nullable(),
  /** The expiry date its owner set (start of that day, UTC); null when none. */
  ownExpiresAt: z.number().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  rotatedAt: z.number().nullable(),
  /** Set when trading must wait for the user: withdrawals on, or permissions widened since the last check. */
  tradingBlock: TradingBlock.nullable(),
  /** The user accepted that this key can withdraw. */
  withdrawRiskAccepted: z.boolean(),
  /** Older than the rotation reminder age (default 90 days). */
  rotationDue: z.boolean(),
  /** After a rotation, the old key is kept sealed until then so that its revocation can be checked. */
  retiredKeyExpiresAt: z.number().nullable(),
  /** The person allowed programs (`keywarden run`) to be handed this key's fields. */
  allowPrograms: z.boolean(),
});
export type CredentialInfo = z.infer<typeof CredentialInfo>;

/** Secret field values; bounded so a pasted file cannot bloat the database. */
export const CredentialFieldValues = z.record(z.string().max(64), z.unknown()).refine((fields) => Object.keys(fields).length <= 12, 'has too many fields');

/** An owner's expiry date, ms since the epoch (the start of a day, UTC: shared/expiry-date.ts reads it as typed). */
export const OwnExpiry = z.number().int().positive().max(8.64e15);

export const CreateCredentialInput = z.object({
  provider: ProviderId,
  label: CredentialLabel,
  environment: Environment.default('live'),
  isPrimary: z.boolean().optional(),
  fields: CredentialFieldValues,
  /** The date from which Keywarden never uses or releases the key. */
  expiresAt: OwnExpiry.optional(),
});
export type CreateCredentialInput = z.input<typeof CreateCredentialInput>;

export const CredentialRef = z.string().trim().min(1, 'must name a credential by id or label').max(64);

export const UpdateCredentialInput = z.object({
  ref: CredentialRef,
  label: CredentialLabel.optional(),
  environment: Environment.optional(),
  isPrimary: z.boolean().optional(),
  /** Whether programs (`keywarden run`) may be handed this key's fields. */
  allowPrograms: z.boolean().optional(),
  /** The owner's expiry date; null removes it. */
  expiresAt: OwnExpiry.nullable().optional(),
});
export type UpdateCredentialInput = z.input<typeof UpdateCredentialInput>;

export const RotateCredentialInput = z.object({
  ref: CredentialRef,
  fields: CredentialFieldValues,
  /** Store the new key without checking it first: only for when the exchange cannot be reached. */
  skipVerification: z.boolean().default(false),
});
export type RotateCredentialInput = z.input<typeof RotateCredentialInput>;
