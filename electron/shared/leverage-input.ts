/**
 * How a typed leverage is read, in the window while a person types (the Trade page, the limits
 * page): a whole number from 1 to the most any supported exchange allows, "10x" read as 10. The
 * core reads a leverage being set through this same function (core/trading/futures/futures-limits.ts readLeverage).
 *
 * This file is the shared pure tier: it imports only itself.
 */
import { readWholeNumber, type DecimalReading } from './decimal-input';
import { EXCHANGE_MAX_LEVERAGE } from './setting-ranges';

/** "10", "10x", " 10 X" → 10. "0", "126", "1,5", "1.5", "-3", "ten" are refused with the reason. */
export function readLeverageInput(text: string, what = 'The leverage'): DecimalReading {
  const read = readWholeNumber(text.trim().replace(/^(\d+)\s*[xX]$/, '$1'), what);
  if (!read.ok) return { ok: false, message: `${read.message} Leverage is a whole number from 1 to ${EXCHANGE_MAX_LEVERAGE}, such as 5.` };
  if (read.value < 1) return { ok: false, message: `${what} must be at least 1 (1 = no leverage).` };
  if (read.value > EXCHANGE_MAX_LEVERAGE) return { ok: false, message: `${what} ${read.value} is above ${EXCHANGE_MAX_LEVERAGE}, the most any supported exchange allows.` };
  return read;
}
