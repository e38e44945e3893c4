/**
 * Checking the audit log (`audit.verify`). What each check catches:
 * - the plain chain (always): an edited, deleted, inserted or reordered row, a cut-off end when the
 *   plain head was left alone, a log that does not begin with the vault's creation, an empty log or
 *   a missing head while a vault exists. Someone who recomputes the hashes and the head passes it.
 * - the keyed chain (only while unlocked: the key is needed): any row whose content, position or
 *   predecessor changed since it was MAC'd, and a forged keyed head. Without the key the structure
 *   is still checked: MAC'd rows form the start of the log, the keyed head exists and does not name
 *   a row past the last MAC'd one (cutting off signed rows shows even while locked).
 * Not caught: rows written while locked and edited before the next unlock endorsed them; a whole
 * data folder put back to an older copy (every MAC in it is genuine) — see docs/security.md, "Audit log".
 */
import type { OpenedDatabase } from '../store/database';
import type { AuditRow } from '../store/schema';
import { GENESIS, HEAD_KEY, chainHash, digestMatches, headMac, rowMac, type AuditHead } from './audit-chain';
import { changedMessage, contentOf } from './audit-endorsement';
import { hashedContent, orderFactsReader } from './audit-order-reference';
import type { AuditChainProblem, AuditChainReport } from './audit-schema';

/** As SQLite hands it over: details as JSON text, the hash and MAC as their bytes. */
type StoredRow = Omit<AuditRow, 'details' | 'hash' | 'mac'> & { details: string; hash: Buffer; mac: Buffer | null };

/** Walks the whole log and reports the first thing that was changed outside Keywarden. `key`: the audit key while unlocked. */
export function verifyAuditChain(database: OpenedDatabase, key: Buffer | undefined): AuditChainReport {
  const { sqlite } = database;
  const vaultExists = sqlite.prepare('SELECT 1 FROM vault_keys LIMIT 1').get() !== undefined;
  const facts = orderFactsReader(database.db);
  let prevHash = GENESIS;
  let prevMac = GENESIS;
  let lastMacSeq = 0;
  let pending = 0;
  let expectedSeq = 1;
  let rows = 0;
  // Pages instead of loading: the log grows for the life of the vault. Not iterate(): a record that
  // names an order reads it while the walk goes on, and one connection runs one statement at a time.
  const page = sqlite.prepare('SELECT seq, at, actor, action, subject, outcome, details, hash, mac FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?');
  for (const stored of pagesOf(page)) {
    const row: AuditRow = { ...stored, details: JSON.parse(stored.details) as AuditRow['details'], hash: hexOf(stored.hash), mac: stored.mac === null ? null : hexOf(stored.mac) };
    rows += 1;
    const broken = (problem: AuditChainProblem, message: string, seq = row.seq) => report(rows, seq, problem, message);
    if (row.seq !== expectedSeq) return broken('deleted', `Audit row ${expectedSeq} is missing: it was deleted.`, expectedSeq);
    if (row.seq === 1 && vaultExists && row.action !== 'vault.init') {
      return broken('deleted', 'The audit log does not begin with the creation of the vault: its first rows were deleted or replaced.');
    }
    if (!digestMatches(row.hash, chainHash(prevHash, hashedContent(contentOf(row), facts)))) return broken('edited', changedMessage(row.seq));
    if (row.mac === null) {
      pending += 1;
    } else {
      if (pending > 0) return broken('edited', `Audit row ${row.seq} carries a MAC after rows without one: it was moved or forged.`);
      if (key && !digestMatches(row.mac, rowMac(key, row.seq, prevMac, row.hash))) {
        return broken('edited', `Audit row ${row.seq} was changed, moved or forged after it was written: its MAC does not match.`);
      }
      prevMac = row.mac;
      lastMacSeq = row.seq;
    }
    prevHash = row.hash;
    expectedSeq += 1;
  }
  const newestSeq = expectedSeq - 1;
  if (vaultExists && rows === 0) return report(0, 1, 'missing', 'The audit log is empty although a vault exists: its rows were deleted.');
  const head = database.sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(HEAD_KEY) as { value: string } | undefined;
  const stored = head ? (JSON.parse(head.value) as AuditHead) : undefined;
  if (rows > 0 && !stored) return report(rows, newestSeq, 'missing', 'The audit log\'s head (the record of its newest row) is missing: it was deleted.');
  if (stored && stored.seq > newestSeq) {
    return report(rows, newestSeq + 1, 'truncated', `Audit rows from ${newestSeq + 1} to ${stored.seq} are missing: the end of the log was deleted.`);
  }
  if (stored && stored.seq < newestSeq) return report(rows, stored.seq + 1, 'edited', `Audit rows after ${stored.seq} were added outside Keywarden.`);
  if (stored && stored.hash !== prevHash) return report(rows, newestSeq, 'edited', `Audit row ${newestSeq} was replaced after it was written.`);

  const keyedSeq = stored?.keyedSeq;
  if (lastMacSeq > 0) {
    if (keyedSeq === undefined || stored?.keyedMac === undefined) {
      return report(rows, lastMacSeq, 'missing', 'The audit log\'s keyed head (the signed record of its newest signed row) is missing: it was removed.');
    }
    if (keyedSeq > lastMacSeq) {
      return report(rows, lastMacSeq + 1, 'truncated', `Signed audit rows from ${lastMacSeq + 1} to ${keyedSeq} are missing: the end of the log was deleted or rewritten.`);
    }
    if (keyedSeq < lastMacSeq) return report(rows, keyedSeq, 'edited', 'The audit log\'s keyed head was replaced with an older one.');
    if (key && stored.keyedMac !== headMac(key, lastMacSeq, prevMac)) return report(rows, lastMacSeq, 'edited', 'The audit log\'s keyed head was forged.');
  } else if (keyedSeq !== undefined) {
    return report(rows, 1, 'truncated', `The audit log's keyed head names row ${keyedSeq}, but no row carries a MAC: the signed rows were deleted or stripped.`);
  } else if (key && rows > 0) {
    // Unlocking MACs the whole log (or reports why it could not): none at all means they were stripped.
    return report(rows, 1, 'missing', 'No audit row carries a MAC although the vault is unlocked: the signed history was removed or stripped.');
  }
  return { ok: true, rows, keyed: key !== undefined, pending };
}

const PAGE = 2000;

function* pagesOf(page: { all(after: number, limit: number): unknown[] }): Generator<StoredRow> {
  let after = Number.NEGATIVE_INFINITY;
  for (;;) {
    const rows = page.all(after, PAGE) as StoredRow[];
    yield* rows;
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) return;
    after = last.seq;
  }
}

/** A stored digest as the lowercase hex the chain is computed in (anything but 32 bytes reads as a mismatch). */
function hexOf(bytes: Buffer | string): string {
  return Buffer.isBuffer(bytes) ? bytes.toString('hex') : String(bytes);
}

function report(rows: number, firstBadSeq: number, problem: AuditChainProblem, message: string): AuditChainReport {
  return { ok: false, rows, firstBadSeq, problem, message };
}
