/**
 * Bot wallet keys (issue 18): an EVM wallet (a private key, or a recovery phrase and derivation
 * path) and a Solana wallet (a base58 secret key or solana-keygen's byte array). The key is read
 * exactly and its address derived (core/wallets); a typed address must be the key's. The address
 * is stored as a public field and is what the preview and the fingerprint come from, never a
 * character of the key. Verified by reading the wallet's balances from its RPC node, when one is set.
 */
import { walletProviders } from '../../../shared/wallet-providers';
import { KeywardenError } from '../../errors';
import type { CredentialKind } from './credential-kind';
import { walletKeyIdentity, textFields } from './wallet-fields';

export const walletKind: CredentialKind = {
  id: 'wallet',
  ownsProvider: (providerId) => providerId === 'evm-wallet' || providerId === 'solana-wallet',
  async keyRules(providerId) {
    if (providerId !== 'evm-wallet' && providerId !== 'solana-wallet') throw new KeywardenError('UNKNOWN_PROVIDER', `"${providerId.slice(0, 40)}" is not a kind of wallet Keywarden knows (evm-wallet, solana-wallet).`);
    const provider = walletProviders[providerId];
    // The curve and key libraries load when a wallet key is read, not with every core.
    const { walletReaders: readers } = await import('./wallet-key-readers');
    return {
      provider: { id: provider.id, name: provider.name, fields: provider.fields.map((field) => field.name) },
      normalise: (raw) => ({ values: readers[providerId](textFields(provider, raw)), signingKind: providerId === 'solana-wallet' ? 'ed25519' : 'other' }),
    };
  },
  keyIdentity: walletKeyIdentity,
  verification: 'wallet-balance',
  exportableFields: ['privateKey', 'mnemonic'],
};
