/**
 * The contract: the one API of Keywarden. Each channel has an input schema, an output schema and a
 * one-line summary; electron/api/handlers.ts gives each one handler that calls the core. Electron
 * IPC, the e2e test bridge and the CLI are transports over that same table, so validation and
 * behaviour are identical everywhere.
 *
 * The renderer imports this file (types only at run time), so it may import only pure zod schema
 * modules. Inputs are strict: unknown fields are refused. Secrets may appear in inputs (a passphrase,
 * a new key); no output schema has a field that can hold one.
 */
import { AiProviderInfo } from '../core/ai-providers/ai-provider-info';
import { UsageReport, UsageReportInput } from '../core/credentials/key-usage-schema';
import { z } from 'zod';
import { AuditChainReport, AuditRecord } from '../core/audit/audit-schema';
import { CreateCredentialInput, CredentialFieldValues, CredentialInfo, CredentialRef, Environment, KeyPermissions, ProviderId, RotateCredentialInput, UpdateCredentialInput } from '../core/credentials/credential-schema';
import { CredentialSettings } from '../core/credentials/credential-settings-schema';
import { VerificationOutcome, VerificationRecord, VerificationResult } from '../core/key-lifecycle/verification-schema';
import { errorCodes } from '../core/errors';
import { coreEventNames, coreEventSchemas, type CoreEventMap, type CoreEventName } from '../core/events-schema';
import { ExchangeInfo } from '../core/exchanges/exchange-schema';
import { DeleteResult, KeyOpenOrders, OpenOrdersChoice, RevokeResult } from '../core/key-lifecycle/key-retirement-schema';
import { Passphrase, ProtectorKind, VaultStatus } from '../core/vault/vault-schema';
import { MAX_AUTO_LOCK_MINUTES } from '../shared/setting-ranges';

import { channel, NoInput } from './channel';
import { tradingChannels } from './trading-contract';
import { backupChannels } from './backup-contract';
import { webhookChannels } from './webhook-contract';
import { tunnelChannels } from './tunnel-contract';
import { webhookSetupChannels } from './webhook-setup-contract';
import { driftChannels } from './drift-contract';
import { integrityChannels } from './integrity-contract';
import { releaseChannels } from './release-contract';
import { gatewayChannels } from './ai-gateway-contract';
import { walletChannels } from './wallet-contract';
import { connectionChannels } from './connection-contract';
import { polymarketChannels } from './polymarket-contract';
import { auditChannels } from './audit-contract';
import { futuresChannels } from './futures-contract';

export type { ChannelSpec } from './channel';

