/**
 * Vault-key rotation runs the passphrase KDF once (issue 22): the run that confirms the passphrase
 * also yields the key that wraps the new vault key. Counted by spying on scrypt, not by timing.
 */
import * as crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../app';
import { isKeywardenError } from '../errors';
import { makeBinanceHmacKey } from '../../testing/fake-exchange/keys';
import { FakeSafeStorage, TEST_PASSPHRASE, createTestCore, databaseOf, makeTempHome, testScryptCost } from '../../testing/test-core';

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof crypto>();
  return { ...actual, scrypt: vi.fn(actual.scrypt) };
});
const kdfRuns = () => vi.mocked(crypto.scrypt).mock.calls.length;

function vaultKeyRows(core: Core) {
  return databaseOf(core).sqlite.prepare('SELECT protector, key_version, hex(wrapped) AS wrapped, params FROM vault_keys ORDER BY protector').all() as { protector: string; key_version: number; wrapped: string; params: string }[];
}
const sealedSecrets = (core: Core) => databaseOf(core).sqlite.prepare('SELECT hex(ciphertext) AS c FROM credential_secrets ORDER BY rowid').all();

describe('vault-key rotation and the KDF', () => {
  let temp: ReturnType<typeof makeTempHome>;
  let core: Core;
  beforeEach(async () => {
    temp = makeTempHome();
    core = createTestCore(temp.home);
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    await core.credentials.create({ provider: 'binance', label: 'k', fields: makeBinanceHmacKey() }, 'ui');
  });
  afterEach(() => {
    core.close();
    temp.cleanup();
  });

  it('runs the KDF once, and the new wrap opens with the passphrase', async () => {
    const salt = JSON.parse(vaultKeyRows(core)[0]?.params ?? '{}').salt as string;
    vi.mocked(crypto.scrypt).mockClear();
    expect(await core.vault.rotateKey({ passphrase: TEST_PASSPHRASE }, 'ui')).toEqual({ keyVersion: 2, reencrypted: 2 });
    expect(kdfRuns()).toBe(1);
    const [row] = vaultKeyRows(core);
    expect(row).toMatchObject({ protector: 'passphrase', key_version: 2 });
    // Same salt and cost as the wrap it replaces (that is what makes one run enough).
    expect(JSON.parse(row?.params ?? '{}')).toMatchObject({ kdf: 'scrypt', N: testScryptCost.N, r: testScryptCost.r, p: testScryptCost.p, salt });
    core.vault.lock('user', 'ui');
    await core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'ui');
    vi.mocked(crypto.scrypt).mockClear();
    await core.vault.rotateKey({ passphrase: TEST_PASSPHRASE }, 'ui');
    expect(kdfRuns()).toBe(1);
    core.vault.lock('user', 'ui');
    await core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'ui');
    expect((await core.vault.status()).keyVersion).toBe(3);
  });

  it('a wrong passphrase costs one KDF run and changes nothing', async () => {
    const keysBefore = vaultKeyRows(core);
    const secretsBefore = sealedSecrets(core);
    vi.mocked(crypto.scrypt).mockClear();
    const error = await core.vault.rotateKey({ passphrase: 'wrong passphrase here' }, 'ui').catch((caught: unknown) => caught);
    expect(isKeywardenError(error, 'WRONG_PASSPHRASE')).toBe(true);
    expect(kdfRuns()).toBe(1);
    expect(vaultKeyRows(core)).toEqual(keysBefore);
    expect(sealedSecrets(core)).toEqual(secretsBefore);
    expect((await core.vault.status()).keyVersion).toBe(1);
  });

  it('a passphrase wrap older than today\'s cost is made anew at the full cost with a fresh salt (the one case with two runs)', async () => {
    // Unlocking with the passphrase would already re-wrap it; through the keychain it stays weaker.
    core.close();
    temp.cleanup();
    temp = makeTempHome();
    const osKeychain = { safeStorage: new FakeSafeStorage(), platform: 'linux' as const };
    core = createTestCore(temp.home, { osKeychain });
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: true }, 'ui');
    const before = JSON.parse(vaultKeyRows(core).find((row) => row.protector === 'passphrase')?.params ?? '{}') as { salt: string };
    core.close();
    const stronger = { ...testScryptCost, N: testScryptCost.N * 2 };
    core = createTestCore(temp.home, { scryptCost: stronger, osKeychain });
    await core.vault.unlock({ method: 'os-keychain' }, 'ui');
    vi.mocked(crypto.scrypt).mockClear();
    await core.vault.rotateKey({ passphrase: TEST_PASSPHRASE }, 'ui');
    expect(kdfRuns()).toBe(2);
    const after = JSON.parse(vaultKeyRows(core).find((row) => row.protector === 'passphrase')?.params ?? '{}') as { N: number; salt: string };
    expect(after.N).toBe(stronger.N);
    expect(after.salt).not.toBe(before.salt);
    core.vault.lock('user', 'ui');
    await core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'ui');
    expect((await core.vault.status()).keyVersion).toBe(2);
  });
});
