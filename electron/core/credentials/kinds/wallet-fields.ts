/** What wallet keys and Polymarket accounts share: reading the typed fields, and where preview and fingerprint come from. */
import { walletProviders, type WalletProvider } from '../../../shared/wallet-providers';
import { KeywardenError } from '../../errors';
import { fieldLabels, type CredentialFieldName } from '../credential-schema';
import type { KeyIdentity } from './credential-kind';

/**
 * The typed fields as text: each must be one of the provider's fields and text (values are never
 * repeated in a message). Empty optional fields are the kind's readers' to leave out.
 */
export function textFields(provider: WalletProvider, raw: Readonly<Record<string, unknown>>): Record<string, string | undefined> {
  const known = new Set<string>(provider.fields.map((field) => field.name));
  const unexpected = Object.keys(raw).filter((name) => !known.has(name) && raw[name] !== undefined);
  if (unexpected.length > 0) {
    throw new KeywardenError('UNEXPECTED_FIELD', `${provider.name} keys have no field ${unexpected.map((name) => JSON.stringify(name.slice(0, 40))).join(', ')}. The fields are: ${provider.fields.map((field) => field.name).join(', ')}.`, { field: (unexpected[0] ?? '').slice(0, 32) });
  }
  const strings: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') throw new KeywardenError('MALFORMED_FIELD', `The ${fieldLabels[name as CredentialFieldName]} must be text.`, { field: name });
    strings[name] = value;
  }
  return strings;
}

/** The public fields of a wallet-like provider's keys (an address, a chain id): everything its catalogue does not mark secret. */
function publicFieldsOf(fields: readonly CredentialFieldName[]): CredentialFieldName[] {
  const secret = new Set<CredentialFieldName>();
  for (const provider of Object.values(walletProviders)) for (const field of provider.fields) if (field.secret) secret.add(field.name);
  return fields.filter((field) => !secret.has(field));
}

/**
 * A wallet is known by its address: the same wallet added twice is a duplicate whatever form its
 * key was pasted in, and the preview shows part of the address, never of the key. So is a
 * Polymarket account (its CLOB credentials belong to the wallet and change as its settings do).
 */
export function walletKeyIdentity(fields: readonly CredentialFieldName[]): KeyIdentity {
  return {
    fingerprintField: 'walletAddress',
    previewField: 'walletAddress',
    publicFields: publicFieldsOf(fields),
  };
}
