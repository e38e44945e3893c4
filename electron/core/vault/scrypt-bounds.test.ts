import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { isKeywardenError } from '../errors';
import { decodeBackup, encodeBackup } from '../backup/backup-format';
import { TEST_PASSPHRASE, createTestCore, makeTempHome, databaseOf } from '../../testing/test-core';
import { scryptCostWithinBounds } from './scrypt-bounds';

const codeOf = (promise: Promise<unknown>): Promise<string> =>
  promise.then(() => 'OK', (error: unknown) => (isKeywardenError(error) ? `${error.code}: ${error.message}` : String(error)));

function withFreshChecksum(bytes: Buffer): Buffer {
  const body = bytes.subarray(0, bytes.length - 32);
  return Buffer.concat([body, createHash('sha256').update(body).digest()]);
}

describe('scrypt parameter bounds for anything read from a file', () => {
  const temps: ReturnType<typeof makeTempHome>[] = [];
  afterEach(() => {
    for (const temp of temps.splice(0)) temp.cleanup();
  });

  it('allows our own default and caps 128·N·r·p at 256 MiB', () => {
    expect(scryptCostWithinBounds({ N: 2 ** 17, r: 8, p: 1 })).toBe(true);
    expect(scryptCostWithinBounds({ N: 2 ** 18, r: 8, p: 1 })).toBe(true); // exactly 256 MiB
    expect(scryptCostWithinBounds({ N: 2 ** 18, r: 8, p: 2 })).toBe(false);
    expect(scryptCostWithinBounds({ N: 2 ** 20, r: 16, p: 4 })).toBe(false);
    expect(scryptCostWithinBounds({ N: 3000, r: 8, p: 1 })).toBe(false);
    expect(scryptCostWithinBounds({ N: 2 ** 14, r: 0, p: 1 })).toBe(false);
  });

  // The header the issue measured (2.1 GiB, 88 s) fit the old per-field limits (logN ≤ 20, r ≤ 16,
  // p ≤ 4). Each crafted header here did too, so without the memory bound scrypt ran before the
  // passphrase check; now the file is refused at once.
  it('refuses a crafted backup header that asks for more than 256 MiB, before running scrypt', async () => {
    const file = await encodeBackup(Buffer.from('x'), TEST_PASSPHRASE, { N: 2 ** 12, r: 8, p: 1 });
    for (const [logN, r, p] of [[20, 16, 4], [18, 8, 2], [19, 8, 1]] as const) {
      const crafted = Buffer.from(file);
      crafted.writeUInt8(logN, 19);
      crafted.writeUInt16BE(r, 20);
      crafted.writeUInt16BE(p, 22);
      const started = Date.now();
      const code = await codeOf(decodeBackup(withFreshChecksum(crafted), TEST_PASSPHRASE));
      expect(code).toMatch(/^BACKUP_DAMAGED: .*key-derivation settings.*256 MiB/);
      expect(Date.now() - started).toBeLessThan(200);
    }
  });

  it('refuses vault passphrase parameters above the bound as damage, without running scrypt', async () => {
    const temp = makeTempHome();
    temps.push(temp);
    let core = createTestCore(temp.home);
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    core.close();
    // Within the old limits (logN ≤ 22, r ≤ 32, p ≤ 16), but 1 GiB of scrypt memory.
    core = createTestCore(temp.home);
    const row = databaseOf(core).sqlite.prepare("SELECT params FROM vault_keys WHERE protector = 'passphrase'").get() as { params: string };
    const params = { ...(JSON.parse(row.params) as object), N: 2 ** 20, r: 8, p: 1 };
    databaseOf(core).sqlite.prepare("UPDATE vault_keys SET params = ? WHERE protector = 'passphrase'").run(JSON.stringify(params));
    const started = Date.now();
    expect(await codeOf(core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'cli'))).toMatch(/^DATABASE_CORRUPT: .*passphrase settings are damaged/);
    expect(Date.now() - started).toBeLessThan(500);
    expect(core.vault.isUnlocked()).toBe(false);
    core.close();
  });
});
