/**
 * The manual order form's values, and the order intent they make. Amounts and prices are kept as
 * typed (strings) so a half-typed "0." is not lost; the intent exists only once they are numbers.
 */
import { readPositiveDecimal } from '../../../../electron/shared/decimal-input';
import type { AmountUnit, OrderIntent, OrderSide, OrderType } from '../../api/contract-types';

export interface OrderDraft {
  readonly account: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly amount: string;
  readonly unit: AmountUnit;
  readonly price: string;
  readonly paper: boolean;
  /** Perpetual futures: the order may only shrink the position. */
  readonly reduceOnly?: boolean;
}

export type DraftReading =
  | { readonly kind: 'intent'; readonly intent: OrderIntent; readonly key: string }
  /** Not filled in yet: nothing to say. */
  | { readonly kind: 'incomplete' }
  /** Filled in, but not as an order can be: say what is wrong with which field. */
  | { readonly kind: 'problem'; readonly field: 'amount' | 'price'; readonly message: string };

/**
 * The order the form describes, or what is missing or wrong. Amount and price are read by the one
 * number rule (electron/shared/decimal-input.ts), and a refusal ("1,000" could mean 1000 or 1) is
 * said as soon as the field holds it, even before the rest of the form is filled in.
 */
export function readDraft(draft: OrderDraft): DraftReading {
  const amountTyped = draft.amount.trim() !== '';
  const amount = amountTyped ? readPositiveDecimal(draft.amount, 'The amount') : null;
  if (amount !== null && !amount.ok) return { kind: 'problem', field: 'amount', message: amount.message };
  const priceTyped = draft.type === 'limit' && draft.price.trim() !== '';
  const price = priceTyped ? readPositiveDecimal(draft.price, 'The price') : null;
  if (price !== null && !price.ok) return { kind: 'problem', field: 'price', message: price.message };
  if (draft.account === '' || draft.symbol.trim() === '' || amount === null) return { kind: 'incomplete' };
  if (draft.type === 'limit' && price === null) return { kind: 'incomplete' };
  const intent: OrderIntent = {
    account: draft.account,
    symbol: draft.symbol.trim(),
    side: draft.side,
    type: draft.type,
    amount: amount.value,
    amountUnit: draft.unit,
    ...(price === null ? {} : { price: price.value }),
    ...(draft.paper ? { paper: true } : {}),
    ...(draft.reduceOnly === true ? { reduceOnly: true } : {}),
  };
  return { kind: 'intent', intent, key: JSON.stringify(intent) };
}

/** A fresh idempotency key: the same key never places a second order. */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return `ui-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}
