import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isKeywardenError, type ErrorCode } from '../errors';
import { BACKUP_HEADER_LENGTH, BACKUP_MAGIC, backupScryptCost, decodeBackup, encodeBackup } from './backup-format';

const passphrase = 'backup passphrase for tests';
const cheap = { N: 2 ** 12, r: 8, p: 1 };

async function refusal(bytes: Buffer, pass = passphrase): Promise<{ code: ErrorCode; message: string }> {
  try {
    await decodeBackup(bytes, pass);
  } catch (error) {
    if (isKeywardenError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected the backup to be refused');
}

/** Recomputes the trailing checksum, as someone forging a file on purpose would. */
function withFreshChecksum(bytes: Buffer): Buffer {
  const body = bytes.subarray(0, bytes.length - 32);
  return Buffer.concat([body, createHash('sha256').update(body).digest()]);
}

describe('backup file format', () => {
  it('round-trips, with scrypt N=2^17 r=8 p=1 and a random salt and nonce written in the header', async () => {
    const plaintext = Buffer.from('{"hello":"world"}');
    const file = await encodeBackup(plaintext, passphrase);
    expect(file.subarray(0, 16)).toEqual(BACKUP_MAGIC);
    expect(file.readUInt16BE(16)).toBe(1);
    expect([file.readUInt8(18), 2 ** file.readUInt8(19), file.readUInt16BE(20), file.readUInt16BE(22)]).toEqual([1, backupScryptCost.N, backupScryptCost.r, backupScryptCost.p]);
    expect(backupScryptCost).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    expect((await decodeBackup(file, passphrase)).toString()).toBe('{"hello":"world"}');
    const again = await encodeBackup(plaintext, passphrase, cheap);
    // Fresh salt and nonce each time.
    expect(again.subarray(24, 52).equals(file.subarray(24, 52))).toBe(false);
  });

  it('normalises the passphrase (NFKC), so the same words typed on another keyboard work', async () => {
    const file = await encodeBackup(Buffer.from('x'), 'Cafe\u0301 au lait please', cheap);
    expect((await decodeBackup(file, 'Café au lait please')).toString()).toBe('x');
  });

  it('refuses a flipped bit in every single byte of the file as damaged, before running the KDF', async () => {
    const file = await encodeBackup(randomBytes(40), passphrase, cheap);
    for (let i = 0; i < file.length; i += 1) {
      const copy = Buffer.from(file);
      copy[i] = (copy[i] ?? 0) ^ 0x01;
      const { code, message } = await refusal(copy);
      expect(code, `byte ${i}`).toBe('BACKUP_DAMAGED');
      expect(message).toContain('damaged or was tampered with');
    }
  });

  it('refuses a truncated file, and one with bytes added, as damaged', async () => {
    const file = await encodeBackup(randomBytes(100), passphrase, cheap);
    for (const length of [17, BACKUP_HEADER_LENGTH - 1, BACKUP_HEADER_LENGTH + 20, file.length - 1]) {
      expect(await refusal(file.subarray(0, length))).toMatchObject({ code: 'BACKUP_DAMAGED', message: expect.stringContaining('truncated') });
    }
    expect(await refusal(Buffer.concat([file, Buffer.from('\n')]))).toMatchObject({ code: 'BACKUP_DAMAGED', message: expect.stringContaining('extra bytes') });
  });

  it('tells a wrong passphrase apart from damage', async () => {
    const file = await encodeBackup(Buffer.from('secret stuff'), passphrase, cheap);
    expect(await refusal(file, 'another passphrase entirely')).toMatchObject({ code: 'BACKUP_WRONG_PASSPHRASE', message: expect.stringContaining('not the passphrase this backup was made with') });
  });

  it('calls a forged file (contents changed, checksum recomputed) tampered, not a wrong passphrase', async () => {
    const file = await encodeBackup(Buffer.from('secret stuff that matters'), passphrase, cheap);
    const forged = Buffer.from(file);
    forged[BACKUP_HEADER_LENGTH + 3] = (forged[BACKUP_HEADER_LENGTH + 3] ?? 0) ^ 0x80;
    expect(await refusal(withFreshChecksum(forged))).toMatchObject({ code: 'BACKUP_DAMAGED', message: expect.stringContaining('changed after it was written') });
  });

  it('says "not a Keywarden backup" for other files, and refuses KDF settings it would not write', async () => {
    for (const other of [Buffer.alloc(0), Buffer.from('KEYWARDEN'), Buffer.from('SQLite format 3\0' + 'x'.repeat(200)), randomBytes(500)]) {
      expect(await refusal(other)).toMatchObject({ code: 'BACKUP_INVALID', message: expect.stringContaining('not a Keywarden backup') });
    }
    const file = await encodeBackup(Buffer.from('x'), passphrase, cheap);
    const greedy = Buffer.from(file);
    greedy.writeUInt8(30, 19); // N = 2^30: a gigantic memory demand
    expect(await refusal(withFreshChecksum(greedy))).toMatchObject({ code: 'BACKUP_DAMAGED', message: expect.stringContaining('key-derivation settings') });
  });

  it('refuses a newer format version with its own message', async () => {
    const file = await encodeBackup(Buffer.from('x'), passphrase, cheap);
    const newer = Buffer.from(file);
    newer.writeUInt16BE(2, 16);
    expect(await refusal(withFreshChecksum(newer))).toMatchObject({ code: 'BACKUP_TOO_NEW', message: expect.stringContaining('newer version of Keywarden') });
  });
});
