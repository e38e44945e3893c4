/**
 * Keys for authenticating what decides whether money moves (risk limits, the kill switch, alert
 * sources, listener settings, each key's provider, environment, blocks and status) and the audit
 * chain. Each purpose gets its own key, derived with HKDF-SHA256 from the vault's integrity root: a
 * random 256-bit key sealed under the vault key (like the fingerprint key), so it is as hard to get
 * as the vault key, is never the vault key itself, and survives a vault-key rotation without every
 * MAC in the database being recomputed. Someone who can write the data folder but not read the
 * unlocked process's memory cannot forge a MAC.
 */
import { createHmac, hkdfSync } from 'node:crypto';

export type IntegrityPurpose = 'rows' | 'audit';

/** The purpose key: 32 bytes, derived afresh on each call (cheap), never stored. */
export function deriveIntegrityKey(root: Buffer, purpose: IntegrityPurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', root, Buffer.alloc(0), `keywarden/integrity/${purpose}/v1`, 32));
}

/** HMAC-SHA256 of `message` under `key`, as lowercase hex. */
export function integrityMac(key: Buffer, message: string): string {
  return createHmac('sha256', key).update(message, 'utf8').digest('hex');
}
