/**
 * The perpetual-futures channels the Trade page and the panic dialog call directly (futures-contract.ts),
 * read fresh where they are shown and never kept in a store: an account's positions, leverage set
 * by the person, closing a position, and panic's positions.
 */
import { callChannel } from '../../api/call-channel';
import type { ChannelInput, ChannelOutput, ContractResult } from '../../api/contract-types';

export type FuturesAccount = ChannelOutput<'futures.account'>;
export type FuturesPosition = FuturesAccount['positions'][number];
export type MarginMode = NonNullable<FuturesPosition['marginMode']>;
export type PanicPositionsPreview = ChannelOutput<'futures.panicPreview'>;
export type ClosedOrders = ChannelOutput<'futures.close'>;

export function loadFuturesAccount(account: string): Promise<ContractResult<FuturesAccount>> {
  return callChannel(window.keywarden, 'futures.account', { account });
}

export function setLeverage(change: ChannelInput<'futures.setLeverage'>): Promise<ContractResult<ChannelOutput<'futures.setLeverage'>>> {
  return callChannel(window.keywarden, 'futures.setLeverage', change);
}

export function closePosition(request: ChannelInput<'futures.close'>): Promise<ContractResult<ClosedOrders>> {
  return callChannel(window.keywarden, 'futures.close', request);
}

export function previewPanicPositions(): Promise<ContractResult<PanicPositionsPreview>> {
  return callChannel(window.keywarden, 'futures.panicPreview', {});
}

export function closePanicPositions(confirmation: string): Promise<ContractResult<ClosedOrders>> {
  return callChannel(window.keywarden, 'futures.panicClose', { confirmation });
}
