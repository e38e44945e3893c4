/**
 * What a pasted key field must look like before anything is stored. Pasted keys often carry stray
 * spaces, line breaks, quotes from a .env file or invisible characters: those are trimmed where
 * harmless and refused otherwise. On top of that, the formats the exchanges themselves enforce
 * (Binance and Bybit keys, wallet keys and addresses), so a mistyped key is caught before it is saved.
 *
 * The core refuses by these rules when a key is saved (core/credentials/credential-fields.ts); the
 * window checks by the same rules while the key is typed, so the two never disagree. Messages name
 * the field and describe the problem, never repeat the value. Reading a key file (PEM) needs
 * node:crypto and stays in the core; this file only says which key files each exchange takes.
 *
 * This file is the shared pure tier: it imports nothing outside electron/shared.
 */
import { fieldLabels, type CredentialFieldName } from './credential-field-labels';

/** Far more than any key or key file; anything longer is a wrong paste. */
export const MAX_KEY_FIELD_LENGTH = 8192;

export type KeyFieldReading =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly problem: 'missing' | 'malformed'; readonly message: string };

/** A key file (PEM) rather than a generated key: read by the core, not checked for a key format. */
export function looksLikeKeyFile(text: string): boolean {
  return text.startsWith('-----BEGIN ');
}

/**
 * `pasted` cleaned the way it will be stored (trimmed, quotes from a .env file dropped, "\n" escapes
 * of a key file turned into line breaks), or why it cannot be a key. An empty field is `missing`.
 */
export function readKeyField(field: CredentialFieldName, pasted: string, source = 'the exchange'): KeyFieldReading {
  const label = fieldLabels[field];
  const malformed = (message: string): KeyFieldReading => ({ ok: false, problem: 'malformed', message });
  let text = stripMatchingQuotes(pasted.trim()).trim();
  if (text === '') return { ok: false, problem: 'missing', message: `The ${label} is missing.` };
  if (text.length > MAX_KEY_FIELD_LENGTH) return malformed(`The ${label} is far too long to be a key; check what was pasted.`);
  if (looksLikeKeyFile(text)) {
    // .env files and JSON often carry a PEM key with literal "\n" escapes.
    text = text.replace(/\\n/g, '\n').replace(/\r\n?/g, '\n').trim();
    if (!/^[\x20-\x7e\n]+$/.test(text)) return malformed(`The ${label} contains characters that cannot be in a key file (often an invisible character picked up while copying). Copy it again.`);
    return { ok: true, value: text };
  }
  if (/[\u200b-\u200f\u2060\ufeff]/.test(text)) {
    return malformed(`The ${label} contains an invisible character, usually picked up while copying. Copy it again from ${source}.`);
  }
  // An API passphrase is chosen by the user and may contain spaces; generated keys never do.
  const spacesAllowed = field === 'password';
  if (spacesAllowed ? /[^\S ]/.test(text) : /\s/.test(text)) return malformed(`The ${label} contains a space or line break in the middle. Copy it again from ${source}, in one piece.`);
  if (!(spacesAllowed ? /^[\x20-\x7e]+$/ : /^[\x21-\x7e]+$/).test(text)) return malformed(`The ${label} contains characters that cannot be part of a key (often an invisible character picked up while copying). Copy it again.`);
  return { ok: true, value: text };
}

/** The key files an exchange accepts in place of an HMAC secret, and what to tell someone whose file is not one. */
export interface KeyFileRule {
  /** node:crypto's `asymmetricKeyType` names. */
  readonly types: readonly string[];
  readonly hint: string;
}

/** How one field of an exchange's generated keys looks. */
interface FieldFormat {
  readonly pattern: RegExp;
  /** The refusal: what the format is and how the value differs (its length, never its text). */
  readonly refusal: (value: string) => string;
}

/** An exchange whose key format is known: its API key, its HMAC secret and the key files it takes instead. */
interface ExchangeKeyFormat {
  readonly apiKey: FieldFormat;
  readonly secret: FieldFormat;
  readonly keyFile: KeyFileRule;
  /** Said under the API key field while it is typed. */
  readonly apiKeyHint: string;
}

