/**
 * Which key fields identify a key or its account (public: an API key id, a wallet address, a user
 * ID) rather than authenticate it (a secret, a private key, a passphrase). Only an identifying field
 * may be shown: the core cuts a key's masked preview from one (DESIGN.md "Credentials"), the window
 * shows them unmasked while typed. One list, so the two never disagree.
 *
 * This file is the shared pure tier: it imports nothing outside electron/shared.
 */
import type { CredentialFieldName } from './credential-field-labels';

/**
 * The identifying fields, in the order a key's preview prefers them: the key's own id first, then
 * what names its account. Every other field is a secret.
 */
export const identifyingFields = ['apiKey', 'walletAddress', 'uid', 'accountId', 'login'] as const satisfies readonly CredentialFieldName[];

/**
 * The field a key with these fields is previewed by: its first identifying field in the order
 * above, or undefined when it has only secrets (Aster's private key, Blockchain.com's secret).
 */
export function previewFieldOf(fields: readonly CredentialFieldName[]): CredentialFieldName | undefined {
  return identifyingFields.find((field) => fields.includes(field));
}
