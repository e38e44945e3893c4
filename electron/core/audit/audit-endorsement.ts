/**
 * Endorsing rows written without the key: rows appended while the vault was locked (here or in
 * another process) carry only the plain hash chain. At the next unlock, or at the next append of an
 * unlocked process that finds such rows, they are checked and MAC'd in one transaction:
 * 1. the last MAC'd row must be the one the keyed head names (head MAC valid), and its own MAC and
 *    hash must hold, so the pending rows chain from something the key vouches for;
 * 2. the pending rows must follow it on the plain chain: contiguous, each hash recomputes from the
 *    row before's hash and its own content, no MAC among them, and the plain head names the last;
 * 3. only then each gets its MAC and the keyed head moves to the newest row.
 * A check that fails writes nothing (the caller records the failure; verification reports it).
 *
 * Adoption is the same with no MAC'd row at all: a log from before audit MACs existed is checked
 * from its first row (which must be the vault's creation) and MAC'd whole. It is allowed only at
 * the first unlock after the upgrade (AuditSigner.mayAdopt). Cost, measured on a loaded 2-core
 * machine: 200,000 rows took about 6 s, once, inside that unlock (one transaction, not chunked:
 * chunks would let signed appends interleave with a half-adopted log). Logs that large are rare;
 * a signed append costs two HMACs and one more read (a few µs, within noise of the plain append).
 */
import { desc, eq, gt, isNotNull, sql } from 'drizzle-orm';
import { preparedPerHandle } from '../store/statement-cache';
import { auditLog, settings } from '../store/schema';
import { GENESIS, HEAD_KEY, chainHash, digestMatches, headMac, rowMac, storedDigest, type AuditContent, type AuditHead } from './audit-chain';
import type { AuditChainProblem } from './audit-schema';
import type { AuditWriter } from './audit-log';
import { hashedContent, orderFactsReader } from './audit-order-reference';

export type EndorseResult =
  | { readonly ok: true; readonly endorsed: number; readonly adopted: boolean; readonly newest?: { readonly seq: number; readonly hash: string; readonly mac: string } }
  | { readonly ok: false; readonly firstBadSeq: number; readonly problem: AuditChainProblem; readonly message: string };

const PAGE = 2000;
// Prepared per handle: appends on the order path read it (see statement-cache.ts).
const storedHead = preparedPerHandle((db: AuditWriter) => db.select({ value: settings.value }).from(settings).where(eq(settings.key, HEAD_KEY)).prepare());