const otherSymbols = (value: string): string => (/[^A-Za-z0-9]/.test(value) ? ' and other symbols' : '');

const binance: ExchangeKeyFormat = {
  apiKey: {
    pattern: /^[A-Za-z0-9]{64}$/,
    refusal: (value) => `A Binance API key is 64 letters and digits; this one has ${value.length} characters${otherSymbols(value)}. Copy it again from API Management.`,
  },
  secret: {
    pattern: /^[A-Za-z0-9]{64}$/,
    refusal: (value) => `A Binance HMAC secret is 64 letters and digits; this one has ${value.length} characters. For an Ed25519 or RSA key, paste the private key file instead.`,
  },
  keyFile: { types: ['ed25519', 'rsa'], hint: 'For a Binance Ed25519 or RSA key, paste the private key file (-----BEGIN PRIVATE KEY-----) as the secret.' },
  apiKeyHint: '64 letters and digits, from API Management.',
};

const bybit: ExchangeKeyFormat = {
  apiKey: {
    pattern: /^[A-Za-z0-9]{10,32}$/,
    refusal: (value) => `A Bybit API key is letters and digits only (18 characters for keys Bybit generates); this one has ${value.length} characters${otherSymbols(value)}.`,
  },
  secret: {
    pattern: /^[A-Za-z0-9]{16,64}$/,
    refusal: (value) => `A Bybit API secret is letters and digits only (36 characters for keys Bybit generates); this one has ${value.length} characters.`,
  },
  keyFile: { types: ['rsa'], hint: 'For a Bybit self-generated key, paste the RSA private key file as the secret.' },
  apiKeyHint: '18 letters and digits for keys Bybit generates.',
};

/** By ccxt exchange id. Binance.US issues keys the way Binance does. */
const exchangeKeyFormats: ReadonlyMap<string, ExchangeKeyFormat> = new Map([
  ['binance', binance],
  ['binanceus', binance],
  ['bybit', bybit],
]);

const anyKeyFile: KeyFileRule = {
  types: ['ed25519', 'rsa', 'ec'],
  hint: 'The secret looks like a key file but cannot be read. Paste the whole file, including the BEGIN and END lines.',
};

/**
 * The format problem of one cleaned field (from readKeyField) for `exchangeId`, or null when it has
 * the exchange's format or the exchange has none. A key file as the secret is not checked here.
 */
export function keyFieldFormatProblem(exchangeId: string, field: CredentialFieldName, value: string): string | null {
  const format = exchangeKeyFormats.get(exchangeId);
  if (format !== undefined && (field === 'apiKey' || (field === 'secret' && !looksLikeKeyFile(value)))) {
    const { pattern, refusal } = format[field];
    return pattern.test(value) ? null : refusal(value);
  }
  // Wallet-signing exchanges (Hyperliquid, Paradex, …) take a 32-byte hex key; only a hex paste of the wrong length is surely wrong.
  if (field === 'privateKey' && !looksLikeKeyFile(value) && /^(0x)?[0-9a-fA-F]+$/.test(value) && !/^(0x)?[0-9a-fA-F]{64}$/.test(value)) {
    return `A wallet private key is 64 hex digits; this one has ${value.replace(/^0x/, '').length}.`;
  }
  if (field === 'walletAddress' && value.startsWith('0x') && !/^0x[0-9a-fA-F]{40}$/.test(value)) {
    return 'An EVM wallet address is 0x followed by 40 hex digits; check what was pasted.';
  }
  return null;
}

/** The key files `exchangeId` accepts as the secret. */
export function keyFileRule(exchangeId: string): KeyFileRule {
  return exchangeKeyFormats.get(exchangeId)?.keyFile ?? anyKeyFile;
}

/** What the exchange's API key looks like, to say under the field; null where Keywarden does not know. */
export function apiKeyHint(exchangeId: string): string | null {
  return exchangeKeyFormats.get(exchangeId)?.apiKeyHint ?? null;
}

function stripMatchingQuotes(text: string): string {
  const first = text[0];
  if (text.length >= 2 && (first === '"' || first === "'" || first === '`') && text.endsWith(first)) return text.slice(1, -1);
  return text;
}
