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
      const storedCost = readCost(stored.params);
      const salt = Buffer.from(String(stored.params['salt']), 'base64');
      const kek = await deriveKey(secret, salt, storedCost);
      try {
        const vaultKey = open(kek, wrapContext(keyVersion), stored.wrapped, 'vault key');
        const weaker = storedCost.N < cost.N || storedCost.r < cost.r || storedCost.p < cost.p;
        return { vaultKey, rewrap: weaker };
      } catch {
        throw new KeywardenError('WRONG_PASSPHRASE', 'That passphrase is not right. Nothing was unlocked.');
      } finally {
        kek.fill(0);
      }
    },
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
