/**
 * The expiry date a person sets on a key (issue 17: "--expires 2027-03-01", or the date field on
 * the key's page): read the same way by the CLI, the window and the core. A key expires at the
 * start of that day, UTC; from then on Keywarden never uses or releases it.
 *
 * This file is the shared pure tier: it imports nothing.
 */

const DAY_MS = 24 * 3600_000;
/** Further ahead than any provider keeps a key: a typo (2207-03-01) rather than a plan. */
const MAX_YEARS_AHEAD = 10;

export type ExpiryReading = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly message: string };

/** `text` as YYYY-MM-DD, a real calendar day, after today and at most ten years ahead. */
export function readExpiryDate(text: string, now: number): ExpiryReading {
  const refuse = (message: string): ExpiryReading => ({ ok: false, message });
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return refuse('Give the expiry date as YYYY-MM-DD, such as 2027-03-01.');
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const value = Date.UTC(year, month - 1, day);
  const date = new Date(value);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return refuse(`${text.trim()} is not a day of the calendar.`);
  }
  if (value <= now) return refuse('The expiry date must be after today. To stop using the key now, revoke it.');
  if (value > now + MAX_YEARS_AHEAD * 366 * DAY_MS) return refuse(`The expiry date is more than ${MAX_YEARS_AHEAD} years ahead; check the year.`);
  return { ok: true, value };
}

/** The day a stored expiry falls on, as YYYY-MM-DD (UTC), the form it was typed in. */
export function expiryDay(value: number): string {
  return new Date(value).toISOString().slice(0, 10);
}

/** When a key stops being usable: the earlier of the date its provider reports and the date its owner set. */
export function effectiveExpiry(reported: number | null, own: number | null): number | null {
  if (reported === null) return own;
  if (own === null) return reported;
  return Math.min(reported, own);
}
