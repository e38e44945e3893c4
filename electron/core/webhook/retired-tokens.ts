/**
 * Token hashes that stopped being accepted: rotated away, or their source deleted. Remembered so
 * that restoring an older backup can never bring back a token that was retired, perhaps because it
 * leaked (issue 14). The grace window after a rotation is the only time a retired hash still
 * authenticates; it lives on the source row (previous_token_hash), not here.
 *
 * Hashes retired before this table existed (Keywarden before issue 14) are not known: there is no
 * record of them to backfill from.
 */
import { inArray } from 'drizzle-orm';
import type { Clock } from '../clock';
import type { OpenedDatabase } from '../store/database';
import { retiredTokenHashes } from '../store/schema';

type Transaction = Parameters<Parameters<OpenedDatabase['db']['transaction']>[0]>[0];
type Reader = Pick<OpenedDatabase['db'], 'select'>;

/** Why a hash was retired. */
export type RetiredReason = 'rotated' | 'deleted';

/** Records each hash (a source's current and previous ones) as retired; one already recorded keeps its first record. */
export function retireTokenHashes(tx: Transaction, clock: Clock, source: { readonly label: string; readonly hashes: readonly (string | null)[] }, reason: RetiredReason): void {
  const retiredAt = clock.now();
  for (const tokenHash of new Set(source.hashes)) {
    if (tokenHash === null) continue;
    tx.insert(retiredTokenHashes).values({ tokenHash, sourceLabel: source.label, reason, retiredAt }).onConflictDoNothing().run();
  }
}

/** Which of `hashes` were retired here. */
export function retiredAmong(db: Reader, hashes: readonly string[]): Set<string> {
  if (hashes.length === 0) return new Set();
  return new Set(db.select({ tokenHash: retiredTokenHashes.tokenHash }).from(retiredTokenHashes).where(inArray(retiredTokenHashes.tokenHash, [...hashes])).all().map((row) => row.tokenHash));
}
