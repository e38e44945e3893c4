/**
 * Polymarket accounts (issue 18): the private key of the wallet that signs orders, the funder (the
 * address that holds the pUSD, when it is not the signing wallet) with its signature type, and the
 * CLOB API credentials. The funder is matched against what the key can sign for (its own address,
 * its Polymarket proxy, its Gnosis Safe, its deposit wallet: polymarket/wallet-setup.ts), so the
 * most common setup failure, a key that cannot sign for the funder typed, is refused when the
 * account is added, with the addresses it could sign for. The API credentials are optional: left
 * out, they are derived from the key when first needed (they are the same each time).
 */
import { walletProviders } from '../../../shared/wallet-providers';
import type { CredentialKind } from './credential-kind';
import { walletKeyIdentity } from './wallet-fields';

export const polymarketKind: CredentialKind = {
  id: 'polymarket',
  ownsProvider: (providerId) => providerId === 'polymarket',
  async keyRules() {
    const provider = walletProviders.polymarket;
    // viem (the key, the funder's CREATE2 addresses) loads when an account is read, not with every core.
    const { readPolymarketAccount } = await import('./polymarket-account-reader');
    return {
      provider: { id: provider.id, name: provider.name, fields: provider.fields.map((field) => field.name) },
      normalise: (raw) => readPolymarketAccount(provider, raw),
    };
  },
  keyIdentity: walletKeyIdentity,
  verification: 'polymarket-account',
  exportableFields: ['privateKey'],
};

