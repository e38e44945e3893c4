/**
 * What an account really holds of a market's base coin, for position drift: ccxt `total` (free plus
 * what open orders hold), read fresh after an order settled. Spot exchange accounts only.
 */
import type { Exchange } from 'ccxt';
import type { CredentialRepository } from '../credentials/credential-repository';
import { KeywardenError } from '../errors';
import type { ExchangeClientCache } from '../exchanges/exchange-client-cache';
import { resolveSpotMarket } from '../trading/symbol-resolver';

export interface Holding {
  /** The market's unified symbol (BTC/USDT): one track per market however the alert wrote it. */
  readonly symbol: string;
  readonly base: string;
  readonly total: number;
  /** Differences smaller than this are rounding, not drift: the market's smallest order. */
  readonly tolerance: number;
}

export async function readHolding(credentials: CredentialRepository, clients: ExchangeClientCache, accountId: string, symbol: string): Promise<Holding> {
  const info = credentials.get(accountId);
  const client: Exchange = await (clients.cachedClient(info.id, info.fingerprint) ?? (() => {
    const { secrets } = credentials.getDecrypted(info.id);
    return clients.client({ credentialId: info.id, fingerprint: info.fingerprint, provider: info.provider, environment: info.environment, secrets: secrets as Record<string, string> });
  })());
  const market = resolveSpotMarket(client, symbol);
  let balance;
  try {
    balance = await client.fetchBalance();
  } catch {
    throw new KeywardenError('BALANCE_UNAVAILABLE', `Could not read the balance of "${info.label}" to compare it with the strategy's position.`);
  }
  const total = Number((balance.total as unknown as Record<string, unknown> | undefined)?.[market.base] ?? 0);
  const minimum = Number(client.markets?.[market.symbol]?.limits?.amount?.min ?? 0);
  return { symbol: market.symbol, base: market.base, total: Number.isFinite(total) ? total : 0, tolerance: Number.isFinite(minimum) && minimum > 0 ? minimum : 1e-9 };
}
