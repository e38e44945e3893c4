/**
 * Backup export and import on the real core: a real SQLite file per vault, each in its own temp
 * folder, the backup written to a third.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../app';
import { readCredentialSettings, writeCredentialSettings } from '../credentials/credential-settings';
import { isKeywardenError, type ErrorCode } from '../errors';
import { makeBinanceEd25519Key, makeBinanceHmacKey, makeBybitKey, type TestKey } from '../../testing/fake-exchange/keys';
import { makeFakeAiKey } from '../../testing/fake-ai-provider';
import { FakeSafeStorage, ManualClock, TEST_PASSPHRASE, createTestCore, filesContaining, makeTempHome, databaseOf } from '../../testing/test-core';
import { alertBody, sendRaw } from '../../testing/webhook-test-kit';
import { acknowledgeRow } from '../integrity/integrity-check';
import { invokeChannel } from '../../api/handlers';
import { encodeBackup } from './backup-format';
import { serialisePayload } from './backup-payload';
import { defaultWebhookSettings, readWebhookSettings, writeWebhookSettings } from '../webhook/webhook-settings';
import { GLOBAL_SCOPE, defaultGlobalLimits, noAccountLimits, readAccountLimits, readGlobalLimits, writeLimits } from '../trading/risk-limits-store';

const BACKUP_PASSPHRASE = 'a separate backup passphrase';

async function failure(action: () => Promise<unknown>): Promise<{ code: ErrorCode; message: string }> {
  try {
    await action();
  } catch (error) {
    if (isKeywardenError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a failure');
}

/** What an import must never change: the credentials, their sealed secrets, the vault keys and the settings. */
function snapshot(core: Core) {
  const sqlite = databaseOf(core).sqlite;
  const hash = (sql: string) => createHash('sha256').update(JSON.stringify(sqlite.prepare(sql).all())).digest('hex');
  return {
    credentials: (sqlite.prepare('SELECT count(*) AS n FROM credentials').get() as { n: number }).n,
    secretRows: (sqlite.prepare('SELECT count(*) AS n FROM credential_secrets').get() as { n: number }).n,
    secrets: hash('SELECT credential_id, field, hex(ciphertext) AS c FROM credential_secrets ORDER BY credential_id, field'),
    rows: hash('SELECT * FROM credentials ORDER BY id'),
    vaultKeys: hash('SELECT protector, key_version, hex(wrapped) AS w FROM vault_keys ORDER BY protector'),
    // audit.head moves with every audit row, and a refused import is recorded.
    settings: hash("SELECT key, value FROM settings WHERE key <> 'audit.head' ORDER BY key"),
  };
}

