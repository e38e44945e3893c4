/**
 * Reading the audit log as sentences, filtered by key, kind and time, and searched. Pages are keyset
 * pages on seq (newest first); the key and kind filters read their indexes (key_id, seq) and
 * (kind, seq), time alone reads (at). Search matches the sentence a person reads, so it is applied to
 * composed rows, a bounded batch at a time: a page never loads the table, and a rare word stops after
 * SEARCH_SCAN_ROWS rows with a cursor to go on from.
 */
import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import { auditKeyId, auditKind } from '../../shared/audit-kinds';
import { actorWords, outcomeWords } from '../../shared/audit-words';
import { auditKeyLabel, auditSentence } from '../../shared/audit-sentences';
import type { Db } from '../store/database';
import { auditLog } from '../store/schema';
import type { AuditFilter, AuditLine, AuditPage, AuditRecord } from './audit-schema';

/** How many rows one search call reads at most before it answers with what it found and a cursor. */
export const SEARCH_SCAN_ROWS = 20_000;
const BATCH = 500;

export interface AuditPageRequest extends AuditFilter {
  readonly beforeSeq?: number | undefined;
  readonly limit: number;
}

/** The key ids known now, with their labels (revoked keys included; deleted ones are gone). */
export type KeyLabels = ReadonlyMap<string, string>;

/** A filter's key resolved to the id the rows carry. */
export type ResolvedFilter = Omit<AuditFilter, 'key'> & { readonly keyId?: string | undefined };

export function queryAudit(db: Db, filter: ResolvedFilter, page: { beforeSeq?: number | undefined; limit: number }, labels: KeyLabels): AuditPage {
  const needle = filter.search?.toLowerCase() ?? '';
  const lines: AuditLine[] = [];
  let before = page.beforeSeq;
  let scanned = 0;
  for (;;) {
    const want = needle ? BATCH : page.limit - lines.length;
    const rows = selectRows(db, filter, before, want);
    for (const row of rows) {
      scanned += 1;
      before = row.seq;
      const line = toLine(row, labels);
      if (!needle || matches(line, needle)) lines.push(line);
      if (lines.length === page.limit) return { lines, nextBeforeSeq: row.seq > 1 ? row.seq : null };
    }
    if (rows.length < want) return { lines, nextBeforeSeq: null };
    if (scanned >= SEARCH_SCAN_ROWS) return { lines, nextBeforeSeq: before ?? null };
  }
}

/** Every matching row, oldest-first batches never held together (for the CSV export). */
export function* eachAuditLine(db: Db, filter: ResolvedFilter, labels: KeyLabels): Generator<AuditLine> {
  let beforeSeq: number | undefined;
  for (;;) {
    const page = queryAudit(db, filter, { beforeSeq, limit: BATCH }, labels);
    yield* page.lines;
    if (page.nextBeforeSeq === null) return;
    beforeSeq = page.nextBeforeSeq;
  }
}

/** The SQL a filter runs (exported for the EXPLAIN QUERY PLAN test). */
export function auditRowsQuery(db: Db, filter: ResolvedFilter, beforeSeq: number | undefined, limit: number) {
  const where: SQL[] = [];
  if (filter.keyId !== undefined) where.push(eq(auditLog.keyId, filter.keyId));
  if (filter.kind !== undefined) where.push(eq(auditLog.kind, filter.kind));
  if (filter.since !== undefined) where.push(gte(auditLog.at, filter.since));
  if (filter.until !== undefined) where.push(lt(auditLog.at, filter.until));
  if (beforeSeq !== undefined) where.push(lt(auditLog.seq, beforeSeq));
  return db
    .select({ seq: auditLog.seq, at: auditLog.at, actor: auditLog.actor, action: auditLog.action, subject: auditLog.subject, outcome: auditLog.outcome, details: auditLog.details })
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.seq))
    .limit(limit);
}

function selectRows(db: Db, filter: ResolvedFilter, beforeSeq: number | undefined, limit: number): AuditRecord[] {
  return auditRowsQuery(db, filter, beforeSeq, limit).all();
}

export function toLine(row: AuditRecord, labels: KeyLabels): AuditLine {
  const keyId = auditKeyId(row);
  const current = keyId === null ? null : labels.get(keyId) ?? null;
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    kind: auditKind(row.action),
    outcome: row.outcome,
    sentence: auditSentence(row, current),
    keyLabel: auditKeyLabel(row, current),
    keyDeleted: keyId !== null && current === null && !(row.action === 'limits.set' && row.subject === 'global'),
  };
}

function matches(line: AuditLine, needle: string): boolean {
  return [line.sentence, line.keyLabel ?? '', actorWords[line.actor], outcomeWords[line.outcome]].some((text) => text.toLowerCase().includes(needle));
}
