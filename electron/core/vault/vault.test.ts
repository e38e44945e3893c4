import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../app';
import { isKeywardenError, type ErrorCode } from '../errors';
import { makeBinanceHmacKey } from '../../testing/fake-exchange/keys';
import { FakeSafeStorage, ManualClock, TEST_PASSPHRASE, createTestCore, makeTempHome, databaseOf } from '../../testing/test-core';
import { delayAfterFailures } from './unlock-throttle';

async function expectCode(promise: Promise<unknown> | (() => unknown), code: ErrorCode): Promise<void> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    expect(isKeywardenError(error) ? error.code : error).toBe(code);
    return;
  }
  throw new Error(`expected ${code}, but it succeeded`);
}

function vaultKeyRows(core: Core) {
  return databaseOf(core).sqlite.prepare('SELECT protector, key_version, hex(wrapped) AS wrapped, params FROM vault_keys ORDER BY protector').all();
}

describe('vault', () => {
  let temp: ReturnType<typeof makeTempHome>;
  let clock: ManualClock;
  let core: Core;

  beforeEach(() => {
    temp = makeTempHome();
    clock = new ManualClock();
    core = createTestCore(temp.home, { clock });
  });
  afterEach(() => {
    core.close();
    temp.cleanup();
  });

  const reopen = (extra: Parameters<typeof createTestCore>[1] = {}) => {
    core.close();
    core = createTestCore(temp.home, { clock, ...extra });
    return core;
  };

  it('starts uninitialised, and is unlocked right after init', async () => {
    expect(await core.vault.status()).toMatchObject({ initialized: false, locked: true, keyVersion: null });
    await expectCode(core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'ui'), 'VAULT_NOT_INITIALIZED');
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    expect(await core.vault.status()).toMatchObject({ initialized: true, locked: false, keyVersion: 1 });
    await expectCode(core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui'), 'VAULT_ALREADY_INITIALIZED');
  });

  it('refuses a weak passphrase or no protector at init, and creates nothing', async () => {
    await expectCode(core.vault.init({ passphrase: 'short', useOsKeychain: false }, 'ui'), 'WEAK_PASSPHRASE');
    await expectCode(core.vault.init({ passphrase: 'aaaaaaaaaaaaaaaa', useOsKeychain: false }, 'ui'), 'WEAK_PASSPHRASE');
    await expectCode(core.vault.init({ useOsKeychain: false }, 'ui'), 'PASSPHRASE_REQUIRED');
    expect(vaultKeyRows(core)).toEqual([]);
  });

  it('locks by zeroing the key in memory, and unlocks again with the passphrase', async () => {
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    const keyring = core.vault.requireKeyring();
    const key = keyring.key;
    const fingerprintKey = keyring.fingerprintKey;
    const integrityKey = keyring.integrityKey;
    const integrityBefore = Buffer.from(integrityKey);
    expect(key.some((byte) => byte !== 0)).toBe(true);
    core.vault.lock('user', 'ui');
    expect(key.every((byte) => byte === 0)).toBe(true);
    expect(fingerprintKey.every((byte) => byte === 0)).toBe(true);
    expect(integrityKey.every((byte) => byte === 0)).toBe(true);
    expect(() => core.vault.requireKeyring()).toThrow(expect.objectContaining({ code: 'VAULT_LOCKED' }));
    await core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'ui');
    expect(core.vault.isUnlocked()).toBe(true);
    // The integrity root is the same after an unlock and after a vault-key rotation (MACs stay valid),
    // and is stored only sealed.
    expect(core.vault.requireKeyring().integrityKey.equals(integrityBefore)).toBe(true);
    await core.vault.rotateKey({ passphrase: TEST_PASSPHRASE }, 'ui');
    expect(core.vault.requireKeyring().integrityKey.equals(integrityBefore)).toBe(true);
    const stored = databaseOf(core).sqlite.prepare("SELECT value FROM settings WHERE key = 'vault.integrityKey'").get() as { value: string };
    expect(stored.value).not.toContain(integrityBefore.toString('base64'));
  });

  it('gives a vault made before integrity keys existed one at its next unlock', async () => {
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    core.vault.lock('user', 'ui');
    databaseOf(core).sqlite.prepare("DELETE FROM settings WHERE key = 'vault.integrityKey'").run();
    await core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'ui');
    const created = Buffer.from(core.vault.requireKeyring().integrityKey);
    expect(created.some((byte) => byte !== 0)).toBe(true);
    core.vault.lock('user', 'ui');
    await core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'ui');
    expect(core.vault.requireKeyring().integrityKey.equals(created)).toBe(true);
  });

  it('refuses a wrong passphrase, changes nothing, and records the attempt', async () => {
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    core.vault.lock('user', 'ui');
    const before = vaultKeyRows(core);
    await expectCode(core.vault.unlock({ method: 'passphrase', passphrase: 'not the passphrase at all' }, 'cli'), 'WRONG_PASSPHRASE');
    expect(core.vault.isUnlocked()).toBe(false);
    expect(vaultKeyRows(core)).toEqual(before);
    const [last] = core.audit.list({ limit: 1 });
    expect(last).toMatchObject({ action: 'vault.unlock', outcome: 'denied', actor: 'cli' });
    expect(JSON.stringify(last)).not.toContain('not the passphrase');
  });

  it('slows down repeated wrong passphrases, even across restarts', async () => {
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    core.vault.lock('user', 'ui');
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await expectCode(core.vault.unlock({ method: 'passphrase', passphrase: `wrong guess number ${attempt}` }, 'cli'), 'WRONG_PASSPHRASE');
    }
    // A fresh process (the next CLI run) is throttled too, even with the right passphrase.
    reopen();
    await expectCode(core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'cli'), 'UNLOCK_THROTTLED');
    clock.advance(delayAfterFailures(3));
    await expectCode(core.vault.unlock({ method: 'passphrase', passphrase: 'wrong guess number 4' }, 'cli'), 'WRONG_PASSPHRASE');
    clock.advance(delayAfterFailures(4) - 1);
    await expectCode(core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'cli'), 'UNLOCK_THROTTLED');
    clock.advance(1);
    await core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'cli');
    expect(core.vault.isUnlocked()).toBe(true);
    // Success resets the count.
    core.vault.lock('user', 'ui');
    await expectCode(core.vault.unlock({ method: 'passphrase', passphrase: 'one more wrong guess' }, 'cli'), 'WRONG_PASSPHRASE');
    await core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'cli');
  });

  it('grows the throttle delay up to five minutes', () => {
    expect([0, 1, 2, 3, 4, 5, 12, 40].map(delayAfterFailures)).toEqual([0, 0, 0, 1000, 2000, 4000, 300_000, 300_000]);
  });

  it('locks itself after the idle time, and activity pushes it back', async () => {
    const locks: string[] = [];
    core.events.on('vault.locked', ({ reason }) => locks.push(reason));
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    core.vault.setAutoLockMinutes(5, 'ui');
    const key = core.vault.requireKeyring().key;
    clock.advance(4 * 60_000);
    expect(core.vault.isUnlocked()).toBe(true);
    core.vault.touch();
    clock.advance(4 * 60_000);
    expect(core.vault.isUnlocked()).toBe(true);
    clock.advance(60_000);
    expect(core.vault.isUnlocked()).toBe(false);
    expect(key.every((byte) => byte === 0)).toBe(true);
    expect(locks).toEqual(['idle']);
    expect((await core.vault.status()).locked).toBe(true);
  });

  it('never auto-locks when set to 0', async () => {
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    core.vault.setAutoLockMinutes(0, 'ui');
    clock.advance(7 * 24 * 3600_000);
    expect(core.vault.isUnlocked()).toBe(true);
  });

  it('changes the passphrase: the old one stops working, the new one works', async () => {
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    await expectCode(core.vault.changePassphrase({ next: 'a brand new passphrase' }, 'ui'), 'PASSPHRASE_REQUIRED');
    await expectCode(core.vault.changePassphrase({ current: 'wrong current passphrase', next: 'a brand new passphrase' }, 'ui'), 'WRONG_PASSPHRASE');
    await expectCode(core.vault.changePassphrase({ current: TEST_PASSPHRASE, next: 'tiny' }, 'ui'), 'WEAK_PASSPHRASE');
    await core.vault.changePassphrase({ current: TEST_PASSPHRASE, next: 'a brand new passphrase' }, 'ui');
    core.vault.lock('user', 'ui');
    await expectCode(core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'ui'), 'WRONG_PASSPHRASE');
    await core.vault.unlock({ method: 'passphrase', passphrase: 'a brand new passphrase' }, 'ui');
  });

  it('uses scrypt with N >= 2^17 and a per-vault random salt by default', async () => {
    const defaults = reopen({ scryptCost: undefined });
    await defaults.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    const [row] = vaultKeyRows(defaults) as { params: string }[];
    const params = JSON.parse(row?.params ?? '{}') as Record<string, unknown>;
    expect(params).toMatchObject({ kdf: 'scrypt', N: 2 ** 17, r: 8, p: 1 });
    expect(Buffer.from(String(params['salt']), 'base64')).toHaveLength(16);
    const other = makeTempHome();
    const second = createTestCore(other.home, { scryptCost: undefined });
    await second.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    const [otherRow] = vaultKeyRows(second) as { params: string }[];
    expect(JSON.parse(otherRow?.params ?? '{}').salt).not.toBe(params['salt']);
    second.close();
    other.cleanup();
  });

  it('re-wraps the key with stronger KDF parameters at unlock when they were raised', async () => {
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    const stronger = reopen({ scryptCost: { N: 2 ** 15, r: 8, p: 1 } });
    await stronger.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'ui');
    const [row] = vaultKeyRows(stronger) as { params: string }[];
    expect(JSON.parse(row?.params ?? '{}').N).toBe(2 ** 15);
    stronger.vault.lock('user', 'ui');
    await stronger.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'ui');
  });

  describe('OS keychain protector', () => {
    let safeStorage: FakeSafeStorage;
    beforeEach(() => {
      safeStorage = new FakeSafeStorage();
      reopen({ osKeychain: { safeStorage, platform: 'linux' } });
    });

    it('unlocks without a passphrase, and says which store protects the key', async () => {
      await core.vault.init({ useOsKeychain: true }, 'ui');
      core.vault.lock('user', 'ui');
      await core.vault.unlock({ method: 'os-keychain' }, 'ui');
      const status = await core.vault.status();
      expect(status.protectors.map((p) => p.description)).toEqual(['OS keychain: GNOME Keyring (libsecret)']);
      expect(status.osKeychain).toEqual({ available: true, description: 'GNOME Keyring (libsecret)' });
    });

    it('refuses the basic_text backend, which is not real protection', async () => {
      safeStorage.backend = 'basic_text';
      await expectCode(core.vault.init({ useOsKeychain: true }, 'ui'), 'INSECURE_KEYCHAIN');
      expect(vaultKeyRows(core)).toEqual([]);
    });

    it('says so when the keychain backend changed since the key was wrapped', async () => {
      await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: true }, 'ui');
      core.vault.lock('user', 'ui');
      safeStorage.backend = 'kwallet5';
      await expectCode(core.vault.unlock({ method: 'os-keychain' }, 'ui'), 'KEYCHAIN_CHANGED');
      await core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'ui');
    });

    it('re-wraps when the OS asks for it (shouldReEncrypt)', async () => {
      await core.vault.init({ useOsKeychain: true }, 'ui');
      core.vault.lock('user', 'ui');
      safeStorage.reEncryptNext = true;
      await core.vault.unlock({ method: 'os-keychain' }, 'ui');
      expect(core.audit.list({ limit: 1 })[0]?.details).toMatchObject({ rewrapped: true });
    });

    it('adds and removes protectors, never the last one', async () => {
      await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
      await core.vault.addOsKeychain('ui');
      await expectCode(core.vault.addOsKeychain('ui'), 'PROTECTOR_EXISTS');
      await expectCode(core.vault.removeProtector({ kind: 'passphrase', passphrase: 'wrong passphrase here' }, 'ui'), 'WRONG_PASSPHRASE');
      await core.vault.removeProtector({ kind: 'passphrase', passphrase: TEST_PASSPHRASE }, 'ui');
      await expectCode(core.vault.removeProtector({ kind: 'os-keychain' }, 'ui'), 'LAST_PROTECTOR');
      core.vault.lock('user', 'ui');
      await expectCode(core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'ui'), 'PROTECTOR_NOT_FOUND');
      await core.vault.unlock({ method: 'os-keychain' }, 'ui');
      // Adding a passphrase back to a keychain-only vault needs no current one.
      await core.vault.changePassphrase({ next: 'a second passphrase' }, 'ui');
      expect((await core.vault.status()).protectors.map((p) => p.kind)).toEqual(['os-keychain', 'passphrase']);
    });

    it('the CLI (no safeStorage) cannot use the keychain and says so', async () => {
      await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: true }, 'ui');
      const cli = reopen({ osKeychain: undefined });
      await expectCode(cli.vault.unlock({ method: 'os-keychain' }, 'cli'), 'PROTECTOR_UNAVAILABLE');
    });

    it('rotation re-wraps every protector under the new key', async () => {
      await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: true }, 'ui');
      await core.vault.rotateKey({ passphrase: TEST_PASSPHRASE }, 'ui');
      expect((vaultKeyRows(core) as { key_version: number }[]).map((r) => r.key_version)).toEqual([2, 2]);
      core.vault.lock('user', 'ui');
      await core.vault.unlock({ method: 'os-keychain' }, 'ui');
      core.vault.lock('user', 'ui');
      await core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'ui');
    });
  });

  describe('key rotation', () => {
    it('re-encrypts every secret under a new key version; secrets and fingerprints survive', async () => {
      await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
      const keys = [makeBinanceHmacKey(), makeBinanceHmacKey(), makeBinanceHmacKey()];
      const created = [];
      for (const [i, key] of keys.entries()) created.push(await core.credentials.create({ provider: 'binance', label: `k${i}`, fields: key }, 'ui'));
      const blobsBefore = databaseOf(core).sqlite.prepare('SELECT hex(ciphertext) AS c FROM credential_secrets ORDER BY rowid').all();
      const result = await core.vault.rotateKey({ passphrase: TEST_PASSPHRASE }, 'ui');
      expect(result).toEqual({ keyVersion: 2, reencrypted: 6 });
      const blobsAfter = databaseOf(core).sqlite.prepare('SELECT hex(ciphertext) AS c FROM credential_secrets ORDER BY rowid').all();
      expect(blobsAfter).not.toEqual(blobsBefore);
      for (const [i, info] of created.entries()) {
        expect(core.credentials.getDecrypted(info.id).secrets).toEqual(keys[i]);
        expect(core.credentials.get(info.id).fingerprint).toBe(info.fingerprint);
      }
      // Still found as a duplicate after rotation: the fingerprint key survived.
      await expectCode(core.credentials.create({ provider: 'binance', label: 'again', fields: keys[0] ?? {} }, 'ui'), 'DUPLICATE_KEY');
      core.vault.lock('user', 'ui');
      await core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'ui');
      expect(core.credentials.getDecrypted(created[0]?.id ?? '').secrets).toEqual(keys[0]);
    });

    it('asks for the passphrase and changes nothing when it is wrong', async () => {
      await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
      await core.credentials.create({ provider: 'binance', label: 'k', fields: makeBinanceHmacKey() }, 'ui');
      const before = databaseOf(core).sqlite.prepare('SELECT hex(ciphertext) AS c FROM credential_secrets').all();
      await expectCode(core.vault.rotateKey({}, 'ui'), 'PASSPHRASE_REQUIRED');
      await expectCode(core.vault.rotateKey({ passphrase: 'wrong passphrase here' }, 'ui'), 'WRONG_PASSPHRASE');
      expect(databaseOf(core).sqlite.prepare('SELECT hex(ciphertext) AS c FROM credential_secrets').all()).toEqual(before);
      expect((await core.vault.status()).keyVersion).toBe(1);
    });

    it('notices a rotation done by another process and asks to unlock again', async () => {
      await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
      const other = createTestCore(temp.home, { clock });
      await other.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'cli');
      await other.vault.rotateKey({ passphrase: TEST_PASSPHRASE }, 'cli');
      other.close();
      await expectCode(core.credentials.create({ provider: 'binance', label: 'stale', fields: makeBinanceHmacKey() }, 'ui'), 'VAULT_LOCKED');
      expect(databaseOf(core).sqlite.prepare('SELECT count(*) AS n FROM credentials').get()).toEqual({ n: 0 });
      await core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'ui');
      await core.credentials.create({ provider: 'binance', label: 'fresh', fields: makeBinanceHmacKey() }, 'ui');
    });
  });
});
