/**
 * How long webhook events are kept (the deleting is WebhookEventLog.prune's, the table's owner), and giving the space back (issue 22). Alerts that were handed to
 * trading are kept `keepAcceptedDays` (their orders stay for good in `orders`: the event is the
 * request's story, not the trade), refusals `keepRefusedDays`; an alert still waiting to settle is
 * never deleted (crash recovery needs it). Deleted pages go back to the file through SQLite's
 * incremental vacuum; a file made before that mode is converted once, by a full VACUUM, at a quiet
 * moment: VACUUM rewrites the file in one transaction, so a kill midway leaves the old file intact.
 */
import type { Database } from 'better-sqlite3';

/** Outcomes of alerts that were handed to trading and settled ('accepted' = not settled yet: kept). */
export const SETTLED_HANDED_ON = ['placed', 'blocked', 'rejected', 'failed'] as const;
/** Outcomes of alerts that were handed to trading (a repeat of one of these is a duplicate). */
export const HANDED_ON = ['accepted', ...SETTLED_HANDED_ON] as const;
export interface EventRetention {
  readonly keepAcceptedDays: number;
  readonly keepRefusedDays: number;
}

/** What reclaimSpace did: gave free pages back, converted the file to incremental vacuum, or nothing. */
export type Reclaimed = 'incremental' | 'converted' | 'skipped';

/**
 * Gives free pages back to the file system. With incremental auto-vacuum on, a cheap
 * `incremental_vacuum`; otherwise, only when `allowFullVacuum` (a quiet moment), it turns the mode on
 * and runs the one full VACUUM that makes it take effect. Never inside a transaction; a busy database
 * (another process reading) is left for next time.
 */
export function reclaimSpace(sqlite: Database, options: { readonly allowFullVacuum: boolean }): Reclaimed {
  if (!sqlite.open || sqlite.inTransaction) return 'skipped';
  try {
    if (sqlite.pragma('auto_vacuum', { simple: true }) === 2) {
      if ((sqlite.pragma('freelist_count', { simple: true }) as number) === 0) return 'skipped';
      sqlite.pragma('incremental_vacuum');
      return 'incremental';
    }
    if (!options.allowFullVacuum) return 'skipped';
    sqlite.pragma('auto_vacuum = INCREMENTAL');
    sqlite.exec('VACUUM');
    return 'converted';
  } catch {
    // SQLITE_BUSY (another connection mid-read) or the database closing: housekeeping waits for next time.
    return 'skipped';
  }
}
