/**
 * The audit log: an append-only, hash-chained record of every vault and credential operation.
 * Each row stores the previous row's hash and the SHA-256 of (previous hash, its own content), so
 * an edited, deleted, inserted or reordered row breaks the chain, and `settings.audit.head` records
 * the newest row so a truncated tail shows too. The chain is tamper-evident, not tamper-proof:
 * someone who can write the file can also recompute every hash. No row ever holds a secret: callers
 * pass ids, labels, fingerprints and outcomes only.
 */
import { createHash } from 'node:crypto';
import { and, desc, eq, like, lt, sql, type SQL } from 'drizzle-orm';
import type { Clock } from '../clock';
import type { AuditActor, AuditChainReport, AuditOutcome, AuditRecord } from './audit-schema';
import type { Db, OpenedDatabase } from '../store/database';
import { preparedPerHandle } from '../store/prepared-query';
import { auditLog, settings, type AuditRow } from '../store/schema';

export type AuditDetails = Record<string, string | number | boolean | null>;

export interface AuditEntry {
  readonly actor: AuditActor;
  readonly action: string;
  readonly subject?: string | null;
  readonly outcome: AuditOutcome;
  readonly details?: AuditDetails;
}

const GENESIS = '0'.repeat(64);
const HEAD_KEY = 'audit.head';

/** A drizzle handle or a transaction on it: appends always happen inside the caller's transaction. */
type Writer = Pick<Db, 'select' | 'insert'>;

// Prepared per handle: every order appends a row or two (see prepared-query.ts).
const newestRow = preparedPerHandle((db: Writer) => db.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1).prepare());
const insertRow = preparedPerHandle((db: Writer) =>
  db.insert(auditLog).values({
    seq: sql.placeholder('seq'),
    at: sql.placeholder('at'),
    actor: sql.placeholder('actor'),
    action: sql.placeholder('action'),
    subject: sql.placeholder('subject'),
    outcome: sql.placeholder('outcome'),
    details: sql.placeholder('details'),
    prevHash: sql.placeholder('prevHash'),
    hash: sql.placeholder('hash'),
  }).prepare(),
);
const writeHead = preparedPerHandle((db: Writer) =>
  db.insert(settings)
    .values({ key: HEAD_KEY, value: sql.placeholder('head'), updatedAt: sql.placeholder('at') })
    .onConflictDoUpdate({ target: settings.key, set: { value: sql`excluded.value`, updatedAt: sql`excluded.updated_at` } })
    .prepare(),
);

/**
 * Appends one row, chained to the newest one. Call inside the transaction of the change it records;
 * hot paths pass the root handle (prepared queries, same connection) rather than the transaction's.
 */
export function appendAudit(tx: Writer, clock: Clock, entry: AuditEntry): void {
  const last = newestRow(tx).get();
  const prevHash = last?.hash ?? GENESIS;
  const content = {
    at: clock.now(),
    actor: entry.actor,
    action: entry.action,
    subject: entry.subject ?? null,
    outcome: entry.outcome,
    details: entry.details ?? {},
  };
  const hash = chainHash(prevHash, content);
  const seq = (last?.seq ?? 0) + 1;
  insertRow(tx).run({ seq, ...content, prevHash, hash });
  writeHead(tx).run({ head: { seq, hash }, at: content.at });
}

/** Appends one row in its own transaction (for events that change nothing else, such as a failed unlock). */
export function recordAudit(db: Db, clock: Clock, entry: AuditEntry): void {
  db.transaction(() => appendAudit(db, clock, entry), { behavior: 'immediate' });
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

type AuditChainProblem = Extract<AuditChainReport, { ok: false }>['problem'];

/** Walks the whole chain and reports the first row that was edited, deleted, inserted or reordered. */
export function verifyAuditChain(database: OpenedDatabase): AuditChainReport {
  const db = database.db;
  let prevHash = GENESIS;
  let expectedSeq = 1;
  let rows = 0;
  // Iterate instead of loading: the log grows for the life of the vault.
  const iterator = database.sqlite
    .prepare('SELECT seq, at, actor, action, subject, outcome, details, prev_hash AS prevHash, hash FROM audit_log ORDER BY seq')
    .iterate() as IterableIterator<Omit<AuditRow, 'details'> & { details: string }>;
  for (const stored of iterator) {
    const row: AuditRow = { ...stored, details: JSON.parse(stored.details) as AuditRow['details'] };
    rows += 1;
    if (row.seq !== expectedSeq) {
      return broken(rows, expectedSeq, 'deleted', `Audit row ${expectedSeq} is missing: it was deleted.`);
    }
    const { seq: _seq, hash, prevHash: storedPrev, ...content } = row;
    if (chainHash(storedPrev, content) !== hash) {
      return broken(rows, row.seq, 'edited', `Audit row ${row.seq} was changed after it was written.`);
    }
    if (storedPrev !== prevHash) {
      return broken(rows, row.seq, 'reordered', `Audit row ${row.seq} does not follow row ${row.seq - 1}: rows were reordered or inserted.`);
    }
    prevHash = hash;
    expectedSeq += 1;
  }
  const head = db.select().from(settings).where(eq(settings.key, HEAD_KEY)).get()?.value as { seq: number; hash: string } | undefined;
  if (head && head.seq >= expectedSeq) {
    return broken(rows, expectedSeq, 'truncated', `Audit rows from ${expectedSeq} to ${head.seq} are missing: the end of the log was deleted.`);
  }
  if (head && head.seq === expectedSeq - 1 && head.hash !== prevHash) {
    return broken(rows, head.seq, 'edited', `Audit row ${head.seq} was replaced after it was written.`);
  }
  return { ok: true, rows };
}

function broken(rows: number, firstBadSeq: number, problem: AuditChainProblem, message: string): AuditChainReport {
  return { ok: false, rows, firstBadSeq, problem, message };
}

function chainHash(prevHash: string, content: Omit<AuditRow, 'seq' | 'hash' | 'prevHash'>): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(content)).digest('hex');
}

/** JSON with sorted keys, so the hash does not depend on property order after a JSON round trip. */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