export const contract = {
  'vault.status': channel({ access: 'any', activity: 'none', input: NoInput, output: VaultStatus, summary: 'Whether a vault exists, is locked, and what protects it.' }),
  'vault.init': channel({
    access: 'any', activity: 'user',
    input: z.strictObject({ passphrase: Passphrase.optional(), useOsKeychain: z.boolean().default(false) }),
    output: VaultStatus,
    summary: 'Create the vault, protected by a passphrase, the OS keychain, or both.',
  }),
  'vault.unlock': channel({
    access: 'any', activity: 'user',
    input: z.discriminatedUnion('method', [
      z.strictObject({ method: z.literal('passphrase'), passphrase: Passphrase }),
      z.strictObject({ method: z.literal('os-keychain') }),
    ]),
    output: VaultStatus,
    summary: 'Unlock with the passphrase or the OS keychain.',
  }),
  'vault.lock': channel({ access: 'any', activity: 'user', input: NoInput, output: VaultStatus, summary: 'Lock now: the vault key is zeroed in memory.' }),
  'vault.changePassphrase': channel({
    access: 'unlocked', activity: 'user',
    input: z.strictObject({ current: Passphrase.optional(), next: Passphrase }),
    output: VaultStatus,
    summary: 'Change the passphrase (or add one if the vault has none).',
  }),
  'vault.addOsKeychain': channel({ access: 'unlocked', activity: 'user', input: NoInput, output: VaultStatus, summary: 'Also protect the vault key with the OS keychain.' }),
  'vault.removeProtector': channel({
    access: 'unlocked', activity: 'user',
    input: z.strictObject({ kind: ProtectorKind, passphrase: Passphrase.optional() }),
    output: VaultStatus,
    summary: 'Remove one way of unlocking (never the last one).',
  }),
  'vault.rotateKey': channel({
    access: 'unlocked', activity: 'user',
    input: z.strictObject({ passphrase: Passphrase.optional() }),
    output: z.object({ keyVersion: z.number().int(), reencrypted: z.number().int() }),
    summary: 'Make a new vault key and re-encrypt every secret under it, in one transaction.',
  }),
  'vault.setAutoLock': channel({
    access: 'unlocked', activity: 'user',
    input: z.strictObject({ minutes: z.number().int().min(0, 'must be 0 (never) or more').max(MAX_AUTO_LOCK_MINUTES, `must be at most ${MAX_AUTO_LOCK_MINUTES} (a day)`) }),
    output: VaultStatus,
    summary: 'Lock automatically after this many idle minutes (0 = never).',
  }),
  'exchanges.list': channel({ access: 'any', activity: 'none', input: NoInput, output: z.array(ExchangeInfo), summary: 'Every exchange Keywarden can hold keys for, with the fields each needs.' }),
  'usage.report': channel({ access: 'unlocked', activity: 'none', input: UsageReportInput, output: UsageReport, summary: 'How each key was used over a period (by what, failures, AI tokens and cost), and the keys nobody used for a while.' }),
  'aiProviders.list': channel({ access: 'any', activity: 'none', input: NoInput, output: z.array(AiProviderInfo), summary: 'The AI providers Keywarden can hold keys for: their fields, key format and how to create a key.' }),
  'exchanges.get': channel({ access: 'any', activity: 'none', input: z.strictObject({ id: z.string().trim().toLowerCase().min(1).max(40) }), output: ExchangeInfo, summary: 'One exchange and the fields its keys need.' }),
  'credentials.list': channel({ access: 'unlocked', activity: 'none', input: NoInput, output: z.array(CredentialInfo), summary: 'All stored credentials (masked).' }),
  'credentials.get': channel({ access: 'unlocked', activity: 'none', input: z.strictObject({ ref: CredentialRef }), output: CredentialInfo, summary: 'One credential by id or label (masked).' }),
  'credentials.create': channel({ access: 'unlocked', activity: 'user', input: CreateCredentialInput.strict(), output: CredentialInfo, summary: 'Store a new exchange key, encrypted.' }),
  'credentials.update': channel({ access: 'unlocked', activity: 'user', input: UpdateCredentialInput.strict(), output: CredentialInfo, summary: 'Rename, change environment, make primary, or allow programs (keywarden run) to use it.' }),
  'credentials.delete': channel({
    access: 'unlocked', activity: 'user',
    input: z.strictObject({ ref: CredentialRef, openOrders: OpenOrdersChoice.default('cancel') }),
    output: DeleteResult,
    summary: 'Delete a credential and destroy its secrets; its open orders are canceled first unless kept (a key that placed orders is revoked and its record kept).',
  }),
  'credentials.verify': channel({ access: 'unlocked', activity: 'user', input: z.strictObject({ ref: CredentialRef }), output: VerificationResult, summary: 'Check a key against its exchange: does it work, what may it do.' }),
  'credentials.test': channel({
    access: 'any', activity: 'user',
    input: z.strictObject({ provider: ProviderId, environment: Environment.default('live'), fields: CredentialFieldValues }),
    output: z.object({ outcome: VerificationOutcome, message: z.string(), action: z.string().nullable(), permissions: KeyPermissions.nullable() }),
    summary: 'Check a key against its exchange before saving it; stores nothing.',
  }),
  'credentials.verifyAll': channel({ access: 'unlocked', activity: 'user', input: NoInput, output: z.array(VerificationResult), summary: 'Check every key that is not revoked, many at once.' }),
  'credentials.rotate': channel({
    access: 'unlocked', activity: 'user',
    input: RotateCredentialInput.strict(),
    output: z.object({
      credential: CredentialInfo,
      verification: z.object({ outcome: z.string(), message: z.string() }).nullable(),
      oldFingerprint: z.string(),
      nextSteps: z.array(z.string()),
    }),
    summary: 'Replace a key with a new one, verified first; the old one stays until the swap.',
  }),
  'credentials.checkOldKey': channel({
    access: 'unlocked', activity: 'user',
    input: z.strictObject({ ref: CredentialRef }),
    output: z.object({ oldKeyWorks: z.boolean(), message: z.string() }),
    summary: 'After a rotation: check that the old key no longer works (then destroy it).',
  }),
  'credentials.discardOldKey': channel({ access: 'unlocked', activity: 'user', input: z.strictObject({ ref: CredentialRef }), output: CredentialInfo, summary: 'Destroy a rotated-away key without checking it.' }),
  'credentials.revoke': channel({
    access: 'unlocked', activity: 'user',
    input: z.strictObject({ ref: CredentialRef, openOrders: OpenOrdersChoice.default('cancel') }),
    output: RevokeResult,
    summary: 'Destroy a key\'s secret and stop every use of it; its open orders are canceled first unless kept. The record stays.',
  }),
  'credentials.openOrders': channel({ access: 'unlocked', activity: 'user', input: z.strictObject({ ref: CredentialRef }), output: KeyOpenOrders, summary: 'The orders of a key that may be open on its exchange (asked before revoking or deleting it).' }),
  'credentials.acceptWithdrawRisk': channel({ access: 'unlocked', activity: 'user', input: z.strictObject({ ref: CredentialRef }), output: CredentialInfo, summary: 'Accept that a key can withdraw (or that its permissions widened), so it may trade.' }),
  'credentials.history': channel({
    access: 'unlocked', activity: 'none',
    input: z.strictObject({ ref: CredentialRef, limit: z.number().int().min(1).max(500).default(50) }),
    output: z.object({
      verifications: z.array(VerificationRecord),
      keys: z.array(z.object({ fingerprint: z.string(), activeFrom: z.number(), retiredAt: z.number() })),
    }),
    summary: 'Verification history and the fingerprints of earlier keys.',
  }),
  'credentials.getSettings': channel({ access: 'unlocked', activity: 'none', input: NoInput, output: CredentialSettings, summary: 'Re-verification interval and rotation reminder age.' }),
  'credentials.setSettings': channel({ access: 'unlocked', activity: 'user', input: CredentialSettings.partial().strict(), output: CredentialSettings, summary: 'Change the re-verification interval or the rotation reminder age.' }),
  'audit.list': channel({
    access: 'unlocked', activity: 'none',
    input: z.strictObject({
      actionPrefix: z.string().max(64).optional(),
      subject: z.string().max(64).optional(),
      beforeSeq: z.number().int().positive().optional(),
      limit: z.number().int().min(1).max(1000).default(100),
    }),
    output: z.array(AuditRecord),
    summary: 'Audit records, newest first.',
  }),
  'audit.verify': channel({ access: 'any', activity: 'user', input: NoInput, output: AuditChainReport, summary: 'Check the audit chain for edited, deleted or reordered rows.' }),
  ...tradingChannels,
  ...backupChannels,
  ...webhookChannels,
  ...tunnelChannels,
  ...webhookSetupChannels,
  ...driftChannels,
  ...integrityChannels,
  ...releaseChannels,
  ...gatewayChannels,
  ...walletChannels,
  ...polymarketChannels,
  ...auditChannels,
  ...connectionChannels,
  ...futuresChannels,
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export const channelNames = Object.keys(contract) as ChannelName[];

/** What a caller sends (defaults not yet applied). */
export type ChannelInput<K extends ChannelName> = z.input<Contract[K]['input']>;
/** What a handler receives (validated, defaults applied). */
export type ParsedChannelInput<K extends ChannelName> = z.output<Contract[K]['input']>;
export type ChannelOutput<K extends ChannelName> = z.output<Contract[K]['output']>;

export const ErrorCode = z.enum(errorCodes);
export const ContractError = z.object({
  code: ErrorCode,
  message: z.string(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});
export type ContractError = z.infer<typeof ContractError>;

/** Every transport answers with this envelope: a value, or a typed error. Never a stack. */
export type ContractResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ContractError };


/** Events pushed from the main process to the renderer (and to CLI `serve` output). */
export const contractEvents = coreEventSchemas;
export const contractEventNames = coreEventNames;
export type ContractEventName = CoreEventName;
export type ContractEventPayload<E extends ContractEventName> = CoreEventMap[E];
