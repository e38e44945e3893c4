/** `--since` / `--until` of `keywarden audit`: a day (UTC) or an ISO time, into a range of ms. */
import { KeywardenError } from '../api/errors';

const DAY_MS = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function read(text: string, option: string): { at: number; isDay: boolean } {
  const trimmed = text.trim();
  const at = Date.parse(DAY.test(trimmed) ? `${trimmed}T00:00:00Z` : trimmed);
  // Date.parse rolls 2026-02-31 into March: a day must come back as itself.
  if (!Number.isFinite(at) || (DAY.test(trimmed) && new Date(at).toISOString().slice(0, 10) !== trimmed)) {
    throw new KeywardenError('INVALID_INPUT', `${option} must be a day like 2026-03-01 or a time like 2026-03-01T14:00:00Z.`);
  }
  return { at, isDay: DAY.test(trimmed) };
}

/** `until` is exclusive: a day given as the end includes that whole day. */
export function auditDateRange(since: string | undefined, until: string | undefined): { since?: number; until?: number } {
  const range: { since?: number; until?: number } = {};
  if (since !== undefined) range.since = read(since, '--since').at;
  if (until !== undefined) {
    const end = read(until, '--until');
    range.until = end.isDay ? end.at + DAY_MS : end.at;
  }
  if (range.since !== undefined && range.until !== undefined && range.until <= range.since) {
    throw new KeywardenError('INVALID_INPUT', '--until must be after --since.');
  }
  if (range.since !== undefined && range.since < 0) throw new KeywardenError('INVALID_INPUT', '--since must be after 1970.');
  return range;
}
