/**
 * The fields an exchange key can have (ccxt's `requiredCredentials` names) and the words people see
 * for them, taken from the exchanges' own key pages. One list for the core's messages, the CLI's
 * prompts and the window's forms, so "API secret" is called the same everywhere.
 *
 * This file is the shared pure tier: it imports nothing.
 */

export const credentialFieldNames = ['apiKey', 'secret', 'password', 'uid', 'accountId', 'login', 'twofa', 'privateKey', 'walletAddress', 'token'] as const;
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
};

/** A field's name where it starts a line, as a form label or in a list: "User ID", "API key". */
export function fieldTitle(field: CredentialFieldName): string {
  const label = fieldLabels[field];
  return label.charAt(0).toUpperCase() + label.slice(1);
}
