/** An owner's expiry date: read by the shared rule, explained with its reminder. */
import { describe, expect, it } from 'vitest';
import { NOW } from '../../testing/contract-fixtures';
import { expiryLines, readOptionalExpiry } from './expiry-presentation';

const DAY = 86_400_000;
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

describe('readOptionalExpiry', () => {
  it('reads empty as no date and a day by the shared rule', () => {
    expect(readOptionalExpiry('  ', NOW)).toEqual({ ok: true, value: null });
    expect(readOptionalExpiry('2026-03-01', NOW)).toEqual({ ok: true, value: day('2026-03-01') });
    expect(readOptionalExpiry('2025-02-30', NOW)).toEqual({ ok: false, message: '2025-02-30 is not a day of the calendar.' });
    expect(readOptionalExpiry('01/03/2026', NOW)).toEqual({ ok: false, message: 'Give the expiry date as YYYY-MM-DD, such as 2027-03-01.' });
  });
});

describe('expiryLines', () => {
  const none = { expiresAt: null, ownExpiresAt: null, status: 'active' } as const;

  it('offers a date when the key has none', () => {
    expect(expiryLines(none, 'OpenAI', NOW)).toEqual(['No expiry date. Set one and Keywarden stops using the key on that day, with a reminder 14 days before.']);
  });

  it('says the owner’s date and when the reminder starts', () => {
    const at = day('2025-09-01');
    expect(expiryLines({ ...none, expiresAt: at, ownExpiresAt: at }, 'OpenAI', NOW)).toEqual([
      'You set 2025-09-01 as the expiry date: from that day (UTC) Keywarden no longer uses or hands out this key.',
      'The reminder shows from 2025-08-18, 14 days before.',
    ]);
  });

  it('leaves out a reminder that already shows, and says when the date has passed', () => {
    const soon = NOW + 3 * DAY;
    expect(expiryLines({ ...none, expiresAt: soon, ownExpiresAt: soon }, 'OpenAI', NOW)).toHaveLength(1);
    const past = NOW - DAY;
    expect(expiryLines({ ...none, expiresAt: past, ownExpiresAt: past, status: 'expired' }, 'OpenAI', NOW)).toEqual([
      `You set ${new Date(past).toISOString().slice(0, 10)} as the expiry date: Keywarden no longer uses or hands out this key.`,
    ]);
  });

  it('names the provider’s own earlier date', () => {
    const own = day('2026-01-01');
    const reported = day('2025-12-01');
    expect(expiryLines({ ...none, expiresAt: reported, ownExpiresAt: own }, 'Bybit', NOW)).toEqual([
      'You set 2026-01-01 as the expiry date: from that day (UTC) Keywarden no longer uses or hands out this key.',
      'Bybit reports that the key expires on 2025-12-01, before your date.',
      'The reminder shows from 2025-11-17, 14 days before.',
    ]);
  });
});