export function endorsePending(tx: AuditWriter, key: Buffer, options: { readonly mayAdopt: boolean }): EndorseResult {
  const head = tx.select({ value: settings.value }).from(settings).where(eq(settings.key, HEAD_KEY)).get()?.value as AuditHead | undefined;
  const lastMacd = tx.select().from(auditLog).where(isNotNull(auditLog.mac)).orderBy(desc(auditLog.seq)).limit(1).get();
  const facts = orderFactsReader(tx);
  let prevHash = GENESIS;
  let prevMac = GENESIS;
  let expectedSeq = 1;
  if (lastMacd?.mac) {
    if (head?.keyedSeq !== lastMacd.seq || head.keyedMac !== headMac(key, lastMacd.seq, lastMacd.mac)) {
      return failed(lastMacd.seq, 'truncated', `The audit log's keyed head does not name row ${lastMacd.seq}, the last row with a MAC: rows were cut off or the head was replaced.`);
    }
    const before = lastMacd.seq === 1 ? { mac: GENESIS, hash: GENESIS } : tx.select({ mac: auditLog.mac, hash: auditLog.hash }).from(auditLog).where(eq(auditLog.seq, lastMacd.seq - 1)).get();
    if (!before?.mac || !digestMatches(lastMacd.mac, rowMac(key, lastMacd.seq, before.mac, lastMacd.hash)) || !digestMatches(lastMacd.hash, chainHash(before.hash, hashedContent(contentOf(lastMacd), facts)))) {
      return failed(lastMacd.seq, 'edited', `Audit row ${lastMacd.seq} was changed after it was written.`);
    }
    prevHash = lastMacd.hash;
    prevMac = lastMacd.mac;
    expectedSeq = lastMacd.seq + 1;
  } else {
    if (head?.keyedSeq !== undefined) {
      return failed(1, 'truncated', `The audit log's keyed head names row ${head.keyedSeq}, but no row carries a MAC: the signed rows were deleted.`);
    }
    if (!options.mayAdopt) {
      return failed(1, 'missing', 'No audit row carries a MAC although this vault already had its integrity key: the signed history was removed or stripped.');
    }
  }

  // Check everything before writing anything: a failure must leave the caller's transaction as it was.
  const macs: { seq: number; mac: string }[] = [];
  for (;;) {
    const page = tx.select().from(auditLog).where(gt(auditLog.seq, expectedSeq - 1)).orderBy(auditLog.seq).limit(PAGE).all();
    for (const row of page) {
      if (row.seq !== expectedSeq) return failed(expectedSeq, 'deleted', `Audit row ${expectedSeq} is missing: it was deleted.`);
      if (row.seq === 1 && row.action !== 'vault.init') {
        return failed(1, 'deleted', 'The audit log does not begin with the creation of the vault: its first rows were deleted or replaced.');
      }
      if (row.mac !== null) return failed(row.seq, 'edited', `Audit row ${row.seq} carries a MAC after rows without one: it was moved or forged.`);
      if (!digestMatches(row.hash, chainHash(prevHash, hashedContent(contentOf(row), facts)))) return failed(row.seq, 'edited', changedMessage(row.seq));
      prevMac = storedDigest(rowMac(key, row.seq, prevMac, row.hash));
      prevHash = row.hash;
      macs.push({ seq: row.seq, mac: prevMac });
      expectedSeq += 1;
    }
    if (page.length < PAGE) break;
  }
  const newestSeq = expectedSeq - 1;
  if (newestSeq === 0) return failed(1, 'missing', 'The audit log is empty although a vault exists: its rows were deleted.');
  if (macs.length === 0) return { ok: true, endorsed: 0, adopted: false };
  if (!head) return failed(newestSeq, 'missing', 'The audit log\'s head (the record of its newest row) is missing: it was deleted.');
  if (head.seq > newestSeq) return failed(newestSeq + 1, 'truncated', `Audit rows from ${newestSeq + 1} to ${head.seq} are missing: the end of the log was deleted.`);
  if (head.seq !== newestSeq || head.hash !== prevHash) return failed(newestSeq, 'edited', `Audit row ${newestSeq} was replaced after it was written.`);

  const put = tx.update(auditLog).set({ mac: sql`${sql.placeholder('mac')}` }).where(eq(auditLog.seq, sql.placeholder('seq'))).prepare();
  // The raw placeholder skips the column's hex-to-bytes mapping: the bytes are passed as they are stored.
  for (const entry of macs) put.run({ seq: entry.seq, mac: Buffer.from(entry.mac, 'hex') });
  const newHead: AuditHead = { seq: newestSeq, hash: prevHash, keyedSeq: newestSeq, keyedMac: headMac(key, newestSeq, prevMac) };
  tx.update(settings).set({ value: newHead }).where(eq(settings.key, HEAD_KEY)).run();
  return { ok: true, endorsed: macs.length, adopted: !lastMacd, newest: { seq: newestSeq, hash: prevHash, mac: prevMac } };
}

/**
 * Before a MAC is chained onto the newest row: the keyed head must name that row with a valid head
 * MAC. Otherwise rows were cut off (or the head replaced), and signing on would cover the cut.
 */
export function keyedHeadNames(tx: AuditWriter, key: Buffer, newest: { readonly seq: number; readonly mac: string }): boolean {
  const head = storedHead(tx).get()?.value as AuditHead | undefined;
  return head?.keyedSeq === newest.seq && head.keyedMac === headMac(key, newest.seq, newest.mac);
}

/**
 * A row's hash covers the row before's hash, so a hash that does not recompute means this row was
 * changed, or the rows before it were (reordered, inserted, or edited with recomputed hashes).
 */
export function changedMessage(seq: number): string {
  return `Audit row ${seq} was changed after it was written, or rows before it were reordered or inserted.`;
}

export function contentOf(row: AuditContent): AuditContent {
  return { at: row.at, actor: row.actor, action: row.action, subject: row.subject, outcome: row.outcome, details: row.details };
}

function failed(firstBadSeq: number, problem: AuditChainProblem, message: string): EndorseResult {
  return { ok: false, firstBadSeq, problem, message };
}
