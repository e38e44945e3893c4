/**
 * The channels the Polymarket pages call directly, read fresh on every visit and kept in the
 * component that shows them, never in a store: a market's book, the funder's pUSD and positions,
 * and this account's orders. (The signing key's export is the wallets' dialog: features/wallets.)
 */
import { callChannel } from '../../api/call-channel';
import type { ChannelOutput, ContractResult } from '../../api/contract-types';

export type PolymarketMarket = ChannelOutput<'polymarket.market'>;
export type PolymarketPositions = ChannelOutput<'polymarket.positions'>;
export type AccountOrder = ChannelOutput<'orders.list'>[number];

export function lookUpMarket(market: string): Promise<ContractResult<PolymarketMarket>> {
  return callChannel(window.keywarden, 'polymarket.market', { market });
}

export function loadPositions(account: string): Promise<ContractResult<PolymarketPositions>> {
  return callChannel(window.keywarden, 'polymarket.positions', { account });
}

export function loadAccountOrders(account: string): Promise<ContractResult<AccountOrder[]>> {
  return callChannel(window.keywarden, 'orders.list', { account, limit: 50 });
}
