/**
 * An exchange account's outbound proxy (issue 20) is stored as one more sealed field, `proxyUrl`, beside
 * the key (it may carry a password, like a wallet's RPC URL), and changed through the same settings
 * path (`credentials.changeSettings`, wallet-settings.ts). It is not one of the exchange's own
 * credential fields: it is taken out before those are checked and never reaches ccxt's credentials.
 */
import { checkProxyUrl } from '../../shared/outbound-proxy';
import { KeywardenError } from '../errors';
import type { NormalisedCredentialFields } from './credential-fields';

/** The settings of an exchange account that change without a new key. */
export const exchangeSettingFields = ['proxyUrl'] as const;

/** Checks the exchange's own fields with `normalise`, then the proxy URL when one is given (empty: none). */
export function withOutboundProxy(raw: Readonly<Record<string, unknown>>, normalise: (fields: Readonly<Record<string, unknown>>) => NormalisedCredentialFields): NormalisedCredentialFields {
  const { proxyUrl, ...keyFields } = raw;
  const normalised = normalise(keyFields);
  if (proxyUrl === undefined || proxyUrl === null || (typeof proxyUrl === 'string' && proxyUrl.trim() === '')) return normalised;
  return { ...normalised, values: { ...normalised.values, proxyUrl: checkedProxyUrl(proxyUrl) } };
}

/** A proxy URL fit to store, or MALFORMED_FIELD with what is wrong (never the URL: it may hold a password). */
export function checkedProxyUrl(value: unknown): string {
  if (typeof value !== 'string') throw new KeywardenError('MALFORMED_FIELD', 'The outbound proxy must be text.', { field: 'proxyUrl' });
  const check = checkProxyUrl(value);
  if (!check.ok) throw new KeywardenError('MALFORMED_FIELD', check.problem, { field: 'proxyUrl' });
  return check.url;
}

/** The ccxt credential fields of a stored exchange key, and its proxy apart. */
export function splitProxy(secrets: Readonly<Record<string, string>>): { readonly credentials: Record<string, string>; readonly proxyUrl: string | undefined } {
  const { proxyUrl, ...credentials } = secrets;
  return { credentials, proxyUrl };
}
