/**
 * The Polymarket order form's values and the order intent they make. Amounts and prices are kept as
 * typed and read by the one number rule (electron/shared/decimal-input.ts), as on the Trade page. A
 * market buy is sized in pUSD to spend; every other order in shares. A limit price is a probability,
 * 0.01 to 0.99. Market orders fill all or nothing (FOK) or as much as they can (FAK).
 */
import { readPositiveDecimal } from '../../../../electron/shared/decimal-input';
import type { OrderIntent, OrderSide, OrderType } from '../../api/contract-types';

export type MarketFill = 'fok' | 'fak';

export interface PolymarketDraft {
  readonly account: string;
  /** The market as the person typed it to look it up (slug, link or token id). */
  readonly market: string;
  readonly outcome: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly amount: string;
  readonly price: string;
  readonly fill: MarketFill;
  readonly paper: boolean;
}

export type PolymarketDraftReading =
  | { readonly kind: 'intent'; readonly intent: OrderIntent; readonly key: string }
  | { readonly kind: 'incomplete' }
  | { readonly kind: 'problem'; readonly field: 'amount' | 'price'; readonly message: string };

export const MIN_PRICE = 0.01;
export const MAX_PRICE = 0.99;

/** A market buy spends pUSD; everything else counts shares. */
export function amountInPusd(draft: Pick<PolymarketDraft, 'side' | 'type'>): boolean {
  return draft.type === 'market' && draft.side === 'buy';
}

export function readPolymarketDraft(draft: PolymarketDraft): PolymarketDraftReading {
  const inPusd = amountInPusd(draft);
  const amount = draft.amount.trim() === '' ? null : readPositiveDecimal(draft.amount, inPusd ? 'The pUSD to spend' : 'The number of shares');
  if (amount !== null && !amount.ok) return { kind: 'problem', field: 'amount', message: amount.message };
  const price = draft.type === 'limit' && draft.price.trim() !== '' ? readPositiveDecimal(draft.price, 'The limit price') : null;
  if (price !== null && !price.ok) return { kind: 'problem', field: 'price', message: price.message };
  if (price !== null && price.ok && (price.value < MIN_PRICE || price.value > MAX_PRICE)) {
    return { kind: 'problem', field: 'price', message: `The limit price is a probability between ${MIN_PRICE} and ${MAX_PRICE} pUSD a share (${price.canonical} is outside it).` };
  }
  if (draft.account === '' || draft.market.trim() === '' || draft.outcome === '' || amount === null) return { kind: 'incomplete' };
  if (draft.type === 'limit' && price === null) return { kind: 'incomplete' };
  const intent = {
    account: draft.account,
    symbol: draft.market.trim(),
    outcome: draft.outcome,
    side: draft.side,
    type: draft.type,
    amount: amount.value,
    amountUnit: inPusd ? 'quote' : 'base',
    ...(price === null ? {} : { price: price.value }),
    ...(draft.type === 'market' ? { marketFill: draft.fill } : {}),
    ...(draft.paper ? { paper: true } : {}),
  } as OrderIntent;
  return { kind: 'intent', intent, key: JSON.stringify(intent) };
}
