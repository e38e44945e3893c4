/**
 * Keeps the audit signer in step with the vault: fills it at unlock (and endorses what was written
 * while locked), zeroes it at lock. The core calls `attachAuditSigner` once, before any unlock.
 */
import { desc } from 'drizzle-orm';
import type { Clock } from '../clock';
import type { CoreEvents } from '../events';
import type { Db, OpenedDatabase } from '../store/database';
import { auditLog } from '../store/schema';
import { endorsePending, keyedHeadNames } from './audit-endorsement';
import { appendAudit, endorsementEntry, endorsementFailure } from './audit-log';
import { AuditSigner, registerAuditSigner } from './audit-signer';

export interface AuditKeeperDeps {
  readonly database: OpenedDatabase;
  readonly clock: Clock;
  readonly events: CoreEvents;
  /** The integrity root while the vault is unlocked; undefined otherwise. */
  readonly integrityRoot: () => Buffer | undefined;
  /** Whether the root was made at this unlock (vault.integrityRootIsNew): only then may a log without MACs be adopted. */
  readonly integrityRootIsNew: () => boolean;
}

export function attachAuditSigner(deps: AuditKeeperDeps): AuditSigner {
  const signer = new AuditSigner();
  registerAuditSigner(deps.database.db, signer);
  deps.events.on('vault.unlocked', () => {
    const root = deps.integrityRoot();
    // An event without an unlocked vault behind it (a stale or replayed event) signs nothing.
    if (!root) return;
    // A root that existed before this unlock means the log was adopted before: a log without MACs
    // now was stripped, not old.
    signer.unlock(root, { mayAdopt: deps.integrityRootIsNew() });
    endorseAtUnlock(deps.database.db, deps.clock, signer);
  });
  deps.events.on('vault.locked', () => {
    signer.lock();
  });
  return signer;
}

function endorseAtUnlock(db: Db, clock: Clock, signer: AuditSigner): void {
  const key = signer.key;
  if (!key) return;
  try {
    db.transaction((tx) => {
      const newest = tx.select({ seq: auditLog.seq, action: auditLog.action, mac: auditLog.mac }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1).get();
      if (!newest) return;
      if (newest.mac !== null) {
        if (keyedHeadNames(tx, key, { seq: newest.seq, mac: newest.mac })) return;
        signer.stall();
        appendAudit(tx, clock, endorsementFailure({ firstBadSeq: newest.seq + 1, problem: 'truncated' }));
        return;
      }
      const result = endorsePending(tx, key, { mayAdopt: signer.mayAdopt });
      if (!result.ok) {
        signer.stall();
        appendAudit(tx, clock, endorsementFailure(result));
        return;
      }
      signer.adopted();
      // The unlock's own record is written a moment before the key is there; endorsing only it is not news.
      const onlyTheUnlock = result.endorsed === 1 && (newest.action === 'vault.unlock' || newest.action === 'vault.init');
      if (!onlyTheUnlock) appendAudit(tx, clock, endorsementEntry(result));
    }, { behavior: 'immediate' });
  } catch (error) {
    // Another process holds the write lock: the rows stay pending and the next append endorses them.
    if (String((error as { code?: unknown }).code).startsWith('SQLITE_BUSY')) return;
    throw error;
  }
}

