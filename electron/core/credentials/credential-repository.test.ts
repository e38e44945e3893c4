import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../app';
import { DecryptError, isKeywardenError, type ErrorCode } from '../errors';
import { makeBinanceEd25519Key, makeBinanceHmacKey, makeBinanceRsaKey, makeBybitKey, makeBybitRsaKey } from '../../testing/fake-exchange/keys';
import { ManualClock, TEST_PASSPHRASE, createTestCore, makeTempHome, databaseOf } from '../../testing/test-core';

async function failure(action: () => unknown): Promise<{ code: ErrorCode; message: string; details: Record<string, unknown> }> {
  try {
    await action();
  } catch (error) {
    if (isKeywardenError(error)) return { code: error.code, message: error.message, details: { ...error.details } };
    throw error;
  }
  throw new Error('expected a failure');
}

const alnum = (length: number) => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
};

describe('credential repository', () => {
  let temp: ReturnType<typeof makeTempHome>;
  let core: Core;
  let clock: ManualClock;

  beforeEach(async () => {
    temp = makeTempHome();
    clock = new ManualClock();
    core = createTestCore(temp.home, { clock });
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
  });
  afterEach(() => {
    core.close();
    temp.cleanup();
  });

  describe('round trip of every field kind', () => {
    const cases: { provider: string; fields: Record<string, string> }[] = [
      { provider: 'binance', fields: makeBinanceHmacKey() },
      { provider: 'bybit', fields: makeBybitKey() },
      { provider: 'kucoin', fields: { apiKey: alnum(24), secret: alnum(36), password: 'my api passphrase!' } },
      { provider: 'coinmate', fields: { apiKey: alnum(43), secret: alnum(43), uid: 'coinmate-uid-7q3k9' } },
      { provider: 'ndax', fields: { apiKey: alnum(32), secret: alnum(32), password: 'ndax pass', uid: 'ndax-uid-4k8p2', login: 'trader@example.com' } },
      { provider: 'woofipro', fields: { apiKey: alnum(44), secret: alnum(44), accountId: '0x' + randomBytes(32).toString('hex') } },
      { provider: 'hyperliquid', fields: { privateKey: '0x' + randomBytes(32).toString('hex'), walletAddress: '0x' + randomBytes(20).toString('hex') } },
    ];
    for (const { provider, fields } of cases) {
      it(`${provider}: ${Object.keys(fields).join(', ')}`, async () => {
        const info = await core.credentials.create({ provider, label: `${provider} key`, fields }, 'ui');
        expect(info.fields).toEqual(Object.keys(fields));
        expect(core.credentials.getDecrypted(info.id).secrets).toEqual(fields);
        // Every value is long and distinctive, so finding it in the row cannot be a coincidence.
        const stored = JSON.stringify(databaseOf(core).sqlite.prepare('SELECT * FROM credentials').all());
        for (const value of Object.values(fields)) expect(stored).not.toContain(value);
      });
    }
  });

  it('lists masked previews and fingerprints, never secrets', async () => {
    const key = makeBinanceHmacKey();
    const info = await core.credentials.create({ provider: 'binance', label: 'Binance main', fields: key }, 'ui');
    expect(info.preview).toBe(`${key.apiKey.slice(0, 4)}…${key.apiKey.slice(-4)}`);
    expect(info.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(info).toMatchObject({ kind: 'exchange', provider: 'binance', environment: 'live', status: 'unverified', isPrimary: true, signingKind: 'hmac', useCount: 0 });
    const listed = JSON.stringify(core.credentials.list());
    expect(listed).not.toContain(key.apiKey);
    expect(listed).not.toContain(key.secret);
  });

  it('accepts Binance Ed25519 and RSA keys (PEM secrets), also pasted with literal \\n', async () => {
    const ed = makeBinanceEd25519Key();
    const rsa = makeBinanceRsaKey();
    const edInfo = await core.credentials.create({ provider: 'binance', label: 'ed', fields: { apiKey: ed.apiKey, secret: ed.secret.replace(/\n/g, '\\n') } }, 'ui');
    const rsaInfo = await core.credentials.create({ provider: 'binance', label: 'rsa', fields: rsa }, 'ui');
    expect(edInfo.signingKind).toBe('ed25519');
    expect(rsaInfo.signingKind).toBe('rsa');
    expect(core.credentials.getDecrypted(edInfo.id).secrets.secret).toBe(ed.secret.trim());
    const bybitRsa = await core.credentials.create({ provider: 'bybit', label: 'bybit rsa', fields: makeBybitRsaKey() }, 'ui');
    expect(bybitRsa.signingKind).toBe('rsa');
  });

  it('refuses key files of a type the exchange does not accept, or unreadable ones', async () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const { apiKey } = makeBinanceHmacKey();
    expect(await failure(() => core.credentials.create({ provider: 'binance', label: 'ec', fields: { apiKey, secret: ec } }, 'ui'))).toMatchObject({ code: 'MALFORMED_FIELD', details: { field: 'secret' } });
    const broken = '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----';
    expect((await failure(() => core.credentials.create({ provider: 'binance', label: 'broken', fields: { apiKey, secret: broken } }, 'ui'))).message).toContain('cannot be read');
    const ed = makeBinanceEd25519Key();
    expect(await failure(() => core.credentials.create({ provider: 'bybit', label: 'ed on bybit', fields: { apiKey: makeBybitKey().apiKey, secret: ed.secret } }, 'ui'))).toMatchObject({ code: 'MALFORMED_FIELD' });
  });

  it('trims whitespace and pasted quotes', async () => {
    const key = makeBinanceHmacKey();
    const info = await core.credentials.create({ provider: 'binance', label: '  Binance   main ', fields: { apiKey: ` "${key.apiKey}" \n`, secret: `'${key.secret}'` } }, 'ui');
    expect(info.label).toBe('Binance main');
    expect(core.credentials.getDecrypted(info.id).secrets).toEqual(key);
  });

  describe('refuses bad fields with a message that names the field and never echoes the value', () => {
    const key = makeBinanceHmacKey();
    const cases: { name: string; provider?: string; fields: Record<string, unknown>; code: ErrorCode; field?: string; says: string }[] = [
      { name: 'missing secret', fields: { apiKey: key.apiKey }, code: 'MISSING_FIELD', field: 'secret', says: 'API secret is missing' },
      { name: 'empty secret', fields: { apiKey: key.apiKey, secret: '   ' }, code: 'MISSING_FIELD', field: 'secret', says: 'API secret is missing' },
      { name: 'space inside', fields: { apiKey: key.apiKey, secret: `${key.secret.slice(0, 30)} ${key.secret.slice(30)}` }, code: 'MALFORMED_FIELD', field: 'secret', says: 'space or line break' },
      { name: 'zero-width character', fields: { apiKey: `${key.apiKey.slice(0, 10)}\u200b${key.apiKey.slice(10)}`, secret: key.secret }, code: 'MALFORMED_FIELD', field: 'apiKey', says: 'invisible character' },
      { name: 'short Binance key', fields: { apiKey: key.apiKey.slice(0, 60), secret: key.secret }, code: 'MALFORMED_FIELD', field: 'apiKey', says: '64 letters and digits; this one has 60' },
      { name: 'symbols in Binance secret', fields: { apiKey: key.apiKey, secret: `${key.secret.slice(0, 63)}!` }, code: 'MALFORMED_FIELD', field: 'secret', says: 'HMAC secret is 64 letters and digits' },
      { name: 'number instead of text', fields: { apiKey: 12345, secret: key.secret }, code: 'MALFORMED_FIELD', field: 'apiKey', says: 'must be text' },
      { name: 'unexpected field', fields: { ...key, password: 'x' }, code: 'UNEXPECTED_FIELD', field: 'password', says: 'do not use "password"' },
      { name: 'Bybit key with symbols', provider: 'bybit', fields: { apiKey: 'abc-def-ghi-jkl', secret: makeBybitKey().secret }, code: 'MALFORMED_FIELD', field: 'apiKey', says: 'Bybit API key is letters and digits' },
      { name: 'short wallet key', provider: 'hyperliquid', fields: { privateKey: '0xabc123', walletAddress: '0x' + 'a'.repeat(40) }, code: 'MALFORMED_FIELD', field: 'privateKey', says: '64 hex digits' },
    ];
    for (const c of cases) {
      it(c.name, async () => {
        const result = await failure(() => core.credentials.create({ provider: c.provider ?? 'binance', label: c.name, fields: c.fields }, 'ui'));
        expect(result.code).toBe(c.code);
        if (c.field) expect(result.details['field']).toBe(c.field);
        expect(result.message).toContain(c.says);
        for (const value of Object.values(c.fields)) if (typeof value === 'string' && value.length > 8) expect(result.message).not.toContain(value.trim().slice(0, 20));
        expect(core.credentials.list()).toEqual([]);
      });
    }
  });

  it('suggests the exchange id for a typo', async () => {
    const result = await failure(() => core.credentials.create({ provider: 'binanse', label: 'x', fields: makeBinanceHmacKey() }, 'ui'));
    expect(result.code).toBe('UNKNOWN_PROVIDER');
    expect(result.message).toContain('Did you mean binance');
  });

  it('detects the same API key added twice, whatever the label or environment', async () => {
    const key = makeBinanceHmacKey();
    const first = await core.credentials.create({ provider: 'binance', label: 'first', fields: key }, 'ui');
    const result = await failure(() => core.credentials.create({ provider: 'binance', label: 'second', environment: 'testnet', fields: { apiKey: key.apiKey, secret: makeBinanceHmacKey().secret } }, 'ui'));
    expect(result).toMatchObject({ code: 'DUPLICATE_KEY', details: { existingId: first.id } });
    expect(result.message).toContain('"first"');
    expect(core.credentials.list()).toHaveLength(1);
  });

  it('keeps labels unique regardless of case', async () => {
    await core.credentials.create({ provider: 'binance', label: 'Main', fields: makeBinanceHmacKey() }, 'ui');
    expect((await failure(() => core.credentials.create({ provider: 'bybit', label: 'main', fields: makeBybitKey() }, 'ui'))).code).toBe('DUPLICATE_LABEL');
    const other = await core.credentials.create({ provider: 'bybit', label: 'Other', fields: makeBybitKey() }, 'ui');
    expect((await failure(() => core.credentials.update({ ref: other.id, label: 'MAIN' }, 'ui'))).code).toBe('DUPLICATE_LABEL');
  });

  it('allows many keys per exchange with exactly one primary per exchange and environment', async () => {
    const a = await core.credentials.create({ provider: 'binance', label: 'a', fields: makeBinanceHmacKey() }, 'ui');
    const b = await core.credentials.create({ provider: 'binance', label: 'b', fields: makeBinanceHmacKey() }, 'ui');
    const t = await core.credentials.create({ provider: 'binance', label: 't', environment: 'testnet', fields: makeBinanceHmacKey() }, 'ui');
    expect([a.isPrimary, b.isPrimary, t.isPrimary]).toEqual([true, false, true]);
    core.credentials.update({ ref: 'b', isPrimary: true }, 'ui');
    expect(core.credentials.list().filter((c) => c.isPrimary).map((c) => c.label).sort()).toEqual(['b', 't']);
    const c = await core.credentials.create({ provider: 'binance', label: 'c', isPrimary: true, fields: makeBinanceHmacKey() }, 'ui');
    expect(c.isPrimary).toBe(true);
    expect(core.credentials.get('b').isPrimary).toBe(false);
  });

  it('keeps a key primary when it moves environment and stays primary in the same update', async () => {
    const live = await core.credentials.create({ provider: 'binance', label: 'live one', fields: makeBinanceHmacKey() }, 'ui');
    const testnet = await core.credentials.create({ provider: 'binance', label: 'test one', environment: 'testnet', fields: makeBinanceHmacKey() }, 'ui');
    const moved = core.credentials.update({ ref: live.id, environment: 'testnet', isPrimary: true }, 'ui');
    expect(moved).toMatchObject({ environment: 'testnet', isPrimary: true });
    expect(core.credentials.get(testnet.id).isPrimary).toBe(false);
  });

  it('updates label and environment; a new environment needs a new verification', async () => {
    const key = makeBinanceHmacKey();
    const info = await core.credentials.create({ provider: 'binance', label: 'a', fields: key }, 'ui');
    // Through Keywarden (a verification), not SQL: a row changed outside Keywarden fails its MAC.
    core.verificationRecords.applyVerification(info.id, { outcome: 'ok', message: 'ok', latencyMs: 1, exchangeCode: null, checked: true, status: 'active', permissions: null, tradingBlock: null }, 'ui');
    clock.advance(1000);
    const updated = core.credentials.update({ ref: 'A', label: 'renamed', environment: 'testnet' }, 'ui');
    expect(updated).toMatchObject({ label: 'renamed', environment: 'testnet', status: 'unverified', updatedAt: info.updatedAt + 1000 });
    expect(core.credentials.get('renamed').id).toBe(info.id);
    // The environment is bound into each sealed field: the key still opens where it moved.
    expect(core.credentials.getDecrypted(info.id).secrets).toEqual(key);
  });

  it('deletes a credential with its sealed secrets, and records it', async () => {
    const info = await core.credentials.create({ provider: 'binance', label: 'gone', fields: makeBinanceHmacKey() }, 'ui');
    expect(core.credentials.delete('gone', 'ui')).toEqual({ id: info.id, label: 'gone' });
    expect(databaseOf(core).sqlite.prepare('SELECT count(*) AS n FROM credential_secrets').get()).toEqual({ n: 0 });
    expect((await failure(() => core.credentials.get(info.id))).code).toBe('CREDENTIAL_NOT_FOUND');
    expect(core.audit.list({ limit: 1 })[0]).toMatchObject({ action: 'credential.delete', subject: info.id });
  });

  it('refuses to decrypt a ciphertext moved to another credential or field', async () => {
    const a = await core.credentials.create({ provider: 'binance', label: 'a', fields: makeBinanceHmacKey() }, 'ui');
    const b = await core.credentials.create({ provider: 'binance', label: 'b', fields: makeBinanceHmacKey() }, 'ui');
    const sqlite = databaseOf(core).sqlite;
    const blobOf = (id: string, field: string) => (sqlite.prepare('SELECT ciphertext FROM credential_secrets WHERE credential_id = ? AND field = ?').get(id, field) as { ciphertext: Buffer }).ciphertext;
    sqlite.prepare('UPDATE credential_secrets SET ciphertext = ? WHERE credential_id = ? AND field = ?').run(blobOf(a.id, 'secret'), b.id, 'secret');
    expect(() => core.credentials.getDecrypted(b.id)).toThrow(DecryptError);
    sqlite.prepare('UPDATE credential_secrets SET ciphertext = ? WHERE credential_id = ? AND field = ?').run(blobOf(a.id, 'apiKey'), a.id, 'secret');
    expect(() => core.credentials.getDecrypted(a.id)).toThrow(/could not be decrypted/);
  });

  it('counts uses, and refuses revoked credentials', async () => {
    const info = await core.credentials.create({ provider: 'binance', label: 'a', fields: makeBinanceHmacKey() }, 'ui');
    core.credentials.recordUse(info.id, { source: 'order', ok: true });
    core.credentials.recordUse(info.id, { source: 'order', ok: true });
    expect(core.credentials.get(info.id)).toMatchObject({ useCount: 2, lastUsedAt: clock.now() });
    databaseOf(core).sqlite.prepare("UPDATE credentials SET status = 'revoked' WHERE id = ?").run(info.id);
    expect((await failure(() => core.credentials.getDecrypted(info.id))).code).toBe('CREDENTIAL_REVOKED');
  });

  it('needs the vault unlocked for everything', async () => {
    const info = await core.credentials.create({ provider: 'binance', label: 'a', fields: makeBinanceHmacKey() }, 'ui');
    core.vault.lock('user', 'ui');
    for (const action of [() => core.credentials.list(), () => core.credentials.get(info.id), () => core.credentials.getDecrypted(info.id), () => core.credentials.create({ provider: 'binance', label: 'b', fields: makeBinanceHmacKey() }, 'ui'), () => core.credentials.delete(info.id, 'ui')]) {
      expect((await failure(action)).code).toBe('VAULT_LOCKED');
    }
  });
});
