/**
 * How wallets are named and shown: EVM or Solana, the well-known chains of the network select, a
 * network's name, the fields' labels and hints (from the shared catalogue, never re-listed here).
 */
import { DEFAULT_EVM_DERIVATION_PATH, solanaClusterNames, wellKnownEvmChains, type SolanaCluster } from '../../../../electron/shared/wallet-networks';
import type { CredentialFieldName } from '../../api/contract-types';
import { fieldTitle } from '../../../../electron/shared/credential-field-labels';
import { walletProviders, type WalletProviderField } from '../../../../electron/shared/wallet-providers';

export type WalletProviderIdOfKind = 'evm-wallet' | 'solana-wallet';

export function isWalletProvider(provider: string): provider is WalletProviderIdOfKind {
  return provider === 'evm-wallet' || provider === 'solana-wallet';
}

/** "EVM", "Solana": short, for badges and the list. */
export function walletFamily(provider: string): string {
  return provider === 'solana-wallet' ? 'Solana' : 'EVM';
}

/** The chains of the network select (the core's own list); any other is typed as a custom chain id. */
export const wellKnownChains: readonly { readonly chainId: number; readonly name: string }[] = wellKnownEvmChains.map((chain) => ({ chainId: chain.chainId, name: chain.testnet ? `${chain.name} (testnet)` : chain.name }));

const clusterNames: Readonly<Record<SolanaCluster, string>> = { 'mainnet-beta': 'Mainnet', devnet: 'Devnet', testnet: 'Testnet' };
export const solanaClusters: readonly { readonly value: string; readonly name: string }[] = solanaClusterNames.map((value) => ({ value, name: clusterNames[value] }));

export { DEFAULT_EVM_DERIVATION_PATH };

/** The catalogue's entry of a field of this provider (label, hint, whether it is secret). */
export function walletField(provider: WalletProviderIdOfKind, name: CredentialFieldName): WalletProviderField | undefined {
  return walletProviders[provider].fields.find((field) => field.name === name);
}

export function walletFieldHint(provider: WalletProviderIdOfKind, name: CredentialFieldName): string {
  return walletField(provider, name)?.hint ?? '';
}

/** "Private key", "RPC URL (optional)". */
export function walletFieldLabel(provider: WalletProviderIdOfKind, name: CredentialFieldName): string {
  const field = walletField(provider, name);
  const optional = field !== undefined && !field.required && !walletProviders[provider].oneOf.includes(name);
  if (provider === 'solana-wallet' && name === 'privateKey') return 'Secret key';
  return optional ? `${fieldTitle(name)} (optional)` : fieldTitle(name);
}


/** The network a balance check read, in words ("Polygon (137)", "Solana devnet"): the core names it. */
export function networkLabel(network: { readonly name: string }): string {
  return network.name;
}
