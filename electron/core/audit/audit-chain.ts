/**
 * The two chains every audit row is on, as pure functions:
 * - the plain chain: `hash` = SHA-256(previous row's hash, this row's content). Anyone can compute
 *   it, so it shows accidental damage and careless edits, not a careful forger;
 * - the keyed chain: `mac` = HMAC(audit key, seq, previous row's MAC, this row's hash), under the key
 *   derived from the vault's integrity root (integrity-key.ts, purpose 'audit'). Only a process that
 *   has unlocked the vault can compute it. The keyed head MAC (a different message, so a row's MAC is
 *   never a valid head) pins the newest MAC'd row, so cutting MAC'd rows off the end shows too.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { integrityMac } from '../vault/integrity-key';
import type { AuditRow } from '../store/schema';
import { auditHeadSetting } from '../store/settings-registry';

export const GENESIS = '0'.repeat(64);

/** Where the newest row is recorded: `settings.audit.head`. */
export const HEAD_KEY = auditHeadSetting.key;

/**
 * `seq`/`hash`: the newest row (every append). `keyedSeq`/`keyedMac`: the newest MAC'd row and the
 * head MAC over it (appends while unlocked only; absent on a log written before audit MACs existed).
 */
export type AuditHead = Readonly<NonNullable<z.infer<typeof auditHeadSetting.schema>>>;

// kind and keyId are generated from the content (audit-columns.ts), never part of it.
export type AuditContent = Omit<AuditRow, 'seq' | 'hash' | 'prevHash' | 'mac' | 'kind' | 'keyId'>;

/**
 * Rows keep the first 16 bytes of their hash and MAC (issue 22: the full 32 bytes each cost another
 * 32 per record). 128 bits still leave no second preimage to find for the hash a MAC covers, nor a
 * tag to guess (HMAC truncated to 128 bits, as RFC 2104 allows). Rows written before keep all 32
 * bytes and are checked in full. The next row chains on the digest as stored.
 */
const STORED_HEX = 32;

export function storedDigest(fullHex: string): string {
  return fullHex.slice(0, STORED_HEX);
}

/** Whether a stored hash or MAC is the one computed: 16 bytes (written now) or 32 (written before). */
export function digestMatches(stored: string, computedFullHex: string): boolean {
  return (stored.length === STORED_HEX || stored.length === computedFullHex.length) && computedFullHex.startsWith(stored);
}

export function chainHash(prevHash: string, content: AuditContent): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(content)).digest('hex');
}

/** The row's position is in the message, so a MAC'd row moved elsewhere fails even with its MAC. */
export function rowMac(key: Buffer, seq: number, prevMac: string, hash: string): string {
  return integrityMac(key, `keywarden/audit/row\n${seq}\n${prevMac}\n${hash}`);
}

export function headMac(key: Buffer, seq: number, mac: string): string {
  return integrityMac(key, `keywarden/audit/head\n${seq}\n${mac}`);
}

/** JSON with sorted keys, so the hash does not depend on property order after a JSON round trip. */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
