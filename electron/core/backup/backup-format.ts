/**
 * The binary format of a Keywarden backup file: one passphrase-encrypted blob that can be carried to
 * another machine. The key comes from the backup passphrase through scrypt (memory-hard, random
 * salt, parameters in the header); the contents are sealed with AES-256-GCM and the whole header is
 * its associated data, so no header byte can be changed without the file being refused.
 *
 *   offset  size  field
 *   0       16    magic "KEYWARDEN-BACKUP"
 *   16      2     format version (1), uint16 big-endian
 *   18      1     KDF id (1 = scrypt)
 *   19      1     log2(N)
 *   20      2     r, uint16
 *   22      2     p, uint16
 *   24      16    salt
 *   40      12    GCM nonce
 *   52      4     ciphertext length, uint32
 *   56      32    passphrase check: HMAC-SHA256(check key, bytes 0-55)
 *   88      n     ciphertext
 *   88+n    16    GCM tag
 *   104+n   32    SHA-256 of every byte before it
 *
 * Three checks, so that each failure gets the message that is true (GCM alone cannot tell a wrong
 * passphrase from a changed file):
 * - the trailing SHA-256 (no key needed) catches a truncated, damaged or edited file before any KDF;
 * - the passphrase check, keyed by the second half of the scrypt output, tells a wrong passphrase;
 * - the GCM tag then only fails for a file that was forged with its checksum recomputed: tampering.
 * The check value gives a passphrase guesser nothing GCM would not (each guess still costs scrypt).
 */
import { createHash, createHmac, randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { KeywardenError } from '../errors';
import type { ScryptCost } from '../vault/passphrase-protector';
import { gcmDecrypt, gcmEncrypt } from '../vault/sealed-box';
import { scryptCostWithinBounds } from '../vault/scrypt-bounds';

export const BACKUP_MAGIC = Buffer.from('KEYWARDEN-BACKUP', 'ascii');
export const BACKUP_FORMAT_VERSION = 1;
/** What every backup is written with: OWASP's scrypt floor, as for the vault passphrase. */
export const backupScryptCost: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };

const KDF_SCRYPT = 1;
const SALT_LENGTH = 16;
const NONCE_LENGTH = 12;
const CHECK_LENGTH = 32;
const TAG_LENGTH = 16;
const DIGEST_LENGTH = 32;
const CHECKED_HEADER_LENGTH = 56;
export const BACKUP_HEADER_LENGTH = CHECKED_HEADER_LENGTH + CHECK_LENGTH;
/** A backup is a few kilobytes per key; anything near this is not one of ours. */
export const MAX_BACKUP_BYTES = 256 * 1024 * 1024;

// Parameters are read from a file the user was handed; bound them so a crafted file cannot make the
// KDF hang or take all memory; `scryptCostWithinBounds` also caps 128·N·r·p at 256 MiB.
const MIN_LOG_N = 10;
const MAX_LOG_N = 20;
const MAX_R = 16;
const MAX_P = 4;

/** Encrypts `plaintext` (the serialised payload) under `passphrase` into the bytes of a backup file. */
export async function encodeBackup(plaintext: Buffer, passphrase: string, cost: ScryptCost = backupScryptCost): Promise<Buffer> {
  const logN = Math.log2(cost.N);
  if (!Number.isInteger(logN) || logN < MIN_LOG_N || logN > MAX_LOG_N || cost.r > MAX_R || cost.p > MAX_P) throw new Error('backup scrypt cost out of range');
  const salt = randomBytes(SALT_LENGTH);
  const nonce = randomBytes(NONCE_LENGTH);
  const header = Buffer.alloc(BACKUP_HEADER_LENGTH);
  BACKUP_MAGIC.copy(header, 0);
  header.writeUInt16BE(BACKUP_FORMAT_VERSION, 16);
  header.writeUInt8(KDF_SCRYPT, 18);
  header.writeUInt8(logN, 19);
  header.writeUInt16BE(cost.r, 20);
  header.writeUInt16BE(cost.p, 22);
  salt.copy(header, 24);
  nonce.copy(header, 40);
  header.writeUInt32BE(plaintext.length, 52);
  const { encryptionKey, checkKey } = await deriveKeys(passphrase, salt, cost);
  try {
    passphraseCheck(checkKey, header).copy(header, CHECKED_HEADER_LENGTH);
    const { ciphertext, tag } = gcmEncrypt(encryptionKey, nonce, header, plaintext);
    const body = Buffer.concat([header, ciphertext, tag]);
    return Buffer.concat([body, sha256(body)]);
  } finally {
    encryptionKey.fill(0);
    checkKey.fill(0);
  }
}

/**
 * Opens the bytes of a backup file. Throws BACKUP_INVALID (not a Keywarden backup), BACKUP_TOO_NEW,
 * BACKUP_DAMAGED (truncated, damaged or tampered with) or BACKUP_WRONG_PASSPHRASE. The caller owns
 * the returned plaintext and should zero it when done.
 */
