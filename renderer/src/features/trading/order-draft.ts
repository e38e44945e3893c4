/**
 * The manual order form's values, and the order intent they make. Amounts and prices are kept as
 * typed (strings) so a half-typed "0." is not lost; the intent exists only once they are numbers.
 */
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
}

export type DraftReading =
  | { readonly kind: 'intent'; readonly intent: OrderIntent; readonly key: string }
  /** Not filled in yet: nothing to say. */
  | { readonly kind: 'incomplete' }
  /** Filled in, but not as an order can be: say what is wrong with which field. */
  | { readonly kind: 'problem'; readonly field: 'amount' | 'price'; readonly message: string };

/** A decimal number as people type it: "0.5", ".5", "1,000.5" (thousands commas dropped), or null. */
export function parseDecimal(raw: string): number | null {
  const text = raw.trim().replace(/,(?=\d{3}(\D|$))/g, '').replace(',', '.');
  if (!/^(\d+\.?\d*|\.\d+)$/.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

export function readDraft(draft: OrderDraft): DraftReading {
  if (draft.account === '' || draft.symbol.trim() === '' || draft.amount.trim() === '') return { kind: 'incomplete' };
  const amount = parseDecimal(draft.amount);
  if (amount === null || amount <= 0) return { kind: 'problem', field: 'amount', message: 'Enter an amount above 0, such as 0.001 or 50.' };
  let price: number | undefined;
  if (draft.type === 'limit') {
    if (draft.price.trim() === '') return { kind: 'incomplete' };
    const parsed = parseDecimal(draft.price);
    if (parsed === null || parsed <= 0) return { kind: 'problem', field: 'price', message: 'Enter a price above 0.' };
    price = parsed;
  }
  const intent: OrderIntent = {
    account: draft.account,
    symbol: draft.symbol.trim(),
    side: draft.side,
    type: draft.type,
    amount,
    amountUnit: draft.unit,
    ...(price === undefined ? {} : { price }),
    ...(draft.paper ? { paper: true } : {}),
  };
  return { kind: 'intent', intent, key: JSON.stringify(intent) };
}

/** A fresh idempotency key: the same key never places a second order. */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return `ui-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}
