/**
 * Cleans and checks what a user pasted into each credential field, before anything is stored.
 * Pasted keys often carry stray spaces, line breaks, quotes from a .env file or invisible
 * characters; those are trimmed where harmless and refused with a field-specific message otherwise.
 * Messages name the field and describe the problem, never repeat the value.
 */
import { createPrivateKey } from 'node:crypto';
import { KeywardenError } from '../errors';
import type { ExchangeInfo } from '../exchanges/exchange-schema';
import { fieldLabels, type CredentialFieldName, type SigningKind } from './credential-schema';

export interface NormalisedCredentialFields {
  readonly values: Readonly<Partial<Record<CredentialFieldName, string>>>;
  readonly signingKind: SigningKind;
}

const MAX_FIELD_LENGTH = 8192;

/**
 * Checks that `raw` holds exactly the fields `exchange` needs, each well-formed, and returns them
 * cleaned. Throws MISSING_FIELD, UNEXPECTED_FIELD or MALFORMED_FIELD.
 */
export function normaliseCredentialFields(exchange: ExchangeInfo, raw: Readonly<Record<string, unknown>>): NormalisedCredentialFields {
  const unexpected = Object.keys(raw).filter((field) => !(exchange.fields as readonly string[]).includes(field));
  if (unexpected.length > 0) {
    throw new KeywardenError('UNEXPECTED_FIELD', `${exchange.name} keys do not use ${unexpected.map((f) => `"${f.slice(0, 32)}"`).join(', ')}. The fields are: ${exchange.fields.join(', ')}.`, { field: (unexpected[0] ?? '').slice(0, 32) });
  }
  const values: Partial<Record<CredentialFieldName, string>> = {};
  for (const field of exchange.fields) {
    values[field] = cleanField(exchange, field, raw[field]);
  }
  const signingKind = checkExchangeFormat(exchange, values);
  return { values, signingKind };
}

function cleanField(exchange: ExchangeInfo, field: CredentialFieldName, value: unknown): string {
  const label = fieldLabels[field];
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    throw new KeywardenError('MISSING_FIELD', `The ${label} is missing. ${exchange.name} needs: ${exchange.fields.map((f) => fieldLabels[f]).join(', ')}.`, { field });
  }
  if (typeof value !== 'string') throw malformed(field, `The ${label} must be text.`);
  let text = stripMatchingQuotes(value.trim()).trim();
  if (text === '') throw new KeywardenError('MISSING_FIELD', `The ${label} is missing.`, { field });
  if (text.length > MAX_FIELD_LENGTH) throw malformed(field, `The ${label} is far too long to be a key; check what was pasted.`);
  if (looksLikePem(text)) {
    // .env files and JSON often carry a PEM key with literal "\n" escapes.
    text = text.replace(/\\n/g, '\n').replace(/\r\n?/g, '\n').trim();
    if (!/^[\x20-\x7e\n]+$/.test(text)) throw malformed(field, `The ${label} contains characters that cannot be in a key file (often an invisible character picked up while copying). Copy it again.`);
    return text;
  }
  if (/[\u200b-\u200f\u2060\ufeff]/.test(text)) {
    throw malformed(field, `The ${label} contains an invisible character, usually picked up while copying. Copy it again from the exchange.`);
  }
  // An API passphrase is chosen by the user and may contain spaces; generated keys never do.
  const spacesAllowed = field === 'password';
  if (spacesAllowed ? /[^\S ]/.test(text) : /\s/.test(text)) throw malformed(field, `The ${label} contains a space or line break in the middle. Copy it again from the exchange, in one piece.`);
  if (!(spacesAllowed ? /^[\x20-\x7e]+$/ : /^[\x21-\x7e]+$/).test(text)) throw malformed(field, `The ${label} contains characters that cannot be part of a key (often an invisible character picked up while copying). Copy it again.`);
  return text;
}