export async function decodeBackup(file: Buffer, passphrase: string): Promise<Buffer> {
  if (file.length < BACKUP_MAGIC.length) throw notABackup();
  const magicDifferences = BACKUP_MAGIC.reduce((count, byte, i) => count + (file[i] === byte ? 0 : 1), 0);
  // One or two changed bytes in the magic is a damaged backup, not some other file.
  if (magicDifferences > 2) throw notABackup();
  if (magicDifferences > 0) throw damaged('its first bytes were changed');
  if (file.length < BACKUP_HEADER_LENGTH + TAG_LENGTH + DIGEST_LENGTH) throw damaged('it is cut short (truncated)');
  const version = file.readUInt16BE(16);
  const ciphertextLength = file.readUInt32BE(52);
  const expectedLength = BACKUP_HEADER_LENGTH + ciphertextLength + TAG_LENGTH + DIGEST_LENGTH;
  if (file.length < expectedLength) throw damaged('it is cut short (truncated)');
  if (file.length > expectedLength) throw damaged('it has extra bytes at the end');
  const body = file.subarray(0, expectedLength - DIGEST_LENGTH);
  if (!timingSafeEqual(sha256(body), file.subarray(expectedLength - DIGEST_LENGTH))) throw damaged('its contents do not match its checksum');
  // Checked after the checksum: a damaged version byte must read as damage, not as "too new".
  if (version !== BACKUP_FORMAT_VERSION) {
    throw new KeywardenError('BACKUP_TOO_NEW', `This backup was written in format ${version} by a newer version of Keywarden. Update Keywarden to restore it; nothing was changed.`);
  }
  const header = body.subarray(0, BACKUP_HEADER_LENGTH);
  const cost = readCost(header);
  const salt = header.subarray(24, 24 + SALT_LENGTH);
  const nonce = header.subarray(40, 40 + NONCE_LENGTH);
  const { encryptionKey, checkKey } = await deriveKeys(passphrase, salt, cost);
  try {
    const storedCheck = header.subarray(CHECKED_HEADER_LENGTH, BACKUP_HEADER_LENGTH);
    if (!timingSafeEqual(passphraseCheck(checkKey, header), storedCheck)) {
      throw new KeywardenError('BACKUP_WRONG_PASSPHRASE', 'That is not the passphrase this backup was made with. Nothing was changed. (It is the passphrase you chose for the backup, which may differ from your vault passphrase.)');
    }
    const ciphertext = body.subarray(BACKUP_HEADER_LENGTH, BACKUP_HEADER_LENGTH + ciphertextLength);
    const tag = body.subarray(BACKUP_HEADER_LENGTH + ciphertextLength);
    try {
      return gcmDecrypt(encryptionKey, nonce, header, ciphertext, tag);
    } catch {
      throw damaged('it was changed after it was written (the passphrase is right, but the encrypted contents do not verify)');
    }
  } finally {
    encryptionKey.fill(0);
    checkKey.fill(0);
  }
}

function readCost(header: Buffer): ScryptCost {
  const kdf = header.readUInt8(18);
  const logN = header.readUInt8(19);
  const r = header.readUInt16BE(20);
  const p = header.readUInt16BE(22);
  // Checked before any KDF runs: the shared bound caps memory and time whatever the header says.
  if (kdf !== KDF_SCRYPT || logN < MIN_LOG_N || logN > MAX_LOG_N || r < 1 || r > MAX_R || p < 1 || p > MAX_P || !scryptCostWithinBounds({ N: 2 ** logN, r, p })) {
    throw damaged('its key-derivation settings are not ones Keywarden writes (they would need more than 256 MiB or unbounded time)');
  }
  return { N: 2 ** logN, r, p };
}

/** scrypt → 64 bytes: the first half encrypts, the second keys the passphrase check. */
function deriveKeys(passphrase: string, salt: Buffer, cost: ScryptCost): Promise<{ encryptionKey: Buffer; checkKey: Buffer }> {
  const secret = Buffer.from(passphrase.normalize('NFKC'), 'utf8');
  return new Promise((resolve, reject) => {
    // scrypt needs 128 * N * r bytes; leave headroom above Node's 32 MiB default.
    scryptCallback(secret, salt, 64, { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r }, (error, derived) => {
      secret.fill(0);
      if (error) {
        reject(error);
        return;
      }
      const encryptionKey = Buffer.from(derived.subarray(0, 32));
      const checkKey = Buffer.from(derived.subarray(32));
      derived.fill(0);
      resolve({ encryptionKey, checkKey });
    });
  });
}

function passphraseCheck(checkKey: Buffer, header: Buffer): Buffer {
  return createHmac('sha256', checkKey).update(header.subarray(0, CHECKED_HEADER_LENGTH)).digest();
}

function sha256(bytes: Buffer): Buffer {
  return createHash('sha256').update(bytes).digest();
}

function notABackup(): KeywardenError {
  return new KeywardenError('BACKUP_INVALID', 'That file is not a Keywarden backup (it does not start the way every Keywarden backup does). Nothing was changed.');
}

function damaged(why: string): KeywardenError {
  return new KeywardenError('BACKUP_DAMAGED', `This backup is damaged or was tampered with: ${why}. Nothing was restored from it; use another copy of the backup.`);
}
