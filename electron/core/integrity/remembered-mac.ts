/**
 * The risk limits, the kill switch and the key an order uses are read, and their MACs checked,
 * several times for every order (issue 22: about seven HMACs an alert for the limits alone, and four
 * reads of the key). A row whose stored bytes and MAC are exactly those of a row already verified
 * under the same key needs no new HMAC: the answer cannot differ. So a match is remembered per rows
 * key (a new key, after unlock or rotation, starts empty), keyed by the row's fields and its stored
 * MAC; anything else, a mismatch included, is checked in full.
 */
import { rowMacMatches } from './row-integrity';

type Table = Parameters<typeof rowMacMatches>[1];

/** Enough for the global limits, every account's limits, the settings read with them and a few hundred keys. */
const MAX_REMEMBERED = 512;

const verified = new WeakMap<Buffer, Set<string>>();

/** rowMacMatches, answering a repeat of a verified row from memory. */
export function rememberedMacMatches(rowsKey: Buffer, table: Table, rowKey: string, fields: unknown, stored: string | null | undefined): boolean {
  if (!stored) return false;
  // JSON.stringify is deterministic for the same fields built the same way; equal text means equal fields.
  const id = `${table}\u0000${rowKey}\u0000${stored}\u0000${JSON.stringify(fields)}`;
  let known = verified.get(rowsKey);
  if (known?.has(id)) return true;
  if (!rowMacMatches(rowsKey, table, rowKey, fields, stored)) return false;
  if (!known) {
    known = new Set();
    verified.set(rowsKey, known);
  }
  if (known.size >= MAX_REMEMBERED) known.clear();
  known.add(id);
  return true;
}
