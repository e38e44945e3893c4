/**
 * Bot wallet keys (issue 18): an EVM wallet (a private key, or a recovery phrase and derivation
 * path) and a Solana wallet (a base58 secret key or solana-keygen's byte array). The key is read
 * exactly and its address derived (core/wallets); a typed address must be the key's. The address
 * is stored as a public field and is what the preview and the fingerprint come from, never a
 * character of the key. Verified by reading the wallet's balances from its RPC node, when one is set.
 */
import { walletProviders, type WalletProviderId } from '../../../shared/wallet-providers';
import { KeywardenError } from '../../errors';
import { readEvmWallet } from '../../wallets/evm-wallet-key';
import { readSolanaWallet } from '../../wallets/solana-wallet-key';
import { readChainId, readRpcUrl, readSolanaCluster, readTokenContracts, readTokenMints } from '../../wallets/wallet-network';
import type { CredentialFieldName } from '../credential-schema';
import type { CredentialKind, SecretValues } from './credential-kind';
import { walletKeyIdentity, textFields } from './wallet-fields';

type Values = Partial<Record<CredentialFieldName, string>>;

/** Optional settings: read when given, left out when empty. */
function setting(raw: Readonly<Record<string, string | undefined>>, field: CredentialFieldName, read: (text: string) => string): Values {
  const text = raw[field];
  return text === undefined || text.trim() === '' ? {} : { [field]: read(text) };
}

const readers: Readonly<Record<Exclude<WalletProviderId, 'polymarket'>, (raw: Readonly<Record<string, string | undefined>>) => SecretValues>> = {
  'evm-wallet': (raw) => ({
    ...readEvmWallet({ privateKey: raw.privateKey, mnemonic: raw.mnemonic, derivationPath: raw.derivationPath, walletAddress: raw.walletAddress }).values,
    ...setting(raw, 'chainId', readChainId),
    ...setting(raw, 'rpcUrl', readRpcUrl),
    ...setting(raw, 'tokenContracts', readTokenContracts),
  }),
  'solana-wallet': (raw) => ({
    ...readSolanaWallet({ privateKey: raw.privateKey, walletAddress: raw.walletAddress }).values,
    ...setting(raw, 'cluster', readSolanaCluster),
    ...setting(raw, 'rpcUrl', readRpcUrl),
    ...setting(raw, 'tokenMints', readTokenMints),
  }),
};

export const walletKind: CredentialKind = {
  id: 'wallet',
  ownsProvider: (providerId) => providerId === 'evm-wallet' || providerId === 'solana-wallet',
  async keyRules(providerId) {
    if (providerId !== 'evm-wallet' && providerId !== 'solana-wallet') throw new KeywardenError('UNKNOWN_PROVIDER', `"${providerId.slice(0, 40)}" is not a kind of wallet Keywarden knows (evm-wallet, solana-wallet).`);
    const provider = walletProviders[providerId];
    return {
      provider: { id: provider.id, name: provider.name, fields: provider.fields.map((field) => field.name) },
      normalise: (raw) => ({ values: readers[providerId](textFields(provider, raw)), signingKind: providerId === 'solana-wallet' ? 'ed25519' : 'other' }),
    };
  },
  keyIdentity: walletKeyIdentity,
  verification: 'wallet-balance',
  exportableFields: ['privateKey', 'mnemonic'],
};
