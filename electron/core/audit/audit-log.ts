/**
 * The audit log: an append-only record of every vault and credential operation, on two chains
 * (audit-chain.ts). Every row is on the plain hash chain; a row appended while the vault is
 * unlocked also gets a MAC chained to the previous row's MAC under the vault-derived audit key, and
 * `settings.audit.head` pins the newest row and the newest MAC'd row (with a head MAC).
 *
 * Rows appended while the vault is LOCKED (failed unlocks, refused alerts, the lock itself when
 * another process locked) have no key to sign with: they get `mac = NULL` and only the plain chain,
 * and the next unlock endorses them (audit-endorsement.ts): checks their plain chain from the last
 * MAC'd row and MACs them in one transaction. The honest limit: until that unlock, such rows can be
 * edited (with recomputed hashes) or cut off undetectably; after it, like every other row.
 *
 * What verification can and cannot tell is in audit-verify.ts. No row ever holds a secret: callers
 * pass ids, labels, fingerprints and outcomes only.
 */
import { and, desc, eq, like, lt, sql, type SQL } from 'drizzle-orm';
import type { Clock } from '../clock';
import type { AuditActor, AuditOutcome, AuditRecord } from './audit-schema';
import type { Db } from '../store/database';
import { preparedPerHandle } from '../store/statement-cache';
import { auditLog, settings } from '../store/schema';
import { GENESIS, HEAD_KEY, chainHash, headMac, rowMac, storedDigest, type AuditHead } from './audit-chain';
import { endorsePending, keyedHeadNames } from './audit-endorsement';
import { hashedContent, orderFactsReader } from './audit-order-reference';
import { signerFor, type AuditSigner } from './audit-signer';

export type AuditDetails = Record<string, string | number | boolean | null>;

export interface AuditEntry {
  readonly actor: AuditActor;
  readonly action: string;
  readonly subject?: string | null;
  readonly outcome: AuditOutcome;
  readonly details?: AuditDetails;
}

/** A drizzle handle or a transaction on it: appends always happen inside the caller's transaction. */
export type AuditWriter = Pick<Db, 'select' | 'insert' | 'update'>;

interface ChainEnd {
  readonly seq: number;
  readonly hash: string;
  readonly mac: string | null;
}

// Prepared per handle: every order appends a row or two (see statement-cache.ts).
const newestRow = preparedPerHandle((db: AuditWriter) => db.select({ seq: auditLog.seq, hash: auditLog.hash, mac: auditLog.mac }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1).prepare());
const insertRow = preparedPerHandle((db: AuditWriter) =>
  db.insert(auditLog).values({
    seq: sql.placeholder('seq'),
    at: sql.placeholder('at'),
    actor: sql.placeholder('actor'),
    action: sql.placeholder('action'),
    subject: sql.placeholder('subject'),
    outcome: sql.placeholder('outcome'),
    details: sql.placeholder('details'),
    hash: sql.placeholder('hash'),
    mac: sql.placeholder('mac'),
  }).prepare(),
);
/** A MAC'd append moves both ends of the head. */
const writeKeyedHead = preparedPerHandle((db: AuditWriter) =>
  db.insert(settings)
    .values({ key: HEAD_KEY, value: sql.placeholder('head'), updatedAt: sql.placeholder('at') })
    .onConflictDoUpdate({ target: settings.key, set: { value: sql`excluded.value`, updatedAt: sql`excluded.updated_at` } })
    .prepare(),
);
/** An append without a key moves only the plain end and keeps the keyed end as it was. */
const writePlainHead = preparedPerHandle((db: AuditWriter) =>
  db.insert(settings)
    .values({ key: HEAD_KEY, value: sql.placeholder('head'), updatedAt: sql.placeholder('at') })
    .onConflictDoUpdate({
      target: settings.key,
      set: { value: sql`json_set(${settings.value}, '$.seq', json_extract(excluded.value, '$.seq'), '$.hash', json_extract(excluded.value, '$.hash'))`, updatedAt: sql`excluded.updated_at` },
    })
    .prepare(),
);

/**
 * Appends one row, chained to the newest one (and MAC'd while the vault is unlocked). Call inside
 * the transaction of the change it records; hot paths pass the root handle (prepared queries, same
 * connection) rather than the transaction's.
 */
