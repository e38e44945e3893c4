/**
 * The period a monthly budget covers: the calendar month in UTC, as the providers' own monthly
 * limits and invoices count it (OpenAI and Anthropic reset usage limits on the 1st, UTC).
 */

/** The first instant of `now`'s calendar month, UTC. */
export function monthStartUtc(now: number): number {
  const date = new Date(now);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

/** The first instant of the next calendar month, UTC: when a spent budget is available again. */
export function nextMonthStartUtc(now: number): number {
  const date = new Date(now);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}
