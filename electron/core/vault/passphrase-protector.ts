/**
 * Wraps the vault key under a key derived from the user's passphrase with scrypt, a memory-hard
 * KDF. Each wrap draws a fresh random salt; the cost parameters are stored with the wrapped key so
 * they can be raised later (an unlock with older, weaker parameters asks for a re-wrap).
 */
import { randomBytes, scrypt as scryptCallback } from 'node:crypto';
import { KeywardenError } from '../errors';
import type { KeyProtector, ProtectorParams, WrappedKey } from './key-protector';
import { KEY_LENGTH, open, seal } from './sealed-box';
import { scryptCostWithinBounds } from './scrypt-bounds';

export interface ScryptCost {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** OWASP's scrypt floor is N=2^17, r=8, p=1; about 0.3 s and 128 MiB here. */
export const defaultScryptCost: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };

export function createPassphraseProtector(passphrase: string, cost: ScryptCost = defaultScryptCost): KeyProtector {
  const secret = Buffer.from(passphrase.normalize('NFKC'), 'utf8');
  return {
    kind: 'passphrase',
    async wrap(vaultKey, keyVersion) {
      const salt = randomBytes(16);
      const kek = await deriveKey(secret, salt, cost);
      try {
        const params: ProtectorParams = { kdf: 'scrypt', N: cost.N, r: cost.r, p: cost.p, salt: salt.toString('base64') };
        return { wrapped: seal(kek, keyVersion, wrapContext(keyVersion), vaultKey), params };
      } finally {
        kek.fill(0);
      }
    },
    async unwrap(stored: WrappedKey, keyVersion) {
      const opened = await openKeepingKek(secret, cost, stored, keyVersion);
      opened.dispose();
      return { vaultKey: opened.vaultKey, rewrap: opened.rewrap };
    },
  };
}

/** An unwrapped vault key, and the passphrase's derived key kept to wrap a successor under the same salt and cost. */
export interface PassphraseUnwrap {
  readonly vaultKey: Buffer;
  /** The stored cost is below today's: wrap the next key with a fresh salt and the full cost instead (a second KDF run). */
  readonly rewrap: boolean;
  /** Wraps another key under the derived key, with the stored salt and cost: no KDF run. */
  wrapNext(vaultKey: Buffer, keyVersion: number): WrappedKey;
  /** Zeroes the derived key; call it in a `finally`. */
  dispose(): void;
}

/**
 * Unwraps with one KDF run and keeps the derived key, for a change that must confirm the passphrase
 * before anything changes and then wrap a new vault key under the same passphrase (rotation): the
 * second scrypt run would derive the same kind of key from the same passphrase, so it buys nothing.
 * The salt is kept with it (the new wrap's AES-GCM nonce is fresh and its context names the new
 * version); the old wrap is deleted in the same transaction that stores the new one.
 */
export function unwrapKeepingKey(passphrase: string, stored: WrappedKey, keyVersion: number, cost: ScryptCost = defaultScryptCost): Promise<PassphraseUnwrap> {
  return openKeepingKek(Buffer.from(passphrase.normalize('NFKC'), 'utf8'), cost, stored, keyVersion);
}

async function openKeepingKek(secret: Buffer, cost: ScryptCost, stored: WrappedKey, keyVersion: number): Promise<PassphraseUnwrap> {
  const storedCost = readCost(stored.params);
  const salt = Buffer.from(String(stored.params['salt']), 'base64');
  const kek = await deriveKey(secret, salt, storedCost);
  let vaultKey: Buffer;
  try {
    vaultKey = open(kek, wrapContext(keyVersion), stored.wrapped, 'vault key');
  } catch {
    kek.fill(0);
    throw new KeywardenError('WRONG_PASSPHRASE', 'That passphrase is not right. Nothing was unlocked.');
  }
  const params: ProtectorParams = { kdf: 'scrypt', N: storedCost.N, r: storedCost.r, p: storedCost.p, salt: salt.toString('base64') };
  return {
    vaultKey,
    rewrap: storedCost.N < cost.N || storedCost.r < cost.r || storedCost.p < cost.p,
    wrapNext: (nextKey, nextVersion) => ({ wrapped: seal(kek, nextVersion, wrapContext(nextVersion), nextKey), params }),
    dispose: () => kek.fill(0),
  };
}

function wrapContext(keyVersion: number): string {
  return `vault-key:v${keyVersion}:passphrase`;
}

function readCost(params: ProtectorParams): ScryptCost {
  const N = Number(params['N']);
  const r = Number(params['r']);
  const p = Number(params['p']);
  // Read back from the database, which someone may have edited: refuse values that would make an
  // unlock hang or exhaust memory before any KDF runs.
  const valid = params['kdf'] === 'scrypt' && scryptCostWithinBounds({ N, r, p }) && typeof params['salt'] === 'string';
  if (!valid) {
    throw new KeywardenError('DATABASE_CORRUPT', 'The stored passphrase settings are damaged, so the vault cannot be unlocked with a passphrase. Unlock with another method or restore from a backup.');
  }
  return { N, r, p };
}

function deriveKey(secret: Buffer, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // scrypt needs 128 * N * r bytes; leave headroom above Node's 32 MiB default.
    const maxmem = 256 * cost.N * cost.r;
    scryptCallback(secret, salt, KEY_LENGTH, { N: cost.N, r: cost.r, p: cost.p, maxmem }, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
}