export function appendAudit(tx: AuditWriter, clock: Clock, entry: AuditEntry): void {
  const signer = signerFor(tx);
  let last: ChainEnd | undefined = newestRow(tx).get();
  // Rows another (locked) process appended while this one was unlocked: endorse them first, so
  // this row's MAC never skips over rows nobody vouched for.
  if (signer?.key && !signer.stalled && last && last.mac === null) {
    const result = endorsePending(tx, signer.key, { mayAdopt: signer.mayAdopt });
    if (result.ok) {
      signer.adopted();
      last = appendRow(tx, clock, endorsementEntry(result), signer, result.newest ?? last);
    } else {
      signer.stall();
      last = appendRow(tx, clock, endorsementFailure(result), signer, last);
    }
  } else if (signer?.key && !signer.stalled && last?.mac && !keyedHeadNames(tx, signer.key, { seq: last.seq, mac: last.mac })) {
    // Signed rows were cut off (or the keyed head replaced) while this process was unlocked.
    signer.stall();
    last = appendRow(tx, clock, endorsementFailure({ firstBadSeq: last.seq + 1, problem: 'truncated' }), signer, last);
  }
  appendRow(tx, clock, entry, signer, last);
}

/** Appends one row in its own transaction (for events that change nothing else, such as a failed unlock). */
export function recordAudit(db: Db, clock: Clock, entry: AuditEntry): void {
  db.transaction(() => appendAudit(db, clock, entry), { behavior: 'immediate' });
}

/** The record an endorsement leaves: how many rows written without the key were vouched for. */
export function endorsementEntry(result: { readonly endorsed: number; readonly adopted: boolean }): AuditEntry {
  return result.adopted
    ? { actor: 'system', action: 'audit.adopt', outcome: 'ok', details: { adopted: result.endorsed } }
    : { actor: 'system', action: 'audit.endorse', outcome: 'ok', details: { endorsed: result.endorsed } };
}

/** The record of finding the log changed outside Keywarden while signing (verification says exactly what). */
export function endorsementFailure(result: { readonly firstBadSeq: number; readonly problem: string }): AuditEntry {
  return { actor: 'system', action: 'audit.tampered', outcome: 'error', details: { firstBadSeq: result.firstBadSeq, problem: result.problem } };
}

function appendRow(tx: AuditWriter, clock: Clock, entry: AuditEntry, signer: AuditSigner | undefined, last: ChainEnd | undefined): ChainEnd {
  const prevHash = last?.hash ?? GENESIS;
  const content = {
    at: clock.now(),
    actor: entry.actor,
    action: entry.action,
    subject: entry.subject ?? null,
    outcome: entry.outcome,
    details: entry.details ?? {},
  };
  const hash = storedDigest(chainHash(prevHash, hashedContent(content, orderFactsReader(tx))));
  const seq = (last?.seq ?? 0) + 1;
  // Only chain a MAC onto a MAC'd row (or the start): a pending row before it means the
  // endorsement failed or is still to come, and this row waits with it.
  const key = signer?.key && !signer.stalled && (last === undefined || last.mac !== null) ? signer.key : undefined;
  const mac = key ? storedDigest(rowMac(key, seq, last?.mac ?? GENESIS, hash)) : null;
  insertRow(tx).run({ seq, ...content, hash, mac });
  if (key && mac) {
    const head: AuditHead = { seq, hash, keyedSeq: seq, keyedMac: headMac(key, seq, mac) };
    writeKeyedHead(tx).run({ head, at: content.at });
  } else {
    const head: AuditHead = { seq, hash };
    writePlainHead(tx).run({ head, at: content.at });
  }
  return { seq, hash, mac };
}

export interface AuditQuery {
  readonly actionPrefix?: string | undefined;
  readonly subject?: string | undefined;
  readonly beforeSeq?: number | undefined;
  readonly limit: number;
}

/** Newest first. */
export function listAudit(db: Db, query: AuditQuery): AuditRecord[] {
  const filters: SQL[] = [];
  if (query.actionPrefix) filters.push(like(auditLog.action, `${query.actionPrefix.replace(/[%_\\]/g, '\\$&')}%`));
  if (query.subject) filters.push(eq(auditLog.subject, query.subject));
  if (query.beforeSeq !== undefined) filters.push(lt(auditLog.seq, query.beforeSeq));
  return db
    .select({ seq: auditLog.seq, at: auditLog.at, actor: auditLog.actor, action: auditLog.action, subject: auditLog.subject, outcome: auditLog.outcome, details: auditLog.details })
    .from(auditLog)
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(desc(auditLog.seq))
    .limit(query.limit)
    .all();
}
