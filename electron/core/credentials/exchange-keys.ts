/**
 * Orders, market reads, risk limits and alert scopes name keys that trade: exchange keys and
 * Polymarket accounts. Any other kind named there (an AI provider key, a bot wallet) is refused
 * with what it is, rather than failing later as an unknown exchange.
 */
import { KeywardenError } from '../errors';
import type { CredentialInfo, CredentialKindId } from './credential-schema';

/** The kinds of keys Keywarden places orders with. */
export const tradingKinds: readonly CredentialKindId[] = ['exchange', 'polymarket'];

const whatItIs: Readonly<Partial<Record<CredentialKindId, string>>> = { ai: 'an AI provider key', wallet: 'a bot wallet key' };

export function requireTradingKey(info: CredentialInfo): CredentialInfo {
  if (!tradingKinds.includes(info.kind)) {
    throw new KeywardenError('NOT_AN_EXCHANGE_KEY', `"${info.label}" is ${whatItIs[info.kind] ?? 'not a trading key'}; orders and alerts use exchange keys and Polymarket accounts only.`, { key: info.id });
  }
  return info;
}
