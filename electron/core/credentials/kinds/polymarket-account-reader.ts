/** Reading what was typed for a Polymarket account (polymarket-kind.ts): viem, loaded only when an account is read. */
import type { WalletProvider } from '../../../shared/wallet-providers';
import { KeywardenError } from '../../errors';
import type { SignatureType } from '../../polymarket/clob-order';
import { walletSetup } from '../../polymarket/wallet-setup';
import { readEvmWallet } from '../../wallets/evm-wallet-key';
import type { NormalisedCredentialFields } from '../credential-fields';
import type { CredentialFieldName } from '../credential-schema';
import { textFields } from './wallet-fields';

/** Polymarket trades on Polygon. */
export const POLYMARKET_CHAIN_ID = 137;

const signatureTypeWords: Readonly<Record<string, SignatureType>> = {
  '0': 0, eoa: 0,
  '1': 1, proxy: 1, 'poly-proxy': 1, poly_proxy: 1, magic: 1, email: 1,
  '2': 2, safe: 2, 'gnosis-safe': 2, poly_gnosis_safe: 2, browser: 2,
  '3': 3, 'deposit-wallet': 3, deposit: 3, poly_1271: 3, '1271': 3,
};
const signatureTypeNames = ['plain wallet (EOA)', 'Polymarket proxy (email login)', 'Gnosis Safe (browser wallet)', 'deposit wallet'] as const;

function readSignatureType(text: string): SignatureType {
  const type = signatureTypeWords[text.trim().toLowerCase()];
  if (type === undefined) throw new KeywardenError('MALFORMED_FIELD', 'The signature type must be 0 (plain wallet), 1 (Polymarket proxy, email login), 2 (Gnosis Safe, browser wallet) or 3 (deposit wallet).', { field: 'signatureType' });
  return type;
}

const present = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';

export function readPolymarketAccount(provider: WalletProvider, raw: Readonly<Record<string, unknown>>): NormalisedCredentialFields {
  const typed = textFields(provider, raw);
  if (present(typed.mnemonic)) throw new KeywardenError('UNEXPECTED_FIELD', 'A Polymarket account takes the signing wallet\'s private key, not a recovery phrase.', { field: 'mnemonic' });
  if (!present(typed.privateKey)) throw new KeywardenError('MISSING_FIELD', 'The private key of the wallet that signs Polymarket orders is missing.', { field: 'privateKey' });
  const wallet = readEvmWallet({ privateKey: typed.privateKey, walletAddress: typed.walletAddress });
  const setup = walletSetup(wallet.address, typed.funderAddress, POLYMARKET_CHAIN_ID);
  const typedType = present(typed.signatureType) ? readSignatureType(typed.signatureType) : undefined;
  if (setup.outcome === 'funder-mismatch') throw new KeywardenError('MALFORMED_FIELD', setup.message, { field: 'funderAddress' });
  if (setup.outcome === 'unknown') throw new KeywardenError('MALFORMED_FIELD', setup.message, { field: 'funderAddress' });
  if (typedType !== undefined && typedType !== setup.signatureType) {
    throw new KeywardenError('MALFORMED_FIELD', `The funder ${setup.funder} is this key's ${signatureTypeNames[setup.signatureType]}, which signs with type ${setup.signatureType}, not ${typedType}. Leave the signature type empty and Keywarden uses the right one.`, { field: 'signatureType' });
  }
  const creds: (CredentialFieldName & ('apiKey' | 'secret' | 'password'))[] = ['apiKey', 'secret', 'password'];
  const given = creds.filter((field) => present(typed[field]));
  if (given.length > 0 && given.length < creds.length) {
    const missing = creds.filter((field) => !given.includes(field)).map((field) => ({ apiKey: 'API key', secret: 'API secret', password: 'API passphrase' })[field]);
    throw new KeywardenError('MISSING_FIELD', `The CLOB ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} missing: give all three API credentials, or none and Keywarden derives them from the key.`, { field: creds.find((field) => !given.includes(field))! });
  }
  const values: Partial<Record<CredentialFieldName, string>> = {
    privateKey: wallet.values.privateKey!,
    walletAddress: wallet.address,
    funderAddress: setup.funder,
    signatureType: String(setup.signatureType),
  };
  if (given.length === creds.length) {
    values.apiKey = readApiKey(typed.apiKey!);
    values.secret = readSecret(typed.secret!);
    values.password = readPassphrase(typed.password!);
  }
  return { values, signingKind: 'other' };
}

/** CLOB API keys are UUIDs. */
function readApiKey(text: string): string {
  const value = text.trim();
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) {
    throw new KeywardenError('MALFORMED_FIELD', `The CLOB API key must be a UUID (8-4-4-4-12 hexadecimal characters); this one has ${value.length} characters.`, { field: 'apiKey' });
  }
  return value.toLowerCase();
}

/** The secret is URL-safe base64 (it keys the HMAC of every private call). */
function readSecret(text: string): string {
  const value = text.trim();
  if (!/^[A-Za-z0-9_\-+/]+={0,2}$/.test(value) || value.length < 16) {
    throw new KeywardenError('MALFORMED_FIELD', `The CLOB API secret must be base64 text as Polymarket gives it; this one has ${value.length} characters${/\s/.test(value) ? ' and spaces' : ''}.`, { field: 'secret' });
  }
  return value;
}

function readPassphrase(text: string): string {
  const value = text.trim();
  if (value.length < 8 || /\s/.test(value)) throw new KeywardenError('MALFORMED_FIELD', `The CLOB API passphrase is ${value.length} characters long${/\s/.test(value) ? ' with spaces' : ''}; paste it exactly as Polymarket gave it.`, { field: 'password' });
  return value;
}