/** Gives `core`'s key `from` the id `to`, as if a random id had come up in two vaults. */
function moveToId(core: Core, from: string, to: string): void {
  const sqlite = databaseOf(core).sqlite;
  sqlite.pragma('foreign_keys = OFF');
  try {
    sqlite.transaction(() => {
      sqlite.prepare('UPDATE credential_secrets SET credential_id = ? WHERE credential_id = ?').run(to, from);
      sqlite.prepare('UPDATE credentials SET id = ? WHERE id = ?').run(to, from);
    })();
    // Changed here on purpose, not by an attacker: MAC'd again as it now is.
    acknowledgeRow(databaseOf(core).db, core.integrity.rowsKey(), { table: 'credentials', key: to, label: to }, Date.now());
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
}

describe('backup export and import', () => {
  let sourceTemp: ReturnType<typeof makeTempHome>;
  let targetTemp: ReturnType<typeof makeTempHome>;
  let filesTemp: ReturnType<typeof makeTempHome>;
  let source: Core;
  let target: Core;
  let clock: ManualClock;
  let keys: { binance: TestKey; ed25519: TestKey; bybit: TestKey; kucoin: Record<string, string>; revoked: TestKey };
  let backupFile: string;

  beforeEach(async () => {
    sourceTemp = makeTempHome('keywarden-backup-source-');
    targetTemp = makeTempHome('keywarden-backup-target-');
    filesTemp = makeTempHome('keywarden-backup-files-');
    backupFile = path.join(filesTemp.home, 'keys.kwbackup');
    clock = new ManualClock();
    source = createTestCore(sourceTemp.home, { clock });
    target = createTestCore(targetTemp.home, { clock });
    await source.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    await target.vault.init({ passphrase: 'the target vault passphrase', useOsKeychain: false }, 'ui');
    keys = {
      binance: makeBinanceHmacKey(),
      ed25519: makeBinanceEd25519Key(),
      bybit: makeBybitKey(),
      kucoin: { apiKey: 'a'.repeat(24), secret: 'b1c2'.repeat(9), password: 'my api passphrase!' },
      revoked: makeBinanceHmacKey(),
    };
    const main = await source.credentials.create({ provider: 'binance', label: 'Binance main', fields: keys.binance }, 'ui');
    clock.advance(60_000);
    await source.credentials.create({ provider: 'binance', label: 'Binance ed25519', fields: keys.ed25519 }, 'ui');
    await source.credentials.create({ provider: 'bybit', label: 'Bybit test', environment: 'testnet', fields: keys.bybit }, 'ui');
    await source.credentials.create({ provider: 'kucoin', label: 'KuCoin', fields: keys.kucoin }, 'ui');
    const revoked = await source.credentials.create({ provider: 'binance', label: 'Old binance', fields: keys.revoked }, 'ui');
    source.credentials.revoke(revoked.id, 'ui');
    // The user accepted that "Binance main" can withdraw: that decision is part of the backup.
    const permissions = { read: true, trade: true, withdraw: true, internalTransfer: false, universalTransfer: false, futures: false, margin: false, ipRestricted: true, expiresAt: null, source: 'binance-api-restrictions' };
    databaseOf(source).sqlite.prepare("UPDATE credentials SET status = 'active', permissions = ?, accepted_permissions = ?, rotated_at = ? WHERE id = ?").run(JSON.stringify(permissions), JSON.stringify(permissions), clock.now() - 1000, main.id);
    // Set up by hand, not changed by an attacker: MAC'd again as it now is.
    acknowledgeRow(databaseOf(source).db, source.integrity.rowsKey(), { table: 'credentials', key: main.id, label: 'Binance main' }, clock.now());
    source.vault.setAutoLockMinutes(5, 'ui');
    writeCredentialSettings(databaseOf(source).db, { verifyIntervalHours: 6, rotationReminderDays: 30 }, clock, source.integrity);
  });
  afterEach(() => {
    source.close();
    target.close();
    sourceTemp.cleanup();
    targetTemp.cleanup();
    filesTemp.cleanup();
  });

  const allSecrets = () => [keys.binance, keys.ed25519, keys.bybit, keys.kucoin].flatMap((k) => Object.values(k)).concat(keys.ed25519.secret.split('\n')[1] ?? 'x');

  it('round trip: every key that is not revoked, its metadata and the settings, into a fresh vault', async () => {
    const exported = await source.backups.export({ file: backupFile, vaultPassphrase: TEST_PASSPHRASE, passphrase: BACKUP_PASSPHRASE, overwrite: false }, 'cli');
    expect(exported).toMatchObject({ file: backupFile, credentials: 4 });
    if (process.platform !== 'win32') expect(statSync(backupFile).mode & 0o777).toBe(0o600);
    // No secret in plaintext (UTF-8, UTF-16 or base64) anywhere in the file, and no temp file left.
    for (const secret of [...allSecrets(), ...Object.values(keys.revoked)]) expect(filesContaining(filesTemp.home, secret)).toEqual([]);
    expect(readdirSync(filesTemp.home)).toEqual(['keys.kwbackup']);

    const report = await target.backups.restore({ file: backupFile, passphrase: BACKUP_PASSPHRASE, dryRun: false }, 'cli');
    expect(report).toMatchObject({ source: 'backup', imported: 4, renamed: 0, skipped: 0, ignored: [], dryRun: false });
    // The source vault never changed its listener's settings: the defaults, the same here.
    expect(report.settings).toEqual([
      { name: 'key checks and rotation reminder', result: 'restored' },
      { name: 'auto-lock', result: 'restored' },
      { name: 'webhook listener settings', result: 'unchanged' },
      { name: 'AI gateway price table', result: 'unchanged' },
    ]);
    expect(report.nextSteps.join(' ')).toContain('keywarden verify --all');

    const before = source.credentials.list().filter((c) => c.status !== 'revoked');
    const after = target.credentials.list();
    expect(after).toHaveLength(4);
    for (const original of before) {
      const restored = after.find((c) => c.label === original.label);
      expect(restored, original.label).toMatchObject({
        provider: original.provider,
        environment: original.environment,
        isPrimary: original.isPrimary,
        createdAt: original.createdAt,
        rotatedAt: original.rotatedAt,
        withdrawRiskAccepted: original.withdrawRiskAccepted,
        status: 'unverified',
        preview: original.preview,
        permissions: null,
      });
      expect(target.credentials.getDecrypted(restored!.id).secrets).toEqual(source.credentials.getDecrypted(original.id).secrets);
    }
    expect(after.find((c) => c.label === 'Binance main')?.withdrawRiskAccepted).toBe(true);
    expect(target.vault.autoLockMinutes()).toBe(5);
    expect(readCredentialSettings(databaseOf(target).db, target.integrity)).toEqual({ verifyIntervalHours: 6, rotationReminderDays: 30 });

    // Both sides are audited, with counts and the file name only.
    const exportAudit = source.audit.list({ actionPrefix: 'backup.export', limit: 5 });
    expect(exportAudit[0]).toMatchObject({ outcome: 'ok', details: { file: 'keys.kwbackup', credentials: 4 } });
    const importAudit = target.audit.list({ actionPrefix: 'backup.import', limit: 5 });
    expect(importAudit[0]).toMatchObject({ outcome: 'ok', details: { file: 'keys.kwbackup', imported: 4, skipped: 0 } });
    expect(target.audit.list({ actionPrefix: 'credential.import', limit: 10 })).toHaveLength(4);
    const auditText = JSON.stringify([...source.audit.list({ limit: 100 }), ...target.audit.list({ limit: 100 })]);
    for (const secret of [...allSecrets(), BACKUP_PASSPHRASE]) expect(auditText).not.toContain(secret);
    expect(target.audit.verify().ok).toBe(true);
    // Nor in either data folder.
    for (const secret of [...allSecrets(), BACKUP_PASSPHRASE]) expect(filesContaining(targetTemp.home, secret)).toEqual([]);
  });

  it('carries AI provider keys and the expiry dates owners set', async () => {
    const expiry = clock.now() + 90 * 24 * 3600_000;
    const openaiKey = makeFakeAiKey('openai');
    await source.credentials.create({ provider: 'openai', label: 'OpenAI main', fields: { apiKey: openaiKey, organization: 'org-trading' }, expiresAt: expiry }, 'ui');
    source.credentials.update({ ref: 'KuCoin', expiresAt: expiry + 1 }, 'ui');
    await source.backups.export({ file: backupFile, vaultPassphrase: TEST_PASSPHRASE, passphrase: BACKUP_PASSPHRASE, overwrite: false }, 'cli');
    expect(filesContaining(filesTemp.home, openaiKey)).toEqual([]);
    await target.backups.restore({ file: backupFile, passphrase: BACKUP_PASSPHRASE, dryRun: false }, 'cli');
    const restored = target.credentials.get('OpenAI main');
    expect(restored).toMatchObject({ kind: 'ai', provider: 'openai', preview: '••••', ownExpiresAt: expiry, status: 'unverified' });
    expect(target.credentials.getDecrypted(restored.id).secrets).toEqual({ apiKey: openaiKey, organization: 'org-trading' });
    expect(target.credentials.get('KuCoin').ownExpiresAt).toBe(expiry + 1);
    expect(target.credentials.get('Binance main').ownExpiresAt).toBeNull();
  });

  it('carries the AI gateway\'s price table, unless this vault set its own', async () => {
    const setPrice = (core: Core, model: string, input: number) => invokeChannel(core, 'gateway.prices.set', { model, inputUsdPerMTok: input, outputUsdPerMTok: 8 }, { actor: 'ui' });
    expect(await setPrice(source, 'my-tuned-model', 1.5)).toMatchObject({ ok: true });
    await source.backups.export({ file: backupFile, vaultPassphrase: TEST_PASSPHRASE, passphrase: BACKUP_PASSPHRASE, overwrite: false }, 'cli');
    const report = await target.backups.restore({ file: backupFile, passphrase: BACKUP_PASSPHRASE, dryRun: false }, 'cli');
    expect(report.settings).toContainEqual({ name: 'AI gateway price table', result: 'restored' });
    const prices = await invokeChannel(target, 'gateway.prices.get', {}, { actor: 'ui' });
    expect(JSON.stringify(prices)).toContain('my-tuned-model');
  });

  it('never carries access for programs: a restored key must be allowed again, and no program is remembered', async () => {
    const main = source.credentials.list().find((key) => key.label === 'Binance main')!;
    source.credentials.update({ ref: main.id, allowPrograms: true }, 'ui');
    // A person allowed `python3 bot.py` always, in the desktop app.
    source.releaseApprovals.askPeople(true);
    source.events.on('release.approvalRequested', ({ requestId }) => source.releaseApprovals.answer(requestId, 'always'));
    const release = (core: Core) => invokeChannel(core, 'credentials.release', { references: [{ key: 'Binance main', field: 'secret' }], command: ['python3', 'bot.py'], cwd: '/home/me' }, { actor: 'cli' });
    expect(await release(source)).toMatchObject({ ok: true });
    expect(source.releaseApprovals.alwaysAllowed('Binance main')).toEqual([{ program: 'python3 bot.py', since: expect.any(Number) }]);

    await source.backups.export({ file: backupFile, vaultPassphrase: TEST_PASSPHRASE, passphrase: BACKUP_PASSPHRASE, overwrite: false }, 'cli');
    await target.backups.restore({ file: backupFile, passphrase: BACKUP_PASSPHRASE, dryRun: false }, 'cli');
    const restored = target.credentials.list().find((key) => key.label === 'Binance main')!;
    expect(restored.allowPrograms).toBe(false);
    expect(target.releaseApprovals.alwaysAllowed('Binance main')).toEqual([]);
    expect(await release(target)).toMatchObject({ ok: false, error: { code: 'KEY_NOT_RELEASABLE', message: expect.stringContaining('is not allowed for programs') } });
  });

  it('skips keys already stored (reported by label), renames taken labels, and a dry run changes nothing', async () => {
    await source.backups.export({ file: backupFile, vaultPassphrase: TEST_PASSPHRASE, passphrase: BACKUP_PASSPHRASE, overwrite: false }, 'cli');
    await target.credentials.create({ provider: 'binance', label: 'My binance', fields: keys.binance }, 'ui');
    await target.credentials.create({ provider: 'bybit', label: 'bybit TEST', environment: 'testnet', fields: makeBybitKey() }, 'ui');
    target.vault.setAutoLockMinutes(30, 'ui');
    const untouched = snapshot(target);

    const dry = await target.backups.restore({ file: backupFile, passphrase: BACKUP_PASSPHRASE, dryRun: true }, 'cli');
    expect(snapshot(target)).toEqual(untouched);
    expect(target.audit.list({ actionPrefix: 'backup.import', limit: 5 })).toEqual([]);

    const real = await target.backups.restore({ file: backupFile, passphrase: BACKUP_PASSPHRASE, dryRun: false }, 'cli');
    for (const report of [dry, real]) {
      expect(report).toMatchObject({ imported: 3, renamed: 1, skipped: 1 });
      const byLabel = Object.fromEntries(report.credentials.map((c) => [c.label, c]));
      expect(byLabel['Binance main']).toMatchObject({ result: 'skipped-duplicate', duplicateOf: 'My binance', storedAs: null, id: null });
      expect(byLabel['Bybit test']).toMatchObject({ result: 'renamed', storedAs: 'Bybit test (restored)', primary: false });
      expect(byLabel['KuCoin']).toMatchObject({ result: 'imported', storedAs: 'KuCoin', primary: true });
      // The vault's own auto-lock was set by the user: kept, not overwritten.
      expect(report.settings).toContainEqual({ name: 'auto-lock', result: 'kept' });
    }
    expect(dry.credentials.every((c) => c.id === null)).toBe(true);
    expect(real.credentials.filter((c) => c.id !== null)).toHaveLength(3);
    expect(target.vault.autoLockMinutes()).toBe(30);
    const labels = target.credentials.list().map((c) => c.label).sort();
    expect(labels).toEqual(['Binance ed25519', 'Bybit test (restored)', 'KuCoin', 'My binance', 'bybit TEST']);
    // The existing primary key stays primary; the restored Ed25519 key does not take over.
    expect(target.credentials.get('My binance').isPrimary).toBe(true);
    expect(target.credentials.get('Binance ed25519').isPrimary).toBe(false);

    // Importing the same backup again: everything is already here.
    const again = await target.backups.restore({ file: backupFile, passphrase: BACKUP_PASSPHRASE, dryRun: false }, 'cli');
    expect(again).toMatchObject({ imported: 0, skipped: 4 });
    expect(again.nextSteps).toEqual([]);
  });

  it('refuses a flipped byte, a truncated file, a wrong passphrase and other files, each with its message, changing nothing', async () => {
    await source.backups.export({ file: backupFile, vaultPassphrase: TEST_PASSPHRASE, passphrase: BACKUP_PASSPHRASE, overwrite: false }, 'cli');
    const good = readFileSync(backupFile);
    const variant = (name: string, bytes: Buffer) => {
      const file = path.join(filesTemp.home, name);
      writeFileSync(file, bytes);
      return file;
    };
    const flipped = (at: number) => {
      const copy = Buffer.from(good);
      copy[at] = (copy[at] ?? 0) ^ 0x10;
      return copy;
    };
    mkdirSync(path.join(filesTemp.home, 'a-folder'));
    const cases: { file: string; passphrase?: string; code: ErrorCode; says: string }[] = [
      { file: variant('magic.kwbackup', flipped(3)), code: 'BACKUP_DAMAGED', says: 'damaged or was tampered with' },
      { file: variant('header.kwbackup', flipped(30)), code: 'BACKUP_DAMAGED', says: 'damaged or was tampered with' },
      { file: variant('middle.kwbackup', flipped(Math.floor(good.length / 2))), code: 'BACKUP_DAMAGED', says: 'damaged or was tampered with' },
      { file: variant('tag.kwbackup', flipped(good.length - 40)), code: 'BACKUP_DAMAGED', says: 'damaged or was tampered with' },
      { file: variant('last.kwbackup', flipped(good.length - 1)), code: 'BACKUP_DAMAGED', says: 'damaged or was tampered with' },
      { file: variant('truncated.kwbackup', good.subarray(0, Math.floor(good.length * 0.7))), code: 'BACKUP_DAMAGED', says: 'truncated' },
      { file: backupFile, passphrase: 'not the backup passphrase', code: 'BACKUP_WRONG_PASSPHRASE', says: 'not the passphrase this backup was made with' },
      { file: backupFile, passphrase: TEST_PASSPHRASE, code: 'BACKUP_WRONG_PASSPHRASE', says: 'may differ from your vault passphrase' },
      { file: variant('notes.txt', Buffer.from('BINANCE_API_KEY=abc\n')), code: 'BACKUP_INVALID', says: 'not a Keywarden backup' },
      { file: path.join(sourceTemp.home, 'keywarden.db'), code: 'BACKUP_INVALID', says: 'not a Keywarden backup' },
      { file: path.join(filesTemp.home, 'a-folder'), code: 'FILE_UNREADABLE', says: 'is a folder' },
      { file: path.join(filesTemp.home, 'missing.kwbackup'), code: 'FILE_UNREADABLE', says: 'There is no file at' },
    ];
    await target.credentials.create({ provider: 'bybit', label: 'already here', fields: makeBybitKey() }, 'ui');
    const untouched = snapshot(target);
    for (const c of cases) {
      const refused = await failure(() => target.backups.restore({ file: c.file, passphrase: c.passphrase ?? BACKUP_PASSPHRASE, dryRun: false }, 'cli'));
      expect(refused.code, path.basename(c.file)).toBe(c.code);
      expect(refused.message).toContain(c.says);
      expect(snapshot(target), path.basename(c.file)).toEqual(untouched);
    }
    // Each refusal is recorded, with its reason and no secret.
    const refusals = target.audit.list({ actionPrefix: 'backup.import', limit: 50 });
    expect(refusals).toHaveLength(cases.length);
    expect(refusals.find((r) => r.details['reason'] === 'BACKUP_WRONG_PASSPHRASE')).toMatchObject({ outcome: 'denied' });
  });

  it('restores risk limits, the global ones and each key\'s onto the key it became, never over limits this vault set', async () => {
    const main = source.credentials.get('Binance main');
    writeLimits(databaseOf(source).db, GLOBAL_SCOPE, { ...defaultGlobalLimits, maxDailyNotionalUsd: 5000 }, clock.now(), source.integrity);
    writeLimits(databaseOf(source).db, main.id, { ...noAccountLimits, maxOrderNotionalUsd: 250, symbolAllowList: ['BTC/USDT'] }, clock.now(), source.integrity);
    await source.backups.export({ file: backupFile, vaultPassphrase: TEST_PASSPHRASE, passphrase: BACKUP_PASSPHRASE, overwrite: false }, 'cli');

    // Into a vault where the key's id is taken: everything comes back, the key's limits on its new id.
    moveToId(target, (await target.credentials.create({ provider: 'binance', label: 'Someone else', fields: makeBinanceHmacKey() }, 'ui')).id, main.id);
    const fresh = await target.backups.restore({ file: backupFile, passphrase: BACKUP_PASSPHRASE, dryRun: false }, 'cli');
    expect(fresh.settings).toEqual(expect.arrayContaining([{ name: 'risk limits (global)', result: 'restored' }, { name: 'risk limits for "Binance main"', result: 'restored' }]));
    expect(readGlobalLimits(databaseOf(target).db, target.integrity)).toEqual({ ...defaultGlobalLimits, maxDailyNotionalUsd: 5000 });
    const restored = target.credentials.get('Binance main');
    expect(restored.id).not.toBe(main.id);
    expect(readAccountLimits(databaseOf(target).db, restored.id, target.integrity)).toEqual({ ...noAccountLimits, maxOrderNotionalUsd: 250, symbolAllowList: ['BTC/USDT'] });

    // Limits this vault set itself are kept; the same limits again are reported unchanged.
    writeLimits(databaseOf(target).db, GLOBAL_SCOPE, { ...defaultGlobalLimits, maxOrdersPerMinute: 10 }, clock.now(), target.integrity);
    const again = await target.backups.restore({ file: backupFile, passphrase: BACKUP_PASSPHRASE, dryRun: false }, 'cli');
    expect(again).toMatchObject({ imported: 0, skipped: 4 });
    expect(again.settings).toEqual(expect.arrayContaining([{ name: 'risk limits (global)', result: 'kept' }, { name: 'risk limits for "Binance main"', result: 'unchanged' }]));
    expect(readGlobalLimits(databaseOf(target).db, target.integrity)).toEqual({ ...defaultGlobalLimits, maxOrdersPerMinute: 10 });
  });

  it('alerts keep working after a restore: keys keep their ids, alert sources their tokens and (mapped) scopes', async () => {
    const [main, ed25519] = source.credentials.list().filter((c) => c.status !== 'revoked' && c.provider === 'binance');
    if (!main || !ed25519) throw new Error('set-up');
    const revokedId = source.credentials.list().find((c) => c.status === 'revoked')?.id ?? '';
    const scoped = source.webhook.sources.create({ label: 'BTC strategy', scope: { accounts: [main.id, revokedId], symbols: ['BTC/USDT'], sides: ['buy'], maxNotionalUsd: 200 } }, 'ui');
    const anyAccount = source.webhook.sources.create({ label: 'Indicator', scope: { accounts: [ed25519.id], maxNotionalUsd: 50 } }, 'ui');
    source.webhook.sources.update({ ref: 'Indicator', enabled: false }, 'ui');
    const listener = { ...defaultWebhookSettings, enabled: true, port: 9797, trustedProxy: '127.0.0.1', publicBaseUrl: 'https://alerts.example.com' };
    writeWebhookSettings(databaseOf(source).db, listener, clock, source.integrity);
    await source.backups.export({ file: backupFile, vaultPassphrase: TEST_PASSPHRASE, passphrase: BACKUP_PASSPHRASE, overwrite: false }, 'cli');
    for (const token of [scoped.token, anyAccount.token]) expect(filesContaining(filesTemp.home, token)).toEqual([]);

    // The target already has a source called "Indicator", with another token.
    const own = await target.credentials.create({ provider: 'binance', label: 'Own key', fields: makeBinanceHmacKey() }, 'ui');
    const other = target.webhook.sources.create({ label: 'Indicator', scope: { accounts: [own.id], maxNotionalUsd: 50 } }, 'ui');
    // Asked once before the restore, so a stale cache would still say no.
    expect(target.webhook.sources.authenticate(scoped.token).source).toBeUndefined();
    const dry = await target.backups.restore({ file: backupFile, passphrase: BACKUP_PASSPHRASE, dryRun: true }, 'cli');
    expect(dry.settings).toEqual(expect.arrayContaining([
      { name: 'alert source "BTC strategy"', result: 'restored', review: 'disabled: check its accounts, symbols and cap, then enable it.' },
      { name: 'alert source "Indicator" (as "Indicator (restored)")', result: 'restored', review: 'disabled: check its accounts, symbols and cap, then enable it.' },
    ]));
    // Trusting a proxy widens who the listener believes; listed, and applied only when chosen.
    expect(dry.listenerExposure).toEqual([{ setting: 'trustedProxy', name: 'trusted proxy', current: 'none', backup: '127.0.0.1', applied: false }]);
    expect(target.webhook.sources.list().map((s) => s.label)).toEqual(['Indicator']);

    const report = await target.backups.restore({ file: backupFile, passphrase: BACKUP_PASSPHRASE, dryRun: false, applySettings: ['trustedProxy'] }, 'cli');
    expect(report.listenerExposure).toEqual([expect.objectContaining({ setting: 'trustedProxy', applied: true })]);
    expect(report.credentials.find((c) => c.label === 'Binance main')?.id).toBe(main.id);
    expect(target.credentials.get(main.id).label).toBe('Binance main');
    expect(target.credentials.get(ed25519.id).label).toBe('Binance ed25519');
    // The URL pasted in TradingView authenticates on the new machine, with the same scope on the same
    // account, once the person reviewed and enabled the source (it comes back disabled).
    expect(target.webhook.sources.authenticate(scoped.token).source).toMatchObject({ label: 'BTC strategy', enabled: false });
    target.webhook.sources.update({ ref: 'BTC strategy', enabled: true }, 'ui');
    const restored = target.webhook.sources.authenticate(scoped.token).source;
    expect(restored).toMatchObject({ id: scoped.source.id, label: 'BTC strategy', enabled: true, scope: { accounts: [main.id], symbols: ['BTC/USDT'], sides: ['buy'], maxNotionalUsd: 200 } });
    expect(target.webhook.sources.authenticate(anyAccount.token).source).toMatchObject({ label: 'Indicator (restored)', enabled: false, scope: { accounts: [ed25519.id], maxNotionalUsd: 50 } });
    expect(target.webhook.sources.authenticate(other.token).source).toMatchObject({ label: 'Indicator' });
    expect(target.audit.list({ actionPrefix: 'webhook.source.restore', limit: 5 })).toHaveLength(2);
    // The listener's address, public URL and proxy come back; switching it on stays this machine's choice.
    expect(report.settings).toContainEqual({ name: 'webhook listener settings', result: 'restored' });
    expect(readWebhookSettings(databaseOf(target).db, target.integrity)).toEqual({ ...listener, enabled: false });

    // Again: the same tokens are already accepted here, so nothing is added.
    const again = await target.backups.restore({ file: backupFile, passphrase: BACKUP_PASSPHRASE, dryRun: false }, 'cli');
    expect(again.settings).toEqual(expect.arrayContaining([{ name: 'alert source "BTC strategy"', result: 'unchanged' }, { name: 'alert source "Indicator"', result: 'unchanged' }, { name: 'webhook listener settings', result: 'unchanged' }]));
    expect(target.webhook.sources.list()).toHaveLength(3);
  });

  it('a key whose id is taken here gets a new one, and the sources follow it', async () => {
    const main = source.credentials.list().find((c) => c.label === 'Binance main');
    if (!main) throw new Error('set-up');
    const scoped = source.webhook.sources.create({ label: 'Main only', scope: { accounts: [main.id], maxNotionalUsd: 100 } }, 'ui');
    await source.backups.export({ file: backupFile, vaultPassphrase: TEST_PASSPHRASE, passphrase: BACKUP_PASSPHRASE, overwrite: false }, 'cli');
    // Another key already has that id in the target (ids are random: this is the rare case).
    moveToId(target, (await target.credentials.create({ provider: 'binance', label: 'Someone else', fields: makeBinanceHmacKey() }, 'ui')).id, main.id);
    await target.backups.restore({ file: backupFile, passphrase: BACKUP_PASSPHRASE, dryRun: false }, 'cli');
    const restoredMain = target.credentials.get('Binance main');
    expect(restoredMain.id).not.toBe(main.id);
    expect(target.credentials.get(main.id).label).toBe('Someone else');
    expect(target.webhook.sources.authenticate(scoped.token).source?.scope.accounts).toEqual([restoredMain.id]);
  });

  it('is all-or-nothing: one unacceptable key in a backup refuses the whole import', async () => {
    const bad = { provider: 'binance', label: 'Broken', environment: 'live' as const, isPrimary: false, createdAt: 1, rotatedAt: null, acceptedPermissions: null, fields: { apiKey: 'x'.repeat(63), secret: 'y'.repeat(64) } };
    const fine = { ...bad, label: 'Fine', fields: makeBinanceHmacKey() };
    writeFileSync(backupFile, await encodeBackup(serialisePayload({ createdAt: 1, credentials: [fine, bad], settings: { autoLockMinutes: 1 }, limits: { global: null, accounts: [] }, webhookSources: [] }), BACKUP_PASSPHRASE, { N: 2 ** 12, r: 8, p: 1 }));
    const untouched = snapshot(target);
    const refused = await failure(() => target.backups.restore({ file: backupFile, passphrase: BACKUP_PASSPHRASE, dryRun: false }, 'cli'));
    expect(refused.code).toBe('MALFORMED_FIELD');
    expect(refused.message).toContain('The key "Broken" in the backup: A Binance API key is 64 letters and digits');
    expect(snapshot(target)).toEqual(untouched);
    expect(target.credentials.list()).toEqual([]);
  });

  it('restores what it knows from a backup with sections it does not, and refuses a newer payload version', async () => {
    const payload = JSON.parse(serialisePayload({ createdAt: 5, credentials: [], settings: {}, limits: { global: null, accounts: [] }, webhookSources: [] }).toString()) as Record<string, unknown> & { sections: Record<string, unknown> };
    payload.sections['riskLimits'] = [{ scope: 'global', maxOrderNotionalUsd: 100 }];
    writeFileSync(backupFile, await encodeBackup(Buffer.from(JSON.stringify(payload)), BACKUP_PASSPHRASE, { N: 2 ** 12, r: 8, p: 1 }));
    expect(await target.backups.restore({ file: backupFile, passphrase: BACKUP_PASSPHRASE, dryRun: false }, 'cli')).toMatchObject({ imported: 0, ignored: ['riskLimits'], backupCreatedAt: 5 });

    const newer = path.join(filesTemp.home, 'newer.kwbackup');
    writeFileSync(newer, await encodeBackup(Buffer.from(JSON.stringify({ ...payload, version: 2 })), BACKUP_PASSPHRASE, { N: 2 ** 12, r: 8, p: 1 }));
    expect(await failure(() => target.backups.restore({ file: newer, passphrase: BACKUP_PASSPHRASE, dryRun: false }, 'cli'))).toMatchObject({ code: 'BACKUP_TOO_NEW' });
  });

  it('export: never replaces a file unless asked, refuses folders and weak passphrases, needs the vault unlocked', async () => {
    writeFileSync(backupFile, 'precious');
    expect(await failure(() => source.backups.export({ file: backupFile, vaultPassphrase: TEST_PASSPHRASE, passphrase: BACKUP_PASSPHRASE, overwrite: false }, 'cli'))).toMatchObject({ code: 'BACKUP_EXISTS', message: expect.stringContaining('--force') });
    expect(readFileSync(backupFile, 'utf8')).toBe('precious');
    await source.backups.export({ file: backupFile, vaultPassphrase: TEST_PASSPHRASE, passphrase: BACKUP_PASSPHRASE, overwrite: true }, 'cli');
    expect(readFileSync(backupFile).subarray(0, 16).toString()).toBe('KEYWARDEN-BACKUP');
    if (process.platform !== 'win32') expect(statSync(backupFile).mode & 0o777).toBe(0o600);

    expect(await failure(() => source.backups.export({ file: filesTemp.home, vaultPassphrase: TEST_PASSPHRASE, passphrase: BACKUP_PASSPHRASE, overwrite: true }, 'cli'))).toMatchObject({ code: 'FILE_UNWRITABLE', message: expect.stringContaining('is a folder') });
    expect(await failure(() => source.backups.export({ file: path.join(filesTemp.home, 'no', 'such', 'b.kwbackup'), vaultPassphrase: TEST_PASSPHRASE, passphrase: BACKUP_PASSPHRASE, overwrite: false }, 'cli'))).toMatchObject({ code: 'FILE_UNWRITABLE', message: expect.stringContaining('does not exist') });
    expect(await failure(() => source.backups.export({ file: path.join(filesTemp.home, 'b.kwbackup'), vaultPassphrase: TEST_PASSPHRASE, passphrase: 'short', overwrite: false }, 'cli'))).toMatchObject({ code: 'WEAK_PASSPHRASE' });
    expect(readdirSync(filesTemp.home)).toEqual(['keys.kwbackup']);

    source.vault.lock('user', 'ui');
    expect(await failure(() => source.backups.export({ file: path.join(filesTemp.home, 'c.kwbackup'), vaultPassphrase: TEST_PASSPHRASE, passphrase: BACKUP_PASSPHRASE, overwrite: false }, 'cli'))).toMatchObject({ code: 'VAULT_LOCKED' });
    expect(await failure(() => source.backups.restore({ file: backupFile, passphrase: BACKUP_PASSPHRASE, dryRun: false }, 'cli'))).toMatchObject({ code: 'VAULT_LOCKED' });
  });
  it('never brings back a token retired by rotation or deletion: the "it leaked" path', async () => {
    const main = source.credentials.get('Binance main');
    const scope = { accounts: [main.id], maxNotionalUsd: 100 };
    const tvall = source.webhook.sources.create({ label: 'tvall', scope }, 'cli');
    const tv1 = source.webhook.sources.create({ label: 'tv1', scope }, 'cli');
    const kept = source.webhook.sources.create({ label: 'kept', scope }, 'cli');
    await source.backups.export({ file: backupFile, vaultPassphrase: TEST_PASSPHRASE, passphrase: BACKUP_PASSPHRASE, overwrite: false }, 'cli');
    // The tokens leaked: one rotated with no grace window, one source deleted, one source kept.
    const rotated = source.webhook.sources.rotate('tvall', { graceMinutes: 0 }, 'cli');
    source.webhook.sources.delete('tv1', 'cli');
    source.webhook.sources.delete('kept', 'cli');
    const baseUrl = (await source.webhook.start({ host: '127.0.0.1', port: 0 })).localUrl ?? '';
    try {
      for (const dryRun of [true, false]) {
        const report = await source.backups.restore({ file: backupFile, passphrase: BACKUP_PASSPHRASE, dryRun }, 'cli');
        expect(report.settings).toEqual(expect.arrayContaining([
          // Still here under its new token: left as it is.
          { name: 'alert source "tvall"', result: 'kept' },
          { name: 'alert source "tv1"', result: 'restored', review: expect.stringContaining('its token was retired here (rotated or deleted since this backup), so it has none: issue a new one') },
          { name: 'alert source "kept"', result: 'restored', review: expect.stringContaining('its token was retired here') },
        ]));
      }
      expect(source.webhook.sources.list().map((s) => [s.label, s.enabled]).sort()).toEqual([['kept', false], ['tv1', false], ['tvall', true]]);
      // Even once the person enables the restored source, the leaked tokens are unknown: 401.
      source.webhook.sources.update({ ref: 'tv1', enabled: true }, 'cli');
      for (const token of [tvall.token, tv1.token, kept.token]) {
        const reply = await sendRaw(baseUrl, `/webhook/${token}`, { body: alertBody({ account: main.id, symbol: 'BTCUSDT', id: `leaked-${token.slice(0, 4)}` }, clock.now()) });
        expect(reply.status).toBe(401);
      }
      expect(source.webhook.sources.authenticate(rotated.token).source).toMatchObject({ label: 'tvall', enabled: true });
      // A new token is how a restored source trades again.
      const fresh = source.webhook.sources.rotate('tv1', { graceMinutes: 0 }, 'cli');
      expect(source.webhook.sources.authenticate(fresh.token).source).toMatchObject({ label: 'tv1', enabled: true });
      const retiredRows = databaseOf(source).sqlite.prepare('SELECT source_label AS label, reason FROM retired_token_hashes ORDER BY retired_at, source_label').all();
      expect(retiredRows).toEqual(expect.arrayContaining([{ label: 'tvall', reason: 'rotated' }, { label: 'tv1', reason: 'deleted' }, { label: 'kept', reason: 'deleted' }]));
    } finally {
      await source.webhook.stop();
    }
  });

  it('the grace window after a rotation is the one time a retired token still works, restore or not', async () => {
    source.vault.setAutoLockMinutes(0, 'ui');
    const main = source.credentials.get('Binance main');
    const before = source.webhook.sources.create({ label: 'tvall', scope: { accounts: [main.id], maxNotionalUsd: 100 } }, 'cli');
    await source.backups.export({ file: backupFile, vaultPassphrase: TEST_PASSPHRASE, passphrase: BACKUP_PASSPHRASE, overwrite: false }, 'cli');
    source.webhook.sources.rotate('tvall', { graceMinutes: 10 }, 'cli');
    const during = await source.backups.restore({ file: backupFile, passphrase: BACKUP_PASSPHRASE, dryRun: false }, 'cli');
    expect(during.settings).toContainEqual({ name: 'alert source "tvall"', result: 'unchanged' });
    expect(source.webhook.sources.authenticate(before.token).source?.label).toBe('tvall');
    clock.advance(11 * 60_000);
    expect(source.webhook.sources.authenticate(before.token).source).toBeUndefined();
    await source.backups.restore({ file: backupFile, passphrase: BACKUP_PASSPHRASE, dryRun: false }, 'cli');
    expect(source.webhook.sources.authenticate(before.token).source).toBeUndefined();
    expect(source.webhook.sources.list()).toHaveLength(1);
  });

  it('lists listener settings the backup would widen, and applies only the ones chosen', async () => {
    const wide = { ...defaultWebhookSettings, host: '0.0.0.0', port: 9999, trustedProxy: '0.0.0.0', maxAlertAgeSeconds: 0, rateLimits: { ...defaultWebhookSettings.rateLimits, globalPerSecond: 10_000, sourcePerSecond: 10_000 } };
    writeWebhookSettings(databaseOf(source).db, wide, clock, source.integrity);
    await source.backups.export({ file: backupFile, vaultPassphrase: TEST_PASSPHRASE, passphrase: BACKUP_PASSPHRASE, overwrite: false }, 'cli');

    const unchosen = await target.backups.restore({ file: backupFile, passphrase: BACKUP_PASSPHRASE, dryRun: true }, 'cli');
    expect(unchosen.listenerExposure).toEqual([
      { setting: 'host', name: 'listener address', current: '127.0.0.1', backup: '0.0.0.0', applied: false },
      { setting: 'trustedProxy', name: 'trusted proxy', current: 'none', backup: '0.0.0.0', applied: false },
      { setting: 'maxAlertAge', name: 'maximum alert age', current: '60 s', backup: 'off', applied: false },
      { setting: 'rateLimits', name: 'rate limits', current: 'globalPerSecond 20, sourcePerSecond 5', backup: 'globalPerSecond 10000, sourcePerSecond 10000', applied: false },
    ]);
    const chosen = await target.backups.restore({ file: backupFile, passphrase: BACKUP_PASSPHRASE, dryRun: true, applySettings: ['host', 'maxAlertAge'] }, 'cli');
    expect(chosen.listenerExposure.map((c) => [c.setting, c.applied])).toEqual([['host', true], ['trustedProxy', false], ['maxAlertAge', true], ['rateLimits', false]]);
    expect(readWebhookSettings(databaseOf(target).db, target.integrity)).toEqual(defaultWebhookSettings);

    await target.backups.restore({ file: backupFile, passphrase: BACKUP_PASSPHRASE, dryRun: false, applySettings: ['host', 'maxAlertAge'] }, 'cli');
    // What narrows nothing (the port) comes back; of what widens, only the chosen.
    expect(readWebhookSettings(databaseOf(target).db, target.integrity)).toEqual({ ...defaultWebhookSettings, port: 9999, host: '0.0.0.0', maxAlertAgeSeconds: 0 });
    expect(target.audit.list({ actionPrefix: 'backup.import', limit: 1 })[0]?.details).toMatchObject({ widened: 'host,maxAlertAge' });
  });

  it('export needs the vault passphrase typed for it: a wrong one is refused and audited, a keychain-only vault is told to add one', async () => {
    const refused = await failure(() => source.backups.export({ file: backupFile, vaultPassphrase: 'not the vault passphrase', passphrase: BACKUP_PASSPHRASE, overwrite: false }, 'ui'));
    expect(refused.code).toBe('WRONG_PASSPHRASE');
    expect(readdirSync(filesTemp.home)).toEqual([]);
    expect(source.audit.list({ actionPrefix: 'backup.export', limit: 5 })).toEqual([expect.objectContaining({ actor: 'ui', outcome: 'denied', details: { file: 'keys.kwbackup', reason: 'WRONG_PASSPHRASE' } })]);
    expect(source.audit.list({ actionPrefix: 'vault.confirmPassphrase', limit: 5 })).toEqual([expect.objectContaining({ outcome: 'denied' })]);
    // The backup passphrase is not the vault's: it does not open the door either.
    expect((await failure(() => source.backups.export({ file: backupFile, vaultPassphrase: BACKUP_PASSPHRASE, passphrase: BACKUP_PASSPHRASE, overwrite: false }, 'ui'))).code).toBe('WRONG_PASSPHRASE');
    expect(readdirSync(filesTemp.home)).toEqual([]);

    const keychainTemp = makeTempHome('keywarden-backup-keychain-');
    const keychainOnly = createTestCore(keychainTemp.home, { clock, osKeychain: { safeStorage: new FakeSafeStorage(), platform: 'linux' } });
    try {
      await keychainOnly.vault.init({ useOsKeychain: true }, 'ui');
      const needsPassphrase = await failure(() => keychainOnly.backups.export({ file: backupFile, vaultPassphrase: 'anything at all', passphrase: BACKUP_PASSPHRASE, overwrite: false }, 'ui'));
      expect(needsPassphrase).toEqual({ code: 'PASSPHRASE_REQUIRED', message: expect.stringContaining('Add a passphrase in Settings → Passphrase, then write the backup.') });
      expect(readdirSync(filesTemp.home)).toEqual([]);
    } finally {
      keychainOnly.close();
      keychainTemp.cleanup();
    }
  });
});
