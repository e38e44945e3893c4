/**
 * The free balance of an asset on the account, as the exchange answers it, so a sell of more than is
 * held (or a buy costing more than the free quote) is refused with a clear message instead of being
 * sent. An order is decided on the latest answer of the last moment less what the key's own orders
 * took since (balance-ledger.ts); a balance from a minute ago is never used.
 */
import type { Exchange } from 'ccxt';
import { KeywardenError, isKeywardenError } from '../errors';
import { exchangeUnreachable, isUnreachable, unreachableConsequence } from '../exchanges/exchange-unreachable';
import { exchangeName } from './order-sizing';
import { throwIfIpRefused } from './order-ip-refusal';

export interface FreeBalance {
  readonly asset: string;
  /** What the account can spend now (ccxt `free`: total minus what open orders hold). */
  readonly free: number;
}

/** The free amounts of `assets` (an asset the account does not hold is 0). */
export async function fetchFreeBalances(client: Exchange, assets: readonly string[]): Promise<Record<string, number>> {
  const free = await fetchAllFree(client);
  return Object.fromEntries(assets.map((asset) => [asset, free.get(asset) ?? 0]));
}

/** Every asset's free amount the exchange reports (absent: 0; a junk or negative amount counts as 0). */
export async function fetchAllFree(client: Exchange): Promise<ReadonlyMap<string, number>> {
  let balance;
  try {
    balance = await client.fetchBalance();
  } catch (error) {
    if (isKeywardenError(error)) throw error;
    if (isUnreachable(error)) throw exchangeUnreachable(exchangeName(client), error, unreachableConsequence.nothingSent);
    throwIfIpRefused(error, client.id, exchangeName(client));
    throw new KeywardenError('BALANCE_UNAVAILABLE', `Could not read your balance on ${exchangeName(client)}, so nothing was sent. Try again.`);
  }
  const free = (balance.free ?? {}) as unknown as Record<string, unknown>;
  const amounts = new Map<string, number>();
  for (const [asset, value] of Object.entries(free)) {
    const amount = Number(value);
    if (Number.isFinite(amount) && amount > 0) amounts.set(asset, amount);
  }
  return amounts;
}

export async function fetchFreeBalance(client: Exchange, asset: string): Promise<FreeBalance> {
  const free = await fetchFreeBalances(client, [asset]);
  return { asset, free: free[asset] ?? 0 };
}
