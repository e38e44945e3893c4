/**
 * Light checks of a key field while it is typed, to catch the usual paste mistakes early. The core
 * checks again on save and its message is the one that counts (credential-fields.ts); these only
 * mirror its most common rules and never refuse what the core might accept.
 */
import type { CredentialFieldName, ExchangeInfo } from '../../api/contract-types';
import { fieldLabels } from './field-labels';

/**
 * The problem with `value`, or null. While typing (`final` false) an empty field is not a problem
 * yet; on submit it is.
 */
export function checkKeyField(exchange: ExchangeInfo, field: CredentialFieldName, rawValue: string, final: boolean): string | null {
  const label = fieldLabels[field];
  const value = rawValue.trim();
  if (value === '') return final ? `Enter the ${label}.` : null;
  if (value.startsWith('-----BEGIN ')) return null;
  // An API passphrase is chosen by the user and may contain spaces; generated keys never do.
  const whitespaceInside = field === 'password' ? /[^\S ]/ : /\s/;
  if (whitespaceInside.test(value)) return `The ${label} contains a space or line break in the middle. Copy it again, in one piece.`;
  if (/[\u200b-\u200f\u2060\ufeff]/.test(value)) return `The ${label} contains an invisible character, usually picked up while copying. Copy it again.`;

  const alphanumeric = /^[A-Za-z0-9]+$/.test(value);
  if (exchange.id === 'binance' || exchange.id === 'binanceus') {
    if (field === 'apiKey' && !(alphanumeric && value.length === 64)) return `A Binance API key is 64 letters and digits; this one has ${value.length} characters${alphanumeric ? '' : ' and other symbols'}.`;
    if (field === 'secret' && !(alphanumeric && value.length === 64)) return `A Binance HMAC secret is 64 letters and digits; this one has ${value.length}. For an Ed25519 or RSA key, paste the private key file instead.`;
  }
  if (exchange.id === 'bybit') {
    if (field === 'apiKey' && !(alphanumeric && value.length >= 10 && value.length <= 32)) return `A Bybit API key is letters and digits only (18 characters for keys Bybit generates); this one has ${value.length}.`;
    if (field === 'secret' && !(alphanumeric && value.length >= 16 && value.length <= 64)) return `A Bybit API secret is letters and digits only (36 characters for keys Bybit generates); this one has ${value.length}.`;
  }
  return null;
}
