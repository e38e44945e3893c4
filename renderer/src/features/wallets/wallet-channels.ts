/**
 * The wallet channels the pages call directly: a wallet's (or a Polymarket account's) settings
 * changed without a new key (the store's list follows through the core's credentials.changed event), the balances (shown on the wallet's page, not kept in
 * a store: they are read fresh on every visit) and the export of a private key, whose answer holds
 * a secret and so must stay in the one dialog that shows it, never in a store.
 */
import { callChannel } from '../../api/call-channel';
import type { ChannelOutput, ContractResult, CredentialFieldName, CredentialInfo } from '../../api/contract-types';

export type WalletBalances = ChannelOutput<'wallets.balances'>;
export type WalletCheck = WalletBalances['check'];
export type ExportedSecret = ChannelOutput<'credentials.exportSecret'>;
export type WalletSettingsView = ChannelOutput<'wallets.settings'>;

/** The settings a wallet or Polymarket account has now (public ones in full; whether an RPC URL is set). */
export function loadWalletSettings(ref: string): Promise<ContractResult<WalletSettingsView>> {
  return callChannel(window.keywarden, 'wallets.settings', { ref });
}

export function loadWalletBalances(ref: string): Promise<ContractResult<WalletBalances>> {
  return callChannel(window.keywarden, 'wallets.balances', { ref });
}

export function exportWalletSecret(ref: string, vaultPassphrase: string): Promise<ContractResult<ExportedSecret>> {
  return callChannel(window.keywarden, 'credentials.exportSecret', { ref, vaultPassphrase });
}

/** Only the settings that changed; an empty text removes an optional one. The key is unverified after. */
export function changeWalletSettings(ref: string, fields: Partial<Record<CredentialFieldName, string>>): Promise<ContractResult<CredentialInfo>> {
  return callChannel(window.keywarden, 'credentials.changeSettings', { ref, fields });
}
