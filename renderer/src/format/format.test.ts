/**
 * How numbers and dates are written on screen, in whatever locale the machine runs: checked by
 * reading them back with the one number rule, so these hold in English, German or Swiss locales alike.
 */
import { describe, expect, it } from 'vitest';
import { readDecimal } from '../../../electron/shared/decimal-input';
import { formatDate, formatDateTime, formatDateTimeSeconds } from './dates';
import { formatAmount, formatCount, formatUsd } from './numbers';
import { readAsNote } from './typed-number';

const readBack = (text: string): number => {
  // A currency sign and the letters of a currency code are not part of the number.
  const read = readDecimal(text.replace(/[^\d.,'’\s\u00A0\u202F\u2009\u066B\u066C\u0660-\u0669\u06F0-\u06F9-]/g, ''));
  if (!read.ok) throw new Error(`${JSON.stringify(text)} does not read back: ${read.message}`);
  return read.value;
};
/** The digits of a text, in ASCII, whatever digits the locale writes. */
const digitsOf = (text: string): string =>
  text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => String((d.charCodeAt(0) - 0x0660) % 0x90)).replace(/[^0-9]/g, '');

describe('numbers', () => {
  it('writes coin amounts and prices with up to 8 decimals (satoshi precision), rounding beyond', () => {
    expect(readBack(formatAmount(0.00000001))).toBe(0.00000001);
    expect(readBack(formatAmount(0.123456789))).toBe(0.12345679);
    expect(readBack(formatAmount(65_000.5))).toBe(65_000.5);
    expect(formatAmount(1.5)).not.toMatch(/0$/);
  });

  it('writes USD with cents and a dollar sign', () => {
    expect(formatUsd(1234.5)).toContain('$');
    expect(readBack(formatUsd(1234.5))).toBe(1234.5);
    expect(readBack(formatUsd(0.004))).toBe(0);
  });

  it('writes counts as whole numbers', () => {
    // Digits only: Indian locales group 12,34,567, which the number rule refuses on purpose.
    expect(digitsOf(formatCount(1_234_567))).toBe('1234567');
    expect(formatCount(2.6)).toBe(formatCount(3));
  });
});

describe('dates', () => {
  const at = Date.UTC(2025, 2, 14, 12, 0, 7);
  it('tells days apart, times within a day apart, and seconds only where records share a minute', () => {
    expect(formatDate(at)).not.toBe(formatDate(at + 86_400_000));
    expect(formatDate(at)).toBe(formatDate(at + 60_000));
    expect(formatDateTime(at)).not.toBe(formatDateTime(at + 3_600_000));
    expect(formatDateTime(at)).toBe(formatDateTime(at + 1_000));
    expect(formatDateTimeSeconds(at)).not.toBe(formatDateTimeSeconds(at + 1_000));
  });
});

describe('readAsNote: what a typed number was read as', () => {
  it('says so only when the reading is written differently from what was typed', () => {
    expect(readAsNote('0,001')).toBe('Read as 0.001');
    expect(readAsNote("65'000")).toBe('Read as 65000');
    expect(readAsNote('0.5')).toBeNull();
    expect(readAsNote('  0.5  ')).toBeNull();
  });

  it('says nothing for a refusal or an empty field: the field’s error speaks then', () => {
    expect(readAsNote('1,000')).toBeNull();
    expect(readAsNote('')).toBeNull();
    expect(readAsNote('abc')).toBeNull();
  });
});
