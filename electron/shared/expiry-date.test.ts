import { describe, expect, it } from 'vitest';
import { effectiveExpiry, expiryDay, readExpiryDate } from './expiry-date';

const NOW = Date.UTC(2026, 11, 6, 10, 0);

describe('an expiry date as typed', () => {
  it('is the start of that day, UTC', () => {
    expect(readExpiryDate('2027-03-01', NOW)).toEqual({ ok: true, value: Date.UTC(2027, 2, 1) });
    expect(readExpiryDate(' 2026-12-07 ', NOW)).toEqual({ ok: true, value: Date.UTC(2026, 11, 7) });
    expect(expiryDay(Date.UTC(2027, 2, 1))).toBe('2027-03-01');
  });

  it.each([
    ['01/03/2027', 'YYYY-MM-DD'],
    ['2027-3-1', 'YYYY-MM-DD'],
    ['2027-03-01T00:00', 'YYYY-MM-DD'],
    ['', 'YYYY-MM-DD'],
    ['tomorrow', 'YYYY-MM-DD'],
    ['2027-02-30', 'not a day of the calendar'],
    ['2027-13-01', 'not a day of the calendar'],
    ['2026-12-06', 'must be after today'],
    ['2020-01-01', 'must be after today'],
    ['2207-03-01', 'more than 10 years ahead'],
  ])('refuses %j', (text, says) => {
    const reading = readExpiryDate(text, NOW);
    expect(reading.ok).toBe(false);
    if (!reading.ok) expect(reading.message).toContain(says);
  });

  it('takes the earlier of the provider\'s date and the owner\'s', () => {
    expect(effectiveExpiry(null, null)).toBeNull();
    expect(effectiveExpiry(5, null)).toBe(5);
    expect(effectiveExpiry(null, 7)).toBe(7);
    expect(effectiveExpiry(9, 7)).toBe(7);
  });
});