/** Format rules the exchange itself enforces, so a mistyped key is caught before it is stored. */
function checkExchangeFormat(exchange: ExchangeInfo, values: Partial<Record<CredentialFieldName, string>>): SigningKind {
  const apiKey = values.apiKey;
  const secret = values.secret;
  if (exchange.id === 'binance' || exchange.id === 'binanceus') {
    if (apiKey !== undefined && !/^[A-Za-z0-9]{64}$/.test(apiKey)) {
      throw malformed('apiKey', `A Binance API key is 64 letters and digits; this one has ${apiKey.length} characters${/[^A-Za-z0-9]/.test(apiKey) ? ' and other symbols' : ''}. Copy it again from API Management.`);
    }
    if (secret === undefined) return 'other';
    if (looksLikePem(secret)) return privateKeyKind('secret', secret, ['ed25519', 'rsa'], 'For a Binance Ed25519 or RSA key, paste the private key file (-----BEGIN PRIVATE KEY-----) as the secret.');
    if (!/^[A-Za-z0-9]{64}$/.test(secret)) {
      throw malformed('secret', `A Binance HMAC secret is 64 letters and digits; this one has ${secret.length} characters. For an Ed25519 or RSA key, paste the private key file instead.`);
    }
    return 'hmac';
  }
  if (exchange.id === 'bybit') {
    if (apiKey !== undefined && !/^[A-Za-z0-9]{10,32}$/.test(apiKey)) {
      throw malformed('apiKey', `A Bybit API key is letters and digits only (18 characters for keys Bybit generates); this one has ${apiKey.length} characters${/[^A-Za-z0-9]/.test(apiKey) ? ' and other symbols' : ''}.`);
    }
    if (secret === undefined) return 'other';
    if (looksLikePem(secret)) return privateKeyKind('secret', secret, ['rsa'], 'For a Bybit self-generated key, paste the RSA private key file as the secret.');
    if (!/^[A-Za-z0-9]{16,64}$/.test(secret)) {
      throw malformed('secret', `A Bybit API secret is letters and digits only (36 characters for keys Bybit generates); this one has ${secret.length} characters.`);
    }
    return 'hmac';
  }
  if (values.privateKey !== undefined && !looksLikePem(values.privateKey) && !/^(0x)?[0-9a-fA-F]{64}$/.test(values.privateKey)) {
    // Wallet-signing exchanges (Hyperliquid, Paradex, …) take a 32-byte hex key.
    if (/^(0x)?[0-9a-fA-F]+$/.test(values.privateKey)) {
      throw malformed('privateKey', `A wallet private key is 64 hex digits; this one has ${values.privateKey.replace(/^0x/, '').length}.`);
    }
  }
  if (values.walletAddress !== undefined && values.walletAddress.startsWith('0x') && !/^0x[0-9a-fA-F]{40}$/.test(values.walletAddress)) {
    throw malformed('walletAddress', 'An EVM wallet address is 0x followed by 40 hex digits; check what was pasted.');
  }
  if (secret !== undefined && looksLikePem(secret)) return privateKeyKind('secret', secret, ['ed25519', 'rsa', 'ec'], 'The secret looks like a key file but cannot be read. Paste the whole file, including the BEGIN and END lines.');
  return secret !== undefined ? 'hmac' : 'other';
}

function privateKeyKind(field: CredentialFieldName, pem: string, accepted: readonly string[], hint: string): SigningKind {
  let type: string | undefined;
  try {
    type = createPrivateKey({ key: pem, format: 'pem' }).asymmetricKeyType;
  } catch {
    throw malformed(field, `The ${fieldLabels[field]} looks like a key file but cannot be read: paste the whole file, including the BEGIN and END lines. ${hint}`);
  }
  if (!type || !accepted.includes(type)) {
    throw malformed(field, `The ${fieldLabels[field]} is a ${type ?? 'unknown'} key, which this exchange does not accept. ${hint}`);
  }
  return type === 'ed25519' ? 'ed25519' : type === 'rsa' ? 'rsa' : 'other';
}

function looksLikePem(text: string): boolean {
  return text.startsWith('-----BEGIN ');
}

function stripMatchingQuotes(text: string): string {
  const first = text[0];
  if (text.length >= 2 && (first === '"' || first === "'" || first === '`') && text.endsWith(first)) return text.slice(1, -1);
  return text;
}

function malformed(field: CredentialFieldName, message: string): KeywardenError {
  return new KeywardenError('MALFORMED_FIELD', message, { field });
}
