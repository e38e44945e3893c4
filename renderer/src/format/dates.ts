/** Dates as the user's locale writes them. Timestamps from the core are milliseconds since 1970 (UTC). */
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateTimeSeconds = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function formatDateTime(at: number): string {
  return dateTime.format(at);
}

/** For the audit log, where several records often share a minute. */
export function formatDateTimeSeconds(at: number): string {
  return dateTimeSeconds.format(at);
}

export function formatDate(at: number): string {
  return dateOnly.format(at);
}
