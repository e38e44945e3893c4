/**
 * Key verification against the offline fake exchanges: every outcome, for Binance and Bybit, with
 * the real signed calls ccxt makes.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../app';
import { startFakeExchange, makeBinanceEd25519Key, makeBinanceHmacKey, makeBybitKey, type FakeExchange, type FakeKeySpec, type TestKey } from '../../testing/fake-exchange';
import { ManualClock, TEST_PASSPHRASE, createTestCore, makeTempHome, databaseOf } from '../../testing/test-core';

describe('key verification', () => {
  let binance: FakeExchange;
  let bybit: FakeExchange;
  let temp: ReturnType<typeof makeTempHome>;
  let core: Core;
  let clock: ManualClock;

  beforeAll(async () => {
    binance = await startFakeExchange({ exchange: 'binance' });
    bybit = await startFakeExchange({ exchange: 'bybit' });
  });
  afterAll(async () => {
    await binance.stop();
    await bybit.stop();
  });
  beforeEach(async () => {
    temp = makeTempHome();
    // The real clock: the fakes check request timestamps against it.
    clock = new ManualClock(Date.now());
    core = createTestCore(temp.home, { clock, exchangeUrlOverrides: { binance: binance.url, bybit: bybit.url }, exchangeTimeoutMs: 2000 });
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
  });
  afterEach(() => {
    core.close();
    temp.cleanup();
    binance.setLatency(0);
    bybit.setLatency(0);
    binance.setClockOffset(0);
    bybit.setClockOffset(0);
    binance.setFaults({});
    bybit.setFaults({});
  });

  const displayName = { binance: 'Binance', bybit: 'Bybit' } as const;
  const exchanges = [
    { name: 'binance' as const, fake: () => binance, makeKey: makeBinanceHmacKey },
    { name: 'bybit' as const, fake: () => bybit, makeKey: makeBybitKey },
  ];

  async function storedKey(exchange: (typeof exchanges)[number], spec: Partial<Omit<FakeKeySpec, 'apiKey' | 'secret'>> | null, options: { environment?: 'live' | 'testnet'; key?: TestKey; label?: string } = {}) {
    const key = options.key ?? exchange.makeKey();
    if (spec) exchange.fake().addKey({ ...key, ...spec });
    const info = await core.credentials.create({ provider: exchange.name, label: options.label ?? `${exchange.name} ${Math.random()}`, environment: options.environment ?? 'live', fields: key }, 'ui');
    return { key, info };
  }

  it('verifies Binance keys without downloading its market list; trading later gets the same client with markets', async () => {
    const marketLoads = () => binance.requests.filter((r) => r.path.endsWith('/exchangeInfo')).length;
    const loadsBefore = marketLoads();
    const { info } = await storedKey(exchanges[0]!, { allowedIps: ['127.0.0.1'] });
    const [result] = await core.verifier.verifyAll('ui');
    expect(result).toMatchObject({ outcome: 'ok', permissions: expect.objectContaining({ read: true, trade: true, withdraw: false, ipRestricted: true, source: 'binance-api-restrictions' }) });
    expect(marketLoads()).toBe(loadsBefore);
    const verifiedWith = await core.exchangeClients.cachedClient(info.id, info.fingerprint);
    expect(Object.keys(verifiedWith?.markets ?? {}).length).toBeGreaterThan(0);
    expect(marketLoads()).toBe(loadsBefore + 1);
  });

  for (const exchange of exchanges) {
    describe(exchange.name, () => {
      it('ok: a working key with read + trade and an IP allow-list', async () => {
        const { key, info } = await storedKey(exchange, { allowedIps: ['127.0.0.1'] });
        const result = await core.verifier.verify(info.id, 'ui');
        expect(result).toMatchObject({ outcome: 'ok', message: 'The key works.', action: null, status: 'active', tradingBlock: null, warnings: [] });
        expect(result.permissions).toMatchObject({ read: true, trade: true, withdraw: false, ipRestricted: true });
        const stored = core.credentials.get(info.id);
        expect(stored).toMatchObject({ status: 'active', lastVerifiedAt: clock.now(), useCount: 1 });
        expect(core.verificationRecords.verificationHistory(info.id, 10)).toEqual([expect.objectContaining({ outcome: 'ok' })]);
        expect(core.audit.list({ limit: 1 })[0]).toMatchObject({ action: 'credential.verify', subject: info.id, outcome: 'ok', details: expect.objectContaining({ result: 'ok' }) });
        // The exchange saw correctly signed private requests with this key.
        expect(exchange.fake().requests.some((r) => r.private && r.apiKey === key.apiKey && r.authenticated)).toBe(true);
      });

      it('invalid-key: the exchange does not know the key', async () => {
        const { info } = await storedKey(exchange, null);
        const result = await core.verifier.verify(info.id, 'ui');
        expect(result).toMatchObject({ outcome: 'invalid-key', status: 'invalid' });
        expect(result.action).toBeTruthy();
      });

      it('invalid-key on a testnet entry says the key may be a live one', async () => {
        const { info } = await storedKey(exchange, null, { environment: 'testnet' });
        const result = await core.verifier.verify(info.id, 'ui');
        expect(result.outcome).toBe('invalid-key');
        expect(result.message).toContain('if it is a live key, change its environment to live');
      });

      it('bad-secret: known key, wrong secret; the secret is in no message, row or log', async () => {
        const real = exchange.makeKey();
        exchange.fake().addKey(real);
        const wrong = { apiKey: real.apiKey, secret: exchange.makeKey().secret };
        const { info } = await storedKey(exchange, null, { key: wrong });
        const result = await core.verifier.verify(info.id, 'ui');
        expect(result).toMatchObject({ outcome: 'bad-secret', status: 'invalid' });
        const everything = JSON.stringify([result, core.audit.list({ limit: 100 }), core.verificationRecords.verificationHistory(info.id, 10)]);
        for (const secret of [wrong.secret, real.secret, wrong.apiKey]) expect(everything).not.toContain(secret);
      });

      it('clock-skew: the exchange rejects our timestamps; the key status is left alone', async () => {
        const { info } = await storedKey(exchange, {});
        exchange.fake().setClockOffset(120_000);
        const result = await core.verifier.verify(info.id, 'ui');
        expect(result).toMatchObject({ outcome: 'clock-skew', status: 'unverified' });
        expect(result.action).toContain('time synchronisation');
      });

      it('permission-missing: a read-only key works but cannot trade', async () => {
        const { info } = await storedKey(exchange, { permissions: { spotTrade: false }, ...(exchange.name === 'bybit' ? { readOnly: true } : {}) });
        const result = await core.verifier.verify(info.id, 'ui');
        expect(result).toMatchObject({ outcome: 'permission-missing', status: 'active' });
        expect(result.permissions?.trade).toBe(false);
        expect(result.warnings.map((w) => w.code)).toContain('read-only');
      });

      it('withdraw-enabled keys are dangerous: trading is blocked until the risk is accepted', async () => {
        const { info } = await storedKey(exchange, { permissions: { withdraw: true }, allowedIps: ['127.0.0.1'] });
        const result = await core.verifier.verify(info.id, 'ui');
        expect(result).toMatchObject({ outcome: 'ok', tradingBlock: 'withdraw-enabled' });
        expect(result.warnings.find((w) => w.code === 'withdraw-enabled')?.message).toContain('WITHDRAW');
        const accepted = core.verificationRecords.acceptRisk(info.id, 'ui');
        expect(accepted).toMatchObject({ tradingBlock: null, withdrawRiskAccepted: true });
        expect(core.audit.list({ limit: 1 })[0]).toMatchObject({ action: 'credential.acceptRisk', details: expect.objectContaining({ withdraw: true }) });
        // Accepted once, it stays accepted while the permissions stay the same.
        expect((await core.verifier.verify(info.id, 'ui')).tradingBlock).toBeNull();
      });

      it('permissions that widen since the last check block trading again', async () => {
        const { key, info } = await storedKey(exchange, { allowedIps: ['127.0.0.1'] });
        expect((await core.verifier.verify(info.id, 'ui')).tradingBlock).toBeNull();
        exchange.fake().updateKey(key.apiKey, { permissions: { read: true, spotTrade: true, withdraw: true } });
        const widened = await core.verifier.verify(info.id, 'ui');
        expect(widened.tradingBlock).toBe('permissions-widened');
        expect(widened.warnings.find((w) => w.code === 'permissions-widened')?.message).toContain('withdraw');
        // Still blocked on the next check, until the user accepts.
        expect((await core.verifier.verify(info.id, 'ui')).tradingBlock).not.toBeNull();
        core.verificationRecords.acceptRisk(info.id, 'ui');
        expect((await core.verifier.verify(info.id, 'ui')).tradingBlock).toBeNull();
      });

      it('a trading key without an IP allow-list is in danger (deleted or expiring), saying how to bind one', async () => {
        const { info } = await storedKey(exchange, {});
        const result = await core.verifier.verify(info.id, 'ui');
        expect(result.outcome).toBe('ok');
        expect(result.warnings.find((w) => w.code === 'key-will-die')?.message).toMatch(/IP/);
        expect(result.ipExposure?.state).toBe(exchange.name === 'binance' ? 'will-be-deleted' : 'expires');
      });

      it('exchange-unavailable: a 5xx or a dropped connection says the exchange could not be reached, and leaves the status alone', async () => {
        const { info } = await storedKey(exchange, {});
        await core.verifier.verify(info.id, 'ui');
        exchange.fake().setFaults({ errorRate: 1 });
        const down = await core.verifier.verify(info.id, 'ui');
        const answered = exchange.name === 'binance' ? 503 : 502;
        expect(down).toMatchObject({ outcome: 'exchange-unavailable', status: 'active', message: `${displayName[exchange.name]} could not be reached (answered ${answered}); the key's status is unchanged.` });
        exchange.fake().setFaults({ dropRate: 1 });
        expect(await core.verifier.verify(info.id, 'ui')).toMatchObject({ outcome: 'exchange-unavailable', status: 'active', message: `${displayName[exchange.name]} could not be reached (connection dropped); the key's status is unchanged.` });
        expect(core.credentials.get(info.id).status).toBe('active');
      });

      it('timeout: an exchange that does not answer in time', async () => {
        const { info } = await storedKey(exchange, {});
        await core.exchangeClients.client({ credentialId: info.id, provider: exchange.name, environment: 'live', secrets: core.credentials.getDecrypted(info.id).secrets as Record<string, string> });
        exchange.fake().setLatency(3000);
        const result = await core.verifier.verify(info.id, 'ui');
        expect(result).toMatchObject({ outcome: 'timeout', status: 'unverified', message: `${displayName[exchange.name]} could not be reached (timed out after 2 s); the key's status is unchanged.` });
        expect(core.credentials.get(info.id).status).toBe('unverified');
      });
    });
  }

  it('bybit: ip-not-allowed (10010) and expired (33004)', async () => {
    const bybitEntry = exchanges[1]!;
    const { info: ipInfo } = await storedKey(bybitEntry, { allowedIps: ['10.1.2.3'] });
    const ip = await core.verifier.verify(ipInfo.id, 'ui');
    expect(ip).toMatchObject({ outcome: 'ip-not-allowed', status: 'invalid' });
    expect(ip.action).toContain('allow-list');
    const { info: oldInfo } = await storedKey(bybitEntry, { expiresAt: Date.now() - 1000 });
    expect(await core.verifier.verify(oldInfo.id, 'ui')).toMatchObject({ outcome: 'expired', status: 'expired' });
  });

  it('binance: a key whose IP is not allowed is reported with every cause Binance hides behind -2015', async () => {
    const { info } = await storedKey(exchanges[0]!, { allowedIps: ['10.1.2.3'] });
    const result = await core.verifier.verify(info.id, 'ui');
    // Binance names the address it saw, so the likeliest cause leads; the others it hides are still named.
    expect(result).toMatchObject({ outcome: 'ip-not-allowed', seenIp: '127.0.0.1' });
    expect(result.message).toContain("not on the key's IP allow-list");
    expect(result.message).toContain('a wrong or deleted key and a missing permission');
  });

  it('binance: an Ed25519 key verifies, and its trading-authority expiry is reported', async () => {
    const key = makeBinanceEd25519Key();
    const expiresAt = Date.now() + 3 * 86_400_000;
    binance.addKey({ ...key, expiresAt, allowedIps: ['127.0.0.1'] });
    const info = await core.credentials.create({ provider: 'binance', label: 'ed', fields: key }, 'ui');
    const result = await core.verifier.verify(info.id, 'ui');
    expect(result.outcome).toBe('ok');
    expect(result.permissions?.expiresAt).toBe(expiresAt);
    expect(core.credentials.get(info.id).expiresAt).toBe(expiresAt);
    expect(result.warnings.find((w) => w.code === 'expiring-soon')?.message).toContain('in 3 days');
  });

  it('flags keys due for rotation', async () => {
    const { info } = await storedKey(exchanges[0]!, { allowedIps: ['127.0.0.1'] });
    core.vault.setAutoLockMinutes(0, 'ui');
    clock.advance(91 * 86_400_000);
    expect(core.credentials.get(info.id).rotationDue).toBe(true);
    clock.time = Date.now();
  });

  it('verify-all checks every key, and a slow exchange does not hold up the others', async () => {
    const fast = [];
    for (let i = 0; i < 6; i += 1) fast.push((await storedKey(exchanges[0]!, {})).info.id);
    const slow = [];
    for (let i = 0; i < 2; i += 1) slow.push((await storedKey(exchanges[1]!, {})).info.id);
    const revoked = (await storedKey(exchanges[0]!, {})).info.id;
    core.credentials.revoke(revoked, 'ui');
    bybit.setLatency(400);
    const order: string[] = [];
    const results = await core.verifier.verifyAll('tray', (result) => order.push(result.credentialId));
    expect(results.map((r) => r.outcome)).toEqual(Array(8).fill('ok'));
    expect(results.map((r) => r.credentialId).sort()).toEqual([...fast, ...slow].sort());
    // Every Binance result arrived before any of the slow Bybit ones.
    expect(order.slice(0, 6).sort()).toEqual([...fast].sort());
  });

  it('verify-all keeps going when one key cannot be read', async () => {
    const good = (await storedKey(exchanges[0]!, {})).info.id;
    const bad = (await storedKey(exchanges[0]!, {})).info.id;
    databaseOf(core).sqlite.prepare("UPDATE credential_secrets SET ciphertext = zeroblob(40) WHERE credential_id = ? AND field = 'secret'").run(bad);
    const results = await core.verifier.verifyAll('ui');
    expect(results.find((r) => r.credentialId === good)?.outcome).toBe('ok');
    expect(results.find((r) => r.credentialId === bad)?.message).toContain('could not be decrypted');
  });

  it('tests a key before it is saved, over the contract, storing nothing', async () => {
    const { invokeChannel } = await import('../../api/handlers');
    const good = makeBinanceHmacKey();
    binance.addKey({ ...good, permissions: { withdraw: true } });
    const ok = await invokeChannel(core, 'credentials.test', { provider: 'binance', fields: good }, { actor: 'ui' });
    expect(ok).toMatchObject({ ok: true, value: { outcome: 'ok', permissions: { withdraw: true } } });
    const unknown = await invokeChannel(core, 'credentials.test', { provider: 'binance', environment: 'live', fields: makeBinanceHmacKey() }, { actor: 'ui' });
    expect(unknown).toMatchObject({ ok: true, value: { outcome: 'invalid-key', message: expect.stringMatching(/^Binance did not accept this key, so it was not saved\. Binance refused the key/) } });
    const malformed = await invokeChannel(core, 'credentials.test', { provider: 'binance', fields: { apiKey: 'short', secret: good.secret } }, { actor: 'ui' });
    expect(malformed).toMatchObject({ ok: false, error: { code: 'MALFORMED_FIELD', details: { field: 'apiKey' } } });
    expect(core.credentials.list()).toEqual([]);
    expect(JSON.stringify([ok, unknown, malformed])).not.toContain(good.secret);
  });

  describe('with the exchange down (connection refused)', () => {
    let deadUrl: string;
    beforeAll(async () => {
      const stopped = await startFakeExchange({ exchange: 'binance' });
      deadUrl = stopped.url;
      await stopped.stop();
    });

    /** The same vault, opened again while Binance refuses connections. */
    async function reopenWithBinanceDown(): Promise<void> {
      core.close();
      core = createTestCore(temp.home, { clock, exchangeUrlOverrides: { binance: deadUrl, bybit: bybit.url }, exchangeTimeoutMs: 2000 });
      await core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'ui');
    }

    it('verify and verify-all name Binance, say it could not be reached, and leave each key as it was', async () => {
      const { info: active } = await storedKey(exchanges[0]!, { allowedIps: ['127.0.0.1'] }, { label: 'A active' });
      expect((await core.verifier.verify(active.id, 'ui')).status).toBe('active');
      const { info: unverified } = await storedKey(exchanges[0]!, {}, { label: 'B unverified' });
      await reopenWithBinanceDown();

      const down = "Binance could not be reached (connection refused); the key's status is unchanged.";
      const result = await core.verifier.verify(active.id, 'ui');
      expect(result).toMatchObject({ outcome: 'exchange-unavailable', status: 'active', message: down, tradingBlock: null });
      expect(result.action).toContain('Try again in a few minutes');
      expect(core.credentials.get(active.id)).toMatchObject({ status: 'active', permissions: expect.objectContaining({ trade: true }) });
      expect(core.verificationRecords.verificationHistory(active.id, 1)[0]).toMatchObject({ outcome: 'exchange-unavailable', message: down });

      const all = await core.verifier.verifyAll('tray');
      expect(all.map((r) => [r.credentialId, r.outcome, r.status, r.message])).toEqual([
        [active.id, 'exchange-unavailable', 'active', down],
        [unverified.id, 'exchange-unavailable', 'unverified', down],
      ]);
      expect(core.credentials.list().map((c) => c.status)).toEqual(['active', 'unverified']);
    });

    it('"Test and save" over the contract: EXCHANGE_UNREACHABLE, the key was not saved, and nothing is stored', async () => {
      const { invokeChannel } = await import('../../api/handlers');
      await reopenWithBinanceDown();
      const key = makeBinanceHmacKey();
      const tested = await invokeChannel(core, 'credentials.test', { provider: 'binance', fields: key }, { actor: 'ui' });
      expect(tested).toEqual({ ok: false, error: { code: 'EXCHANGE_UNREACHABLE', message: 'Binance could not be reached (connection refused); the key was not saved.', details: { exchange: 'Binance', reason: 'connection refused' } } });
      expect(core.credentials.list()).toEqual([]);
      expect(JSON.stringify(tested)).not.toContain(key.secret);
    });

    it('"Test and save" with a timeout says so too, never that the exchange refused the key', async () => {
      const { invokeChannel } = await import('../../api/handlers');
      binance.setLatency(3000);
      const tested = await invokeChannel(core, 'credentials.test', { provider: 'binance', fields: makeBinanceHmacKey() }, { actor: 'ui' });
      expect(tested).toMatchObject({ ok: false, error: { code: 'EXCHANGE_UNREACHABLE', message: 'Binance could not be reached (timed out after 2 s); the key was not saved.' } });
      expect(JSON.stringify(tested)).not.toMatch(/did not accept|refused the key/);
      expect(core.credentials.list()).toEqual([]);
    });
  });

  describe('scheduled re-verification', () => {
    it('checks keys that are due, and nothing while the vault is locked', async () => {
      const { info } = await storedKey(exchanges[0]!, {});
      expect(core.scheduler.dueCredentialIds()).toEqual([info.id]);
      expect((await core.scheduler.runDue()).map((r) => r.outcome)).toEqual(['ok']);
      expect(core.scheduler.dueCredentialIds()).toEqual([]);
      core.vault.setAutoLockMinutes(0, 'ui');
      clock.advance(24 * 3600_000);
      expect(core.scheduler.dueCredentialIds()).toEqual([info.id]);
      core.vault.lock('user', 'ui');
      expect(await core.scheduler.runDue()).toEqual([]);
      clock.time = Date.now();
    });

    it('marks a key that starts failing, and retries sooner after exchange trouble', async () => {
      const { key, info } = await storedKey(exchanges[0]!, {});
      await core.scheduler.runDue();
      binance.removeKey(key.apiKey);
      databaseOf(core).sqlite.prepare('UPDATE verifications SET at = at - 86400000').run();
      const [failed] = await core.scheduler.runDue();
      expect(failed).toMatchObject({ outcome: 'invalid-key', status: 'invalid' });
      expect(core.audit.list({ limit: 1 })[0]?.details).toMatchObject({ previousStatus: 'active', status: 'invalid' });

      core.credentials.update({ ref: info.id, label: 'renamed' }, 'ui');
      binance.setFaults({ errorRate: 1 });
      databaseOf(core).sqlite.prepare('UPDATE verifications SET at = at - 86400000').run();
      expect((await core.scheduler.runDue())[0]?.outcome).toBe('exchange-unavailable');
      binance.setFaults({});
      expect(core.scheduler.dueCredentialIds()).toEqual([]);
      databaseOf(core).sqlite.prepare('UPDATE verifications SET at = at - 3600000').run();
      expect(core.scheduler.dueCredentialIds()).toEqual([info.id]);
    });

    it('can be turned off', async () => {
      await storedKey(exchanges[0]!, {});
      const { readCredentialSettings, writeCredentialSettings } = await import('../credentials/credential-settings');
      writeCredentialSettings(databaseOf(core).db, { ...readCredentialSettings(databaseOf(core).db, core.integrity), verifyIntervalHours: 0 }, clock, core.integrity);
      expect(core.scheduler.dueCredentialIds()).toEqual([]);
    });
  });
});
