/**
 * The "Connect a Polymarket account" form's fields, read from the form on submit (never kept in
 * state): the signing wallet's key, the funder, the signature type in plain words, and the three
 * CLOB API credentials (all three or none: none means Keywarden derives them from the key). The
 * fields, which are secret and their hints come from the shared catalogue
 * (electron/shared/wallet-providers.ts); the core checks the rest (the funder against what the key
 * can sign for) and names the field it refuses.
 */
import { walletProviders } from '../../../../electron/shared/wallet-providers';
import { fieldTitle } from '../../../../electron/shared/credential-field-labels';
import type { CredentialFieldName } from '../../api/contract-types';
import type { KeyFieldsRead } from '../accounts/use-new-key-form';
import { KEEP_SETTING } from '../wallets/wallet-form-reading';

export const polymarketProvider = walletProviders.polymarket;

/** The three CLOB API credentials: typed together, or all left empty to be derived from the key. */
export const apiCredentialFields = ['apiKey', 'secret', 'password'] as const satisfies readonly CredentialFieldName[];

/** The fields of the catalogue that the form shows in its main part (the API credentials are in a collapsed part). */
export const walletFields = polymarketProvider.fields.filter((field) => !(apiCredentialFields as readonly string[]).includes(field.name));

export function polymarketField(name: CredentialFieldName) {
  const field = polymarketProvider.fields.find((item) => item.name === name);
  if (field === undefined) throw new Error(`The Polymarket catalogue has no field ${name}`);
  return field;
}

/** Form labels, in the words of a Polymarket user. */
export const polymarketFieldLabels: Partial<Record<CredentialFieldName, string>> = {
  privateKey: 'Signing wallet’s private key',
  walletAddress: 'Signing wallet address (optional)',
  funderAddress: 'Funder address (optional)',
  signatureType: 'Signature type',
  apiKey: 'CLOB API key',
  secret: 'CLOB API secret',
  password: 'CLOB API passphrase',
};

export function polymarketFieldLabel(name: CredentialFieldName): string {
  return polymarketFieldLabels[name] ?? fieldTitle(name);
}

/** The signature types, in plain words; the empty choice lets Keywarden work it out from the funder. */
export const signatureTypeChoices: readonly { readonly value: '' | '0' | '1' | '2' | '3'; readonly label: string }[] = [
  { value: '', label: 'Work it out from the funder (recommended)' },
  { value: '0', label: 'Plain wallet: the key’s own address holds the funds (type 0)' },
  { value: '1', label: 'Email login: a Polymarket proxy wallet (type 1)' },
  { value: '2', label: 'Browser wallet: a Gnosis Safe (type 2)' },
  { value: '3', label: 'Deposit wallet: newer accounts (type 3)' },
];

const present = (value: string): boolean => value.trim() !== '';

/** What the form holds, with what is plainly wrong before anything is sent (the core checks the rest). */
export function readPolymarketFields(data: FormData): KeyFieldsRead {
  const fields: Partial<Record<CredentialFieldName, string>> = {};
  const problems: Partial<Record<CredentialFieldName, string>> = {};
  for (const field of polymarketProvider.fields) {
    const value = String(data.get(field.name) ?? '');
    if (present(value)) fields[field.name] = value.trim();
  }
  if (fields.privateKey === undefined) problems.privateKey = 'Paste the private key of the wallet that signs your Polymarket orders.';
  const given = apiCredentialFields.filter((name) => fields[name] !== undefined);
  if (given.length > 0 && given.length < apiCredentialFields.length) {
    for (const name of apiCredentialFields) {
      if (fields[name] === undefined) problems[name] = `Enter the ${polymarketFieldLabel(name)} too, or leave all three API fields empty: Keywarden then derives them from the key.`;
    }
  }
  return {
    provider: polymarketProvider.id,
    providerName: polymarketProvider.name,
    environment: 'live',
    fieldNames: polymarketProvider.fields.map((field) => field.name),
    fields,
    problems,
  };
}

/**
 * What an account's Funder section changes, for credentials.changeSettings: a new funder (or its
 * removal: the signing wallet holds the funds), a signature type chosen (or left to Keywarden, which
 * removes a stored one). Only what changed; `current` is the account's fields (CredentialInfo.fields).
 */
export function readFunderChanges(data: FormData, current: readonly CredentialFieldName[]): Partial<Record<CredentialFieldName, string>> {
  const fields: Partial<Record<CredentialFieldName, string>> = {};
  const funder = String(data.get('funderAddress') ?? '').trim();
  if (current.includes('funderAddress') && data.get('funderAddressRemove') === 'yes') fields.funderAddress = '';
  else if (present(funder)) fields.funderAddress = funder;
  const signatureType = String(data.get('signatureType') ?? KEEP_SETTING);
  if (signatureType === '') {
    if (current.includes('signatureType')) fields.signatureType = '';
  } else if (signatureType !== KEEP_SETTING) {
    fields.signatureType = signatureType;
  }
  return fields;
}
