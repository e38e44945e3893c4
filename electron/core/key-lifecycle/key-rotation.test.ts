/** Guided key rotation and revocation, against the offline fake exchanges. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../app';
import { isKeywardenError, type ErrorCode } from '../errors';
import { startFakeExchange, makeBinanceHmacKey, makeBybitKey, type FakeExchange } from '../../testing/fake-exchange';
import { ManualClock, TEST_PASSPHRASE, createTestCore, filesContaining, makeTempHome, databaseOf } from '../../testing/test-core';
import { RETIRED_KEY_KEEP_MS } from '../credentials/rotated-keys';

async function codeOf(action: () => unknown): Promise<ErrorCode | 'none'> {
  try {
    await action();
    return 'none';
  } catch (error) {
    if (isKeywardenError(error)) return error.code;
    throw error;
  }
}

describe('key rotation and revocation', () => {
  let binance: FakeExchange;
  let temp: ReturnType<typeof makeTempHome>;
  let core: Core;
  let clock: ManualClock;

  beforeAll(async () => {
    binance = await startFakeExchange({ exchange: 'binance' });
  });
  afterAll(() => binance.stop());
  beforeEach(async () => {
    temp = makeTempHome();
    clock = new ManualClock(Date.now());
    core = createTestCore(temp.home, { clock, exchangeUrlOverrides: { binance: binance.url }, exchangeTimeoutMs: 2000 });
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    core.vault.setAutoLockMinutes(0, 'ui');
  });
  afterEach(() => {
    core.close();
    temp.cleanup();
    binance.setFaults({});
  });

  async function activeKey(label = 'main') {
    const key = makeBinanceHmacKey();
    binance.addKey({ ...key, allowedIps: ['127.0.0.1'] });
    const info = await core.credentials.create({ provider: 'binance', label, fields: key }, 'ui');
    await core.verifier.verify(info.id, 'ui');
    return { key, info };
  }

  it('verifies the new key, swaps it in, keeps only the old fingerprint, and confirms the old key died', async () => {
    const { key: oldKey, info } = await activeKey();
    const newKey = makeBinanceHmacKey();
    binance.addKey({ ...newKey, allowedIps: ['127.0.0.1'] });

    const result = await core.rotation.rotate({ ref: 'main', fields: newKey }, 'ui');
    expect(result.verification).toEqual({ outcome: 'ok', message: 'The key works.' });
    expect(result.oldFingerprint).toBe(info.fingerprint);
    expect(result.credential).toMatchObject({ id: info.id, status: 'active', rotatedAt: clock.now(), retiredKeyExpiresAt: clock.now() + RETIRED_KEY_KEEP_MS });
    expect(result.credential.fingerprint).not.toBe(info.fingerprint);
    expect(result.nextSteps.join(' ')).toContain('Delete the old key');
    expect(core.credentials.getDecrypted(info.id).secrets).toEqual(newKey);
    expect(core.rotatedKeys.keyHistory(info.id)).toEqual([{ fingerprint: info.fingerprint, activeFrom: info.createdAt, retiredAt: clock.now() }]);
    expect(core.verificationRecords.verificationHistory(info.id, 1)[0]).toMatchObject({ outcome: 'ok', at: clock.now() });
    // The next signed request uses the new key.
    binance.resetRequests();
    expect((await core.verifier.verify(info.id, 'ui')).outcome).toBe('ok');
    expect(binance.requests.filter((r) => r.private).every((r) => r.apiKey === newKey.apiKey)).toBe(true);

    // The user has not deleted the old key yet: Keywarden says it still works.
    expect(await core.rotation.checkOldKey(info.id, 'ui')).toEqual({ oldKeyWorks: true, message: expect.stringContaining('STILL WORKS') });
    binance.removeKey(oldKey.apiKey);
    expect(await core.rotation.checkOldKey(info.id, 'ui')).toEqual({ oldKeyWorks: false, message: expect.stringContaining('no longer works') });
    expect(await codeOf(() => core.rotation.checkOldKey(info.id, 'ui'))).toBe('NO_RETIRED_KEY');
    expect(databaseOf(core).sqlite.prepare("SELECT count(*) AS n FROM credential_secrets WHERE field LIKE 'retired:%'").get()).toEqual({ n: 0 });
    for (const secret of [oldKey.apiKey, oldKey.secret]) expect(filesContaining(temp.home, secret)).toEqual([]);
    expect(core.audit.list({ limit: 10 }).map((r) => r.action)).toEqual(expect.arrayContaining(['credential.rotate', 'credential.destroyOldKey']));
  });

  it('keeps the old key in place and working when the new key fails verification', async () => {
    const { key: oldKey, info } = await activeKey();
    const unknown = makeBinanceHmacKey();
    const before = databaseOf(core).sqlite.prepare('SELECT field, hex(ciphertext) AS c FROM credential_secrets ORDER BY field').all();
    let message = '';
    try {
      await core.rotation.rotate({ ref: info.id, fields: unknown }, 'ui');
    } catch (error) {
      expect(isKeywardenError(error, 'ROTATION_VERIFY_FAILED')).toBe(true);
      message = (error as Error).message;
    }
    expect(message).toContain('keeps its old key, which still works');
    expect(message).not.toContain(unknown.secret);
    expect(databaseOf(core).sqlite.prepare('SELECT field, hex(ciphertext) AS c FROM credential_secrets ORDER BY field').all()).toEqual(before);
    expect(core.credentials.getDecrypted(info.id).secrets).toEqual(oldKey);
    expect((await core.verifier.verify(info.id, 'ui')).outcome).toBe('ok');
  });

  it('refuses the same key, a key stored elsewhere, and a malformed key, changing nothing', async () => {
    const { key, info } = await activeKey('a');
    const { key: other } = await activeKey('b');
    expect(await codeOf(() => core.rotation.rotate({ ref: info.id, fields: key }, 'ui'))).toBe('SAME_KEY');
    expect(await codeOf(() => core.rotation.rotate({ ref: info.id, fields: other }, 'ui'))).toBe('DUPLICATE_KEY');
    expect(await codeOf(() => core.rotation.rotate({ ref: info.id, fields: { apiKey: 'short', secret: key.secret } }, 'ui'))).toBe('MALFORMED_FIELD');
    expect(core.credentials.getDecrypted(info.id).secrets).toEqual(key);
  });

  it('with the exchange unreachable: says so and keeps the old key, unless the user skips verification', async () => {
    const { key: oldKey, info } = await activeKey();
    const newKey = makeBinanceHmacKey();
    binance.setFaults({ errorRate: 1 });
    let refusal: unknown;
    try {
      await core.rotation.rotate({ ref: info.id, fields: newKey }, 'ui');
    } catch (error) {
      refusal = error;
    }
    expect(isKeywardenError(refusal, 'EXCHANGE_UNREACHABLE')).toBe(true);
    expect((refusal as Error).message).toBe('Binance could not be reached (answered 503); "main" keeps its old key, which still works. If Binance stays unreachable, you can rotate without verifying the new key and verify it later.');
    expect(core.credentials.getDecrypted(info.id).secrets).toEqual(oldKey);
    expect(core.credentials.get(info.id).status).toBe('active');
    const skipped = await core.rotation.rotate({ ref: info.id, fields: newKey, skipVerification: true }, 'ui');
    expect(skipped.verification).toBeNull();
    expect(skipped.credential.status).toBe('unverified');
    // Checking that the old key died cannot happen either; its copy stays.
    let check: unknown;
    try {
      await core.rotation.checkOldKey(info.id, 'ui');
    } catch (error) {
      check = error;
    }
    expect(check).toMatchObject({ code: 'EXCHANGE_UNREACHABLE', message: 'Binance could not be reached (answered 503); Keywarden still holds the old key. Check again later.' });
    expect(core.rotatedKeys.getRetiredDecrypted(info.id).secrets).toEqual(oldKey);
  });

  it('destroys a kept old key after a day, and keeps it readable across a vault-key rotation until then', async () => {
    const { info } = await activeKey();
    const newKey = makeBinanceHmacKey();
    binance.addKey(newKey);
    await core.rotation.rotate({ ref: info.id, fields: newKey }, 'ui');
    await core.vault.rotateKey({ passphrase: TEST_PASSPHRASE }, 'ui');
    expect(core.rotatedKeys.getRetiredDecrypted(info.id).secrets.apiKey).toBeDefined();
    clock.advance(RETIRED_KEY_KEEP_MS);
    expect(core.rotatedKeys.purgeExpiredRetired('system')).toBe(1);
    expect(await codeOf(() => core.rotatedKeys.getRetiredDecrypted(info.id))).toBe('NO_RETIRED_KEY');
    expect(core.credentials.getDecrypted(info.id).secrets).toEqual(newKey);
  });

  it('revokes: the secret is destroyed, every later use is refused, the record stays', async () => {
    const { key, info } = await activeKey();
    const revoked = core.credentials.revoke(info.id, 'ui');
    expect(revoked).toMatchObject({ status: 'revoked', isPrimary: false });
    expect(databaseOf(core).sqlite.prepare('SELECT count(*) AS n FROM credential_secrets WHERE credential_id = ?').get(info.id)).toEqual({ n: 0 });
    expect(await codeOf(() => core.credentials.getDecrypted(info.id))).toBe('CREDENTIAL_REVOKED');
    expect(await codeOf(() => core.verifier.verify(info.id, 'ui'))).toBe('CREDENTIAL_REVOKED');
    expect(await codeOf(() => core.rotation.rotate({ ref: info.id, fields: makeBinanceHmacKey() }, 'ui'))).toBe('CREDENTIAL_REVOKED');
    expect(await codeOf(() => core.credentials.revoke(info.id, 'ui'))).toBe('CREDENTIAL_REVOKED');
    expect(core.credentials.list().map((c) => c.status)).toEqual(['revoked']);
    expect(core.audit.list({ limit: 1 })[0]).toMatchObject({ action: 'credential.revoke', subject: info.id });
    for (const secret of [key.apiKey, key.secret]) expect(filesContaining(temp.home, secret)).toEqual([]);
  });

  it('refuses to accept risk before a verification found the permissions', async () => {
    const key = makeBybitKey();
    const info = await core.credentials.create({ provider: 'bybit', label: 'unverified', fields: key }, 'ui');
    expect(await codeOf(() => core.verificationRecords.acceptRisk(info.id, 'ui'))).toBe('PERMISSIONS_UNKNOWN');
  });
});
