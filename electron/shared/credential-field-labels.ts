/**
 * The fields a key can have (an exchange's are ccxt's `requiredCredentials` names; an AI provider's
 * are listed in ai-field-reading.ts) and the words people see for them, taken from the providers'
 * own key pages. One list for the core's messages, the CLI's
 * prompts and the window's forms, so "API secret" is called the same everywhere.
 *
 * This file is the shared pure tier: it imports nothing.
 */

export const credentialFieldNames = [
  'apiKey', 'secret', 'password', 'uid', 'accountId', 'login', 'twofa', 'privateKey', 'walletAddress', 'token',
  // AI provider keys (ai-field-reading.ts): besides the key, the settings that say where and for whom it is used.
  'organization', 'project', 'baseUrl', 'endpoint', 'deployment', 'apiVersion',
  // Wallet keys and Polymarket accounts (wallet-providers.ts): a recovery phrase instead of a key, and where the wallet is used.
  'mnemonic', 'derivationPath', 'chainId', 'rpcUrl', 'tokenContracts', 'cluster', 'tokenMints', 'funderAddress', 'signatureType',
  // Exchange accounts (outbound-proxy.ts): the proxy their requests leave through, sealed (it may carry a password).
  'proxyUrl',
] as const;
export type CredentialFieldName = (typeof credentialFieldNames)[number];

/** Each field's name as it stands inside a sentence: "The API secret is missing.", "Enter the user ID." */
export const fieldLabels: Readonly<Record<CredentialFieldName, string>> = {
  apiKey: 'API key',
  secret: 'API secret',
  password: 'API passphrase',
  uid: 'user ID',
  accountId: 'account ID',
  login: 'login',
  twofa: '2FA secret',
  privateKey: 'private key',
  walletAddress: 'wallet address',
  token: 'token',
  organization: 'organization ID',
  project: 'project ID',
  baseUrl: 'base URL',
  endpoint: 'endpoint',
  deployment: 'deployment name',
  apiVersion: 'API version',
  mnemonic: 'recovery phrase',
  derivationPath: 'derivation path',
  chainId: 'chain ID',
  rpcUrl: 'RPC URL',
  tokenContracts: 'token contracts',
  cluster: 'cluster',
  tokenMints: 'token mints',
  funderAddress: 'funder address',
  signatureType: 'signature type',
  proxyUrl: 'outbound proxy',
};

/** A field's name where it starts a line, as a form label or in a list: "User ID", "API key". */
export function fieldTitle(field: CredentialFieldName): string {
  const label = fieldLabels[field];
  return label.charAt(0).toUpperCase() + label.slice(1);
}
