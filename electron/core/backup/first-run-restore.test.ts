/**
 * First run on a new computer: the vault is created from a backup, on the real core (a real SQLite file
 * per data folder). A wrong passphrase or a damaged file leaves the new folder without a vault; an existing
 * vault is never touched.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../app';
import { invokeChannel } from '../../api/handlers';
import { makeBinanceHmacKey, makeBybitKey, type TestKey } from '../../testing/fake-exchange/keys';
import { ManualClock, TEST_PASSPHRASE, createTestCore, makeTempHome } from '../../testing/test-core';

const BACKUP_PASSPHRASE = 'a separate backup passphrase';

describe('restoring a backup into a new vault (first run)', () => {
  const temps: ReturnType<typeof makeTempHome>[] = [];
  const cores: Core[] = [];
  let fresh: Core;
  let backupFile: string;
  let binance: TestKey;

  const temp = (prefix: string) => {
    const made = makeTempHome(prefix);
    temps.push(made);
    return made.home;
  };

  beforeEach(async () => {
    const clock = new ManualClock();
    const source = createTestCore(temp('keywarden-first-run-source-'), { clock });
    cores.push(source);
    await source.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    binance = makeBinanceHmacKey();
    await source.credentials.create({ provider: 'binance', label: 'Binance main', fields: binance }, 'ui');
    await source.credentials.create({ provider: 'bybit', label: 'Bybit swing', fields: makeBybitKey() }, 'ui');
    backupFile = path.join(temp('keywarden-first-run-files-'), 'keys.kwbackup');
    await source.backups.export({ file: backupFile, vaultPassphrase: TEST_PASSPHRASE, passphrase: BACKUP_PASSPHRASE, overwrite: false }, 'ui');
    fresh = createTestCore(temp('keywarden-first-run-target-'), { clock });
    cores.push(fresh);
  });
  afterEach(() => {
    for (const core of cores.splice(0)) core.close();
    for (const made of temps.splice(0)) made.cleanup();
  });

  it('creates the vault, unlocked, with every key of the backup; the backup passphrase unlocks it', async () => {
    const report = await fresh.backups.restoreIntoNewVault({ file: backupFile, passphrase: BACKUP_PASSPHRASE, useOsKeychain: false }, 'ui');
    expect(report.credentials.map((entry) => [entry.label, entry.result])).toEqual([['Binance main', 'imported'], ['Bybit swing', 'imported']]);
    const status = await fresh.vault.status();
    expect(status).toMatchObject({ initialized: true, locked: false });
    const stored = fresh.credentials.list().find((credential) => credential.label === 'Binance main');
    expect(fresh.credentials.getDecrypted(stored?.id ?? '').secrets).toEqual({ apiKey: binance.apiKey, secret: binance.secret });
    fresh.vault.lock('user', 'ui');
    await fresh.vault.unlock({ method: 'passphrase', passphrase: BACKUP_PASSPHRASE }, 'ui');
    expect(fresh.audit.list({ actionPrefix: 'backup.import', limit: 5 })).toHaveLength(1);
  });

  it('protects the new vault with another passphrase when one is given', async () => {
    await fresh.backups.restoreIntoNewVault({ file: backupFile, passphrase: BACKUP_PASSPHRASE, vaultPassphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    fresh.vault.lock('user', 'ui');
    await expect(fresh.vault.unlock({ method: 'passphrase', passphrase: BACKUP_PASSPHRASE }, 'ui')).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    await fresh.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'ui');
  });

  it('a wrong backup passphrase or a damaged file creates no vault', async () => {
    await expect(fresh.backups.restoreIntoNewVault({ file: backupFile, passphrase: 'not the backup passphrase', useOsKeychain: false }, 'ui')).rejects.toMatchObject({ code: 'BACKUP_WRONG_PASSPHRASE' });
    const damaged = path.join(path.dirname(backupFile), 'damaged.kwbackup');
    writeFileSync(damaged, 'not a backup at all');
    await expect(fresh.backups.restoreIntoNewVault({ file: damaged, passphrase: BACKUP_PASSPHRASE, useOsKeychain: false }, 'ui')).rejects.toMatchObject({ code: 'BACKUP_INVALID' });
    expect((await fresh.vault.status()).initialized).toBe(false);
  });

  it('refuses where a vault already exists, and changes nothing', async () => {
    await fresh.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    await expect(fresh.backups.restoreIntoNewVault({ file: backupFile, passphrase: BACKUP_PASSPHRASE, useOsKeychain: false }, 'ui')).rejects.toMatchObject({ code: 'VAULT_ALREADY_INITIALIZED' });
    expect(fresh.credentials.list()).toEqual([]);
  });

  it('through the contract: works before any unlock, for the CLI by path', async () => {
    const result = await invokeChannel(fresh, 'backup.restoreIntoNewVault', { file: backupFile, passphrase: BACKUP_PASSPHRASE }, { actor: 'cli' });
    expect(result.ok).toBe(true);
    expect(fresh.credentials.list()).toHaveLength(2);
  });
});
