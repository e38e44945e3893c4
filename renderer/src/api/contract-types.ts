/**
 * The contract's shapes under the names the renderer uses. Everything is derived from the channel
 * types, so a change in the contract shows up here as a type error, never as a silent mismatch.
 */
import type { ChannelOutput, ContractError, ContractEventPayload, ContractResult } from '../../../electron/ipc/contract';

export type { ChannelInput, ChannelName, ChannelOutput, ContractError, ContractEventName, ContractEventPayload, ContractResult } from '../../../electron/ipc/contract';
export type { KeywardenApi } from '../../../electron/ipc/keywarden-api';

export type VaultStatus = ChannelOutput<'vault.status'>;
export type ProtectorKind = VaultStatus['protectors'][number]['kind'];
export type LockReason = ContractEventPayload<'vault.locked'>['reason'];

export type ExchangeInfo = ChannelOutput<'exchanges.get'>;
export type CredentialFieldName = ExchangeInfo['fields'][number];

export type CredentialInfo = ChannelOutput<'credentials.get'>;
export type CredentialStatus = CredentialInfo['status'];
export type Environment = CredentialInfo['environment'];

export type AuditRecord = ChannelOutput<'audit.list'>[number];
export type AuditChainReport = ChannelOutput<'audit.verify'>;

export type ErrorCode = ContractError['code'];

/** The outcome of a store action: the contract's envelope, so forms can show the core's own message. */
export type ActionResult<T = void> = ContractResult<T>;
