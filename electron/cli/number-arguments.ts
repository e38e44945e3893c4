/**
 * Numbers given on the command line, read by the same rule as the app and the webhook
 * (electron/shared/decimal-input.ts): `0,001` is 0.001, an ambiguous `1,000` is refused with both
 * readings. A refusal is an INVALID_INPUT error naming the argument.
 */
import { KeywardenError } from '../api/errors';
import { readNonNegativeDecimal, readPositiveDecimal, readWholeNumber, type DecimalReading } from '../shared/decimal-input';

function valueOrThrow(read: DecimalReading): number {
  if (!read.ok) throw new KeywardenError('INVALID_INPUT', read.message);
  return read.value;
}

/** An amount, price, cap or rate: a number above 0. `what` names the argument ("The amount", "--price"). */
export function positiveNumberArgument(text: string, what: string): number {
  return valueOrThrow(readPositiveDecimal(text, what));
}

/** A price that may be 0 (a free or local model). */
export function nonNegativeNumberArgument(text: string, what: string): number {
  return valueOrThrow(readNonNegativeDecimal(text, what));
}

/** A count, a port or minutes: a whole number of 0 or more. */
export function wholeNumberArgument(text: string, what: string): number {
  return valueOrThrow(readWholeNumber(text, what));
}
