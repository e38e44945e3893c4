/**
 * AES-256-GCM sealing with a versioned binary format, used for every secret Keywarden stores.
 *
 *   byte 0      format (1)
 *   bytes 1-4   key version, uint32 big-endian
 *   bytes 5-16  nonce, 96 random bits, fresh for every seal
 *   bytes 17-n  ciphertext
 *   last 16     GCM tag
 *
 * The header is part of the associated data, so a blob re-labelled with another key version fails,
 * and callers add a context string (`credential:<id>:<field>:v<version>`) so a blob copied to
 * another row or field fails too. Any failure to open is a DecryptError, never garbage.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DecryptError } from '../errors';

const FORMAT_V1 = 1;
const HEADER_LENGTH = 1 + 4 + 12;
const TAG_LENGTH = 16;
export const KEY_LENGTH = 32;

/** Encrypts `plaintext` under `key`, binding it to `context` and `keyVersion`. */
export function seal(key: Buffer, keyVersion: number, context: string, plaintext: Buffer): Buffer {
  assertKey(key);
  const header = Buffer.alloc(HEADER_LENGTH);
  header.writeUInt8(FORMAT_V1, 0);
  header.writeUInt32BE(keyVersion, 1);
  randomBytes(12).copy(header, 5);
  const { ciphertext, tag } = gcmEncrypt(key, header.subarray(5, HEADER_LENGTH), associatedData(header, context), plaintext);
  return Buffer.concat([header, ciphertext, tag]);
}

/**
 * Opens a blob made by `seal`. `what` names the secret in the error message ("API secret of
 * 'Binance main'"), never its value.
 */
export function open(key: Buffer, context: string, blob: Buffer, what: string): Buffer {
  assertKey(key);
  if (blob.length < HEADER_LENGTH + TAG_LENGTH || blob.readUInt8(0) !== FORMAT_V1) throw new DecryptError(what);
  const header = blob.subarray(0, HEADER_LENGTH);
  try {
    return gcmDecrypt(key, header.subarray(5), associatedData(header, context), blob.subarray(HEADER_LENGTH, blob.length - TAG_LENGTH), blob.subarray(blob.length - TAG_LENGTH));
  } catch {
    throw new DecryptError(what);
  }
}

/** Raw AES-256-GCM with a 128-bit tag (exported for the known-answer test). */
export function gcmEncrypt(key: Buffer, nonce: Buffer, aad: Buffer, plaintext: Buffer): { ciphertext: Buffer; tag: Buffer } {
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_LENGTH });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { ciphertext, tag: cipher.getAuthTag() };
}

/** Raw AES-256-GCM open; throws when the tag does not verify. */
export function gcmDecrypt(key: Buffer, nonce: Buffer, aad: Buffer, ciphertext: Buffer, tag: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_LENGTH });
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

/** The key version written in a blob's header (no authentication: use only to choose a key). */
export function keyVersionOf(blob: Buffer): number | undefined {
  return blob.length >= HEADER_LENGTH && blob.readUInt8(0) === FORMAT_V1 ? blob.readUInt32BE(1) : undefined;
}

function associatedData(header: Buffer, context: string): Buffer {
  return Buffer.concat([header, Buffer.from(context, 'utf8')]);
}

function assertKey(key: Buffer): void {
  // A zeroed (locked) or wrong-sized key must never be used silently.
  if (key.length !== KEY_LENGTH) throw new Error('vault key has the wrong length');
}
