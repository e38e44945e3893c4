/** The backup channels through invokeChannel, the one entry point every transport uses. */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../core/app';
import { makeBinanceHmacKey } from '../testing/fake-exchange/keys';
import { TEST_PASSPHRASE, createTestCore, makeTempHome } from '../testing/test-core';
import type { FileChoicePurpose } from './backup-contract';
import { HANDLE_LIFETIME_MS, createChosenFiles } from './chosen-files';
import { invokeChannel } from './handlers';

describe('backup channels', () => {
  let temp: ReturnType<typeof makeTempHome>;
  let source: Core;
  let target: Core;
  const key = makeBinanceHmacKey();
  /** What the person picks in the system dialog next (a scripted dialog, as in the e2e harness). */
  let picks: string[];
  let asked: FileChoicePurpose[];
  const dialog = async (purpose: FileChoicePurpose) => {
    asked.push(purpose);
    return { file: picks.shift() ?? null, replaceConfirmed: false };
  };

  beforeEach(async () => {
    temp = makeTempHome('keywarden-backup-ipc-');
    source = createTestCore(path.join(temp.home, 'source'));
    target = createTestCore(path.join(temp.home, 'target'));
    await source.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    await target.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    await source.credentials.create({ provider: 'binance', label: 'Binance main', fields: key }, 'ui');
    picks = [];
    asked = [];
  });
  afterEach(() => {
    source.close();
    target.close();
    temp.cleanup();
  });

  /** The window's transport: actor 'ui', files only through the dialog's handles. */
  const windowOf = (core: Core) => {
    const files = createChosenFiles(dialog, () => core.clock.now());
    return {
      files,
      call: (name: string, input: unknown) => invokeChannel(core, name, input, { actor: 'ui', files }),
      choose: async (purpose: FileChoicePurpose, file: string) => {
        picks.push(file);
        const chosen = await invokeChannel(core, 'backup.chooseFile', { purpose }, { actor: 'ui', files });
        if (!chosen.ok) throw new Error(chosen.error.message);
        return (chosen.value as { fileHandle: string }).fileHandle;
      },
    };
  };

  it('the window writes, restores and imports through handles from its own dialog, answering within the schemas and never with a secret', async () => {
    const file = path.join(temp.home, 'b.kwbackup');
    const sourceWindow = windowOf(source);
    const exported = await sourceWindow.call('backup.export', { fileHandle: await sourceWindow.choose('backup-export', file), vaultPassphrase: TEST_PASSPHRASE, passphrase: 'backup passphrase 1' });
    expect(exported).toEqual({ ok: true, value: { file, credentials: 1, bytes: expect.any(Number) } });

    const targetWindow = windowOf(target);
    const restoreHandle = await targetWindow.choose('backup-import', file);
    // A check leaves the handle usable; the restore spends it.
    const checked = await targetWindow.call('backup.import', { fileHandle: restoreHandle, passphrase: 'backup passphrase 1', dryRun: true });
    expect(checked).toMatchObject({ ok: true, value: { dryRun: true, imported: 1, listenerExposure: [] } });
    const imported = await targetWindow.call('backup.import', { fileHandle: restoreHandle, passphrase: 'backup passphrase 1' });
    expect(imported).toMatchObject({ ok: true, value: { imported: 1, credentials: [{ label: 'Binance main', result: 'imported' }] } });
    expect(await targetWindow.call('backup.import', { fileHandle: restoreHandle, passphrase: 'backup passphrase 1' })).toMatchObject({ ok: false, error: { code: 'FILE_HANDLE_INVALID' } });

    const envFile = path.join(temp.home, 'x.env');
    writeFileSync(envFile, `BINANCE_API_KEY=${key.apiKey}\nBINANCE_API_SECRET=${key.secret}\n`);
    const fromEnv = await targetWindow.call('backup.importEnv', { fileHandle: await targetWindow.choose('env-import', envFile) });
    expect(fromEnv).toMatchObject({ ok: true, value: { dryRun: false, skipped: 1, credentials: [{ result: 'skipped-duplicate', duplicateOf: 'Binance main' }] } });
    expect(asked).toEqual(['backup-export', 'backup-import', 'env-import']);
    const answers = JSON.stringify([exported, checked, imported, fromEnv]);
    for (const secret of [key.apiKey, key.secret, 'backup passphrase 1', TEST_PASSPHRASE]) expect(answers).not.toContain(secret);
  });

  it('refuses a path typed by the window for export, restore and .env import, reading and writing nothing', async () => {
    const file = path.join(temp.home, 'typed.kwbackup');
    const window = windowOf(source);
    const refusals = [
      await window.call('backup.export', { file, vaultPassphrase: TEST_PASSPHRASE, passphrase: 'backup passphrase 1' }),
      // Replacing a file is the dialog's question, not the window's.
      await window.call('backup.export', { fileHandle: await window.choose('backup-export', path.join(temp.home, 'chosen.kwbackup')), vaultPassphrase: TEST_PASSPHRASE, passphrase: 'backup passphrase 1', overwrite: true }),
      await window.call('backup.import', { file, passphrase: 'backup passphrase 1' }),
      await window.call('backup.importEnv', { file: path.join(temp.home, 'x.env') }),
    ];
    // A handle and a path together: refused too, not resolved in favour of either.
    expect(await window.call('backup.export', { file, fileHandle: await window.choose('backup-export', path.join(temp.home, 'chosen.kwbackup')), vaultPassphrase: TEST_PASSPHRASE, passphrase: 'backup passphrase 1' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    for (const refused of refusals) expect(refused).toEqual({ ok: false, error: { code: 'REFUSED_FROM_WINDOW', message: expect.stringContaining('only by choosing it in the system dialog') } });
    expect(existsSync(file)).toBe(false);
    expect(existsSync(path.join(temp.home, 'chosen.kwbackup'))).toBe(false);
    // The same path from the CLI, which the person typed in their own terminal, is taken.
    expect(await invokeChannel(source, 'backup.export', { file, vaultPassphrase: TEST_PASSPHRASE, passphrase: 'backup passphrase 1' }, { actor: 'cli' })).toMatchObject({ ok: true, value: { file } });
  });

  it('a handle works once, for its own purpose, for ten minutes, and only in the transport that issued it', async () => {
    const window = windowOf(source);
    const exportTo = (fileHandle: string) => window.call('backup.export', { fileHandle, vaultPassphrase: TEST_PASSPHRASE, passphrase: 'backup passphrase 1' });
    const first = await window.choose('backup-export', path.join(temp.home, 'one.kwbackup'));
    // A wrong vault passphrase leaves the choice standing: the person retypes it, not the file.
    expect(await window.call('backup.export', { fileHandle: first, vaultPassphrase: 'not the vault passphrase', passphrase: 'backup passphrase 1' })).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE' } });
    expect(await exportTo(first)).toMatchObject({ ok: true });
    expect(await exportTo(first)).toMatchObject({ ok: false, error: { code: 'FILE_HANDLE_INVALID' } });

    const forRestore = await window.choose('backup-import', path.join(temp.home, 'two.kwbackup'));
    expect(await exportTo(forRestore)).toMatchObject({ ok: false, error: { code: 'FILE_HANDLE_INVALID' } });
    expect(existsSync(path.join(temp.home, 'two.kwbackup'))).toBe(false);

    let now = 1_000;
    const timed = createChosenFiles(dialog, () => now);
    picks.push(path.join(temp.home, 'late.kwbackup'));
    const timedChoice = await timed.choose('backup-export');
    now += HANDLE_LIFETIME_MS - 1;
    expect(timed.file(timedChoice.fileHandle ?? '', 'backup-export').file).toBe(path.join(temp.home, 'late.kwbackup'));
    now += 1;
    expect(() => timed.file(timedChoice.fileHandle ?? '', 'backup-export')).toThrow(/Choose the file again/);
    const late = await window.choose('backup-export', path.join(temp.home, 'late.kwbackup'));
    // Another window's (or transport's) handles mean nothing here, nor anything made up.
    const otherWindow = windowOf(source);
    expect(await otherWindow.call('backup.export', { fileHandle: late, vaultPassphrase: TEST_PASSPHRASE, passphrase: 'backup passphrase 1' })).toMatchObject({ ok: false, error: { code: 'FILE_HANDLE_INVALID' } });
    expect(await window.call('backup.export', { fileHandle: '0'.repeat(32), vaultPassphrase: TEST_PASSPHRASE, passphrase: 'backup passphrase 1' })).toMatchObject({ ok: false, error: { code: 'FILE_HANDLE_INVALID' } });
    expect(await window.call('backup.export', { fileHandle: '../../etc/passwd', vaultPassphrase: TEST_PASSPHRASE, passphrase: 'backup passphrase 1' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('validates inputs strictly, needs the vault passphrase, and refuses a folder', async () => {
    const cli = (name: string, input: unknown) => invokeChannel(source, name, input, { actor: 'cli' });
    expect(await cli('backup.export', { file: path.join(temp.home, 'c'), vaultPassphrase: TEST_PASSPHRASE, passphrase: 'backup passphrase 1', extra: true })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await cli('backup.export', { file: path.join(temp.home, 'c'), passphrase: 'backup passphrase 1' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'vaultPassphrase is not valid (expected string, received undefined).' } });
    expect(await cli('backup.export', { file: '  ', vaultPassphrase: TEST_PASSPHRASE, passphrase: 'backup passphrase 1' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'file must name a file.' } });
    expect(await cli('backup.export', { vaultPassphrase: TEST_PASSPHRASE, passphrase: 'backup passphrase 1' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('must name the file once') } });
    expect(await cli('backup.import', { file: temp.home, passphrase: 'x' })).toMatchObject({ ok: false, error: { code: 'FILE_UNREADABLE' } });
    expect(await cli('backup.import', { file: temp.home, passphrase: 'x', applySettings: ['port'] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await cli('backup.export', { file: temp.home, vaultPassphrase: TEST_PASSPHRASE, passphrase: 'backup passphrase 1', overwrite: true })).toMatchObject({ ok: false, error: { code: 'FILE_UNWRITABLE' } });
  });

  it('chooseFile asks the transport\'s file dialog, and says plainly where there is none (CLI, tests)', async () => {
    const window = windowOf(source);
    picks.push('/home/me/keywarden.kwbackup');
    const chosen = await window.call('backup.chooseFile', { purpose: 'backup-import' });
    expect(chosen).toEqual({ ok: true, value: { file: '/home/me/keywarden.kwbackup', fileHandle: expect.stringMatching(/^[0-9a-f]{32}$/), replaceConfirmed: false } });
    expect(await window.call('backup.chooseFile', { purpose: 'backup-export' })).toEqual({ ok: true, value: { file: null, fileHandle: null, replaceConfirmed: false } });
    expect(asked).toEqual(['backup-import', 'backup-export']);
    expect(await invokeChannel(source, 'backup.chooseFile', { purpose: 'backup-export' }, { actor: 'ui' })).toEqual({
      ok: false,
      error: { code: 'FILE_CHOOSER_UNAVAILABLE', message: 'Choosing a file from a dialog needs the Keywarden desktop app. In the CLI, name the file as an argument.' },
    });
    expect(await window.call('backup.chooseFile', { purpose: 'anything' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
