/**
 * Backups, .env import and a damaged database, as a user meets them: the bundled CLI in a child
 * process, real data folders, passphrases in the environment.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBinanceHmacKey, makeBybitKey } from '../testing/fake-exchange/keys';
import { keywardenCli, type CliRun } from '../testing/cli-runner';
import { TEST_PASSPHRASE, filesContaining, makeTempHome } from '../testing/test-core';

const BACKUP_PASSPHRASE = 'the backup passphrase, kept apart';
const printed: string[] = [];
const keywarden = (home: string, args: readonly string[], options: { stdin?: string; env?: Record<string, string | undefined> } = {}) =>
  keywardenCli(home, args, { ...options, env: { KEYWARDEN_BACKUP_PASSPHRASE: BACKUP_PASSPHRASE, ...options.env } }, printed);
const oneLineError = (run: CliRun, code: string) => {
  expect(run.code, run.stderr).toBe(1);
  expect(run.stderr.trim().split('\n'), run.stderr).toHaveLength(1);
  expect(run.stderr).toContain(`[${code}]`);
};

describe('keywarden backup / import env', () => {
  const source = makeTempHome('keywarden-cli-backup-source-');
  const target = makeTempHome('keywarden-cli-backup-target-');
  const files = makeTempHome('keywarden-cli-backup-files-');
  const backupFile = path.join(files.home, 'keys.kwbackup');
  const binance = makeBinanceHmacKey();
  const bybit = makeBybitKey();

  beforeAll(async () => {
    expect((await keywarden(source.home, ['init'])).code).toBe(0);
    expect((await keywarden(source.home, ['add', 'binance', '--label', 'Binance main'], { stdin: JSON.stringify(binance) })).code).toBe(0);
    expect((await keywarden(source.home, ['add', 'bybit', '--label', 'Bybit test', '--testnet'], { stdin: JSON.stringify(bybit) })).code).toBe(0);
    expect((await keywarden(source.home, ['webhook', 'create-source', 'BTC strategy', '--account', 'Binance main', '--symbol', 'BTC/USDT', '--max-notional', '200'])).code).toBe(0);
  });
  afterAll(() => {
    source.cleanup();
    target.cleanup();
    files.cleanup();
  });

  it('exports an encrypted, owner-only backup, and never replaces a file without --force', async () => {
    const exported = await keywarden(source.home, ['backup', 'export', backupFile]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain(`Backup of 2 keys written to ${backupFile}`);
    if (process.platform !== 'win32') expect(statSync(backupFile).mode & 0o777).toBe(0o600);
    for (const secret of [...Object.values(binance), ...Object.values(bybit), BACKUP_PASSPHRASE]) expect(filesContaining(files.home, secret)).toEqual([]);

    const before = readFileSync(backupFile);
    oneLineError(await keywarden(source.home, ['backup', 'export', backupFile]), 'BACKUP_EXISTS');
    expect(readFileSync(backupFile).equals(before)).toBe(true);
    expect((await keywarden(source.home, ['backup', 'export', backupFile, '--force'])).code).toBe(0);
    oneLineError(await keywarden(source.home, ['backup', 'export', path.join(files.home, 'weak.kwbackup')], { env: { KEYWARDEN_BACKUP_PASSPHRASE: 'short' } }), 'WEAK_PASSPHRASE');
    // No terminal to ask on, no variable: a clear refusal instead of a hang.
    oneLineError(await keywarden(source.home, ['backup', 'export', path.join(files.home, 'none.kwbackup')], { env: { KEYWARDEN_BACKUP_PASSPHRASE: undefined } }), 'PASSPHRASE_REQUIRED');
    // The vault passphrase typed for this run confirms the export: a wrong one writes nothing.
    const wrongVault = await keywarden(source.home, ['backup', 'export', path.join(files.home, 'wrong.kwbackup')], { env: { KEYWARDEN_PASSPHRASE: 'not the vault passphrase' } });
    expect(wrongVault.code).not.toBe(0);
    expect(wrongVault.stderr).toMatch(/WRONG_PASSPHRASE/);
    expect(existsSync(path.join(files.home, 'wrong.kwbackup'))).toBe(false);
  });

  it('says to create the vault from the backup when there is no vault to restore into', async () => {
    const run = await keywarden(target.home, ['backup', 'import', backupFile]);
    oneLineError(run, 'VAULT_NOT_INITIALIZED');
    expect(run.stderr).toContain('To create the vault from this backup, run: keywarden backup restore ');
  });

  it('backup restore: creates the vault on a new computer from the backup; a wrong passphrase creates nothing', async () => {
    const fresh = makeTempHome('keywarden-cli-backup-fresh-');
    try {
      oneLineError(await keywarden(fresh.home, ['backup', 'restore', backupFile], { env: { KEYWARDEN_BACKUP_PASSPHRASE: 'not the backup passphrase' } }), 'BACKUP_WRONG_PASSPHRASE');
      expect(JSON.parse((await keywarden(fresh.home, ['--json', 'status'])).stdout)).toMatchObject({ initialized: false });
      const restored = await keywarden(fresh.home, ['backup', 'restore', backupFile]);
      expect(restored.code, restored.stderr).toBe(0);
      expect(restored.stdout).toContain('A new vault was created from the backup; it unlocks with the backup passphrase.');
      // The backup passphrase now opens the vault.
      const listed = await keywarden(fresh.home, ['--json', 'list'], { env: { KEYWARDEN_PASSPHRASE: BACKUP_PASSPHRASE } });
      expect(listed.code, listed.stderr).toBe(0);
      expect((JSON.parse(listed.stdout) as { label: string }[]).map((key) => key.label).sort()).toEqual(['Binance main', 'Bybit test']);
      oneLineError(await keywarden(fresh.home, ['backup', 'restore', backupFile]), 'VAULT_ALREADY_INITIALIZED');
    } finally {
      fresh.cleanup();
    }
  });

  it('restores into a fresh vault: dry run first, then for real; refuses bad files with their own message', async () => {
    expect((await keywarden(target.home, ['init'])).code).toBe(0);
    const dry = await keywarden(target.home, ['backup', 'import', backupFile, '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('Dry run: nothing was changed.');
    expect(dry.stdout).toContain('2 keys found: 2 would be imported');
    expect(JSON.parse((await keywarden(target.home, ['--json', 'list'])).stdout)).toEqual([]);

    const tampered = Buffer.from(readFileSync(backupFile));
    tampered[200] = (tampered[200] ?? 0) ^ 1;
    writeFileSync(path.join(files.home, 'tampered.kwbackup'), tampered);
    writeFileSync(path.join(files.home, 'notes.txt'), 'hello');
    const refusals: [string[], Record<string, string>, string, string][] = [
      [['backup', 'import', backupFile], { KEYWARDEN_BACKUP_PASSPHRASE: 'not the right one at all' }, 'BACKUP_WRONG_PASSPHRASE', 'not the passphrase this backup was made with'],
      [['backup', 'import', path.join(files.home, 'tampered.kwbackup')], {}, 'BACKUP_DAMAGED', 'damaged or was tampered with'],
      [['backup', 'import', path.join(files.home, 'notes.txt')], {}, 'BACKUP_INVALID', 'not a Keywarden backup'],
    ];
    for (const [args, env, code, says] of refusals) {
      const run = await keywarden(target.home, args, { env });
      oneLineError(run, code);
      expect(run.stderr).toContain(says);
    }
    expect(JSON.parse((await keywarden(target.home, ['--json', 'list'])).stdout)).toEqual([]);

    const restored = await keywarden(target.home, ['backup', 'import', backupFile]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/Binance main\s+binance\s+live\s+imported \(primary\)/);
    expect(restored.stdout).toContain('2 keys found: 2 imported, 0 skipped');
    expect(restored.stdout).toContain('Alert source "BTC strategy": restored — disabled: check its accounts, symbols and cap, then enable it.');
    const sources = JSON.parse((await keywarden(target.home, ['--json', 'webhook', 'sources'])).stdout) as { label: string; accountLabels: string[] | null }[];
    expect(sources.map((s) => [s.label, s.accountLabels])).toEqual([['BTC strategy', ['Binance main']]]);
    expect(restored.stdout).toContain('keywarden verify --all');
    const list = JSON.parse((await keywarden(target.home, ['--json', 'list'])).stdout) as { label: string; status: string; environment: string }[];
    expect(list.map((c) => [c.label, c.environment, c.status])).toEqual([['Binance main', 'live', 'unverified'], ['Bybit test', 'testnet', 'unverified']]);

    const again = await keywarden(target.home, ['--json', 'backup', 'import', backupFile]);
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: 0, skipped: 2, credentials: [{ result: 'skipped-duplicate', duplicateOf: 'Binance main' }, { result: 'skipped-duplicate', duplicateOf: 'Bybit test' }] });
  });

  it('lists listener settings a backup would widen and applies only those named with --apply-setting', async () => {
    const wide = makeTempHome('keywarden-cli-backup-wide-');
    const fresh = makeTempHome('keywarden-cli-backup-fresh-');
    try {
      const file = path.join(wide.home, 'wide.kwbackup');
      expect((await keywarden(wide.home, ['init'])).code).toBe(0);
      const set = await keywarden(wide.home, ['webhook', 'settings', '--host', '0.0.0.0', '--allow-lan', '--trusted-proxy', '10.0.0.1', '--max-alert-age', '0', '--port', '9191']);
      expect(set.code, set.stderr).toBe(0);
      expect((await keywarden(wide.home, ['backup', 'export', file])).code).toBe(0);
      expect((await keywarden(fresh.home, ['init'])).code).toBe(0);

      const dry = await keywarden(fresh.home, ['backup', 'import', file, '--dry-run']);
      expect(dry.code, dry.stderr).toBe(0);
      expect(dry.stdout).toContain('Lets more in — listener address: 127.0.0.1 here, 0.0.0.0 in the backup: this vault\'s kept (apply the backup\'s with --apply-setting host)');
      expect(dry.stdout).toContain('Lets more in — trusted proxy: none here, 10.0.0.1 in the backup');
      expect(dry.stdout).toContain('Lets more in — maximum alert age: 60 s here, off in the backup');
      oneLineError(await keywarden(fresh.home, ['backup', 'import', file, '--apply-setting', 'port']), 'INVALID_INPUT');

      const run = await keywarden(fresh.home, ['backup', 'import', file, '--apply-setting', 'maxAlertAge']);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('Lets more in — maximum alert age: 60 s here, off in the backup: applied (chosen)');
      const settings = JSON.parse((await keywarden(fresh.home, ['--json', 'webhook', 'settings'])).stdout) as { host: string; trustedProxy: string | null; maxAlertAgeSeconds: number; port: number };
      expect(settings).toMatchObject({ host: '127.0.0.1', trustedProxy: null, maxAlertAgeSeconds: 0, port: 9191 });
    } finally {
      wide.cleanup();
      fresh.cleanup();
    }
  });

  it('imports keys from a .env file and says to delete it, printing no value', async () => {
    const envFile = path.join(files.home, '.env');
    const fresh = makeBinanceHmacKey();
    writeFileSync(envFile, `# bot\nexport BINANCE_API_KEY="${fresh.apiKey}"\nBINANCE_API_SECRET=${fresh.secret}\nBYBIT_API_KEY=${bybit.apiKey}\nBYBIT_API_SECRET=${bybit.secret}\nBYBIT_TESTNET=true\n`);
    const run = await keywarden(target.home, ['import', 'env', envFile]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Binance\s+binance\s+live\s+imported\n/);
    expect(run.stdout).toContain('skipped: already in this vault as "Bybit test"');
    expect(run.stdout).toContain(`Delete ${envFile} now`);
    const bad = path.join(files.home, 'bad.env');
    writeFileSync(bad, `BINANCE_API_KEY=${fresh.apiKey.slice(2)}\nBINANCE_API_SECRET=${fresh.secret}\n`);
    oneLineError(await keywarden(target.home, ['import', 'env', bad]), 'MALFORMED_FIELD');
    for (const secret of [...Object.values(fresh), fresh.apiKey.slice(2), ...Object.values(binance), ...Object.values(bybit), BACKUP_PASSPHRASE, TEST_PASSPHRASE]) {
      expect(printed.join('\n')).not.toContain(secret);
    }
  });

  it('on a damaged database: one line saying how to restore from a backup, exit 1, the file untouched', async () => {
    const damaged = makeTempHome('keywarden-cli-damaged-');
    try {
      const file = path.join(damaged.home, 'keywarden.db');
      const garbage = Buffer.from('not a database, but somebody\'s data\n'.repeat(200));
      writeFileSync(file, garbage);
      for (const args of [['status'], ['list'], ['backup', 'import', backupFile]]) {
        const run = await keywarden(damaged.home, args);
        oneLineError(run, 'DATABASE_CORRUPT');
        expect(run.stderr).toContain('left untouched');
        expect(run.stderr).toContain('keywarden backup import');
        expect(run.stdout).toBe('');
        expect(readFileSync(file).equals(garbage)).toBe(true);
      }
    } finally {
      damaged.cleanup();
    }
  });
});
