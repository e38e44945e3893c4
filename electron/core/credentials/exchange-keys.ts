/**
 * Orders, market reads and alert scopes name exchange keys only: an AI provider key (or any other
 * kind) named there is refused with what it is, rather than failing later as an unknown exchange.
 */
import { KeywardenError } from '../errors';
import type { CredentialInfo } from './credential-schema';

export function requireExchangeKey(info: CredentialInfo): CredentialInfo {
  if (info.kind !== 'exchange') {
    throw new KeywardenError('NOT_AN_EXCHANGE_KEY', `"${info.label}" is an AI provider key; orders and alerts use exchange keys only.`, { key: info.id });
  }
  return info;
}
