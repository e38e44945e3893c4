/**
 * The expiry date a person sets on a key (issue 17), as typed and as shown: read by the shared rule
 * (electron/shared/expiry-date.ts), and explained with the day the reminder starts
 * (electron/shared/key-warnings.ts), so the window, the CLI and the core agree on every date.
 */
import type { CredentialInfo } from '../../api/contract-types';
import { expiryDay, readExpiryDate, type ExpiryReading } from '../../../../electron/shared/expiry-date';
import { EXPIRY_WARNING_DAYS } from '../../../../electron/shared/key-warnings';

const DAY_MS = 86_400_000;

/** An optional date field: empty is "no date" (null); anything else must be a day the shared rule accepts. */
export function readOptionalExpiry(text: string, now: number): { readonly ok: true; readonly value: number | null } | Extract<ExpiryReading, { ok: false }> {
  return text.trim() === '' ? { ok: true, value: null } : readExpiryDate(text, now);
}

/** What the key page says about a key's expiry, one sentence a line. `providerName` as people know it. */
export function expiryLines(credential: Pick<CredentialInfo, 'expiresAt' | 'ownExpiresAt' | 'status'>, providerName: string, now: number): string[] {
  const { expiresAt, ownExpiresAt } = credential;
  if (expiresAt === null) return [`No expiry date. Set one and Keywarden stops using the key on that day, with a reminder ${EXPIRY_WARNING_DAYS} days before.`];
  const lines: string[] = [];
  if (ownExpiresAt !== null) {
    lines.push(ownExpiresAt <= now
      ? `You set ${expiryDay(ownExpiresAt)} as the expiry date: Keywarden no longer uses or hands out this key.`
      : `You set ${expiryDay(ownExpiresAt)} as the expiry date: from that day (UTC) Keywarden no longer uses or hands out this key.`);
  }
  if (expiresAt !== ownExpiresAt) lines.push(`${providerName} reports that the key expires on ${expiryDay(expiresAt)}${ownExpiresAt === null ? '' : ', before your date'}.`);
  const reminderFrom = expiresAt - EXPIRY_WARNING_DAYS * DAY_MS;
  if (reminderFrom > now) lines.push(`The reminder shows from ${expiryDay(reminderFrom)}, ${EXPIRY_WARNING_DAYS} days before.`);
  return lines;
}
