/**
 * The keys the Audit page's "Key" filter offers: "All keys" first (the filter off), then every key of
 * every kind with its provider's name and its one state word, so a search for "bybit" or "wallet" finds it.
 */
import type { CredentialInfo } from '../../api/contract-types';
import type { PickableAccount } from '../../components/AccountPicker';
import { aiProviderNames } from '../../../../electron/shared/ai-providers';
import { walletProviders } from '../../../../electron/shared/wallet-providers';
import { pickableAccounts } from '../accounts/pickable-accounts';

/** The value of "All keys": no key filter (the audit filter's `key` left out). */
export const ALL_KEYS = '';

export const allKeysChoice: PickableAccount = { id: ALL_KEYS, label: 'All keys', meta: 'The records of every key' };

export function auditKeyChoices(keys: readonly CredentialInfo[], exchanges: readonly { readonly id: string; readonly name: string }[] | null): PickableAccount[] {
  // Exchanges come from the catalogue; wallets, Polymarket and AI providers have their names in shared lists.
  const names = [
    ...(exchanges ?? []),
    ...Object.values(walletProviders).map((provider) => ({ id: provider.id, name: provider.name })),
    ...Object.entries(aiProviderNames).map(([id, name]) => ({ id, name })),
  ];
  return [allKeysChoice, ...pickableAccounts(keys, names)];
}
