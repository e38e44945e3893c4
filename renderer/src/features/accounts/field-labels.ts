/**
 * The words users see on the exchange's own key page, per credential field. The core has the same
 * map (credential-schema.ts, fieldLabels), but the renderer may import only the contract's types;
 * the Record type makes the compiler flag a field added to the contract and missing here.
 */
import type { CredentialFieldName } from '../../api/contract-types';

export const fieldLabels: Readonly<Record<CredentialFieldName, string>> = {
  apiKey: 'API key',
  secret: 'API secret',
  password: 'API passphrase',
  uid: 'User ID',
  accountId: 'Account ID',
  login: 'Login',
  twofa: '2FA secret',
  privateKey: 'Private key',
  walletAddress: 'Wallet address',
  token: 'Token',
};

/** Fields that identify rather than authenticate: shown as typed, not masked. */
export const revealedFields: ReadonlySet<CredentialFieldName> = new Set(['uid', 'accountId', 'login', 'walletAddress']);

/** Fields that may hold a private key file (PEM), which needs a multi-line box. */
export const keyFileFields: ReadonlySet<CredentialFieldName> = new Set(['secret', 'privateKey']);
