/** The backup channels through invokeChannel, the one entry point every transport uses. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../core/app';
import { makeBinanceHmacKey } from '../testing/fake-exchange/keys';
import { TEST_PASSPHRASE, createTestCore, makeTempHome } from '../testing/test-core';
import { invokeChannel } from './handlers';

describe('backup channels', () => {
  let temp: ReturnType<typeof makeTempHome>;
  let source: Core;
  let target: Core;
  const key = makeBinanceHmacKey();

  beforeEach(async () => {
    temp = makeTempHome('keywarden-backup-ipc-');
    source = createTestCore(path.join(temp.home, 'source'));
    target = createTestCore(path.join(temp.home, 'target'));
    await source.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    await target.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    await source.credentials.create({ provider: 'binance', label: 'Binance main', fields: key }, 'ui');
  });
  afterEach(() => {
    source.close();
    target.close();
    temp.cleanup();
  });

  it('export, import and importEnv answer within their output schemas and never with a secret', async () => {
    const file = path.join(temp.home, 'b.kwbackup');
    const exported = await invokeChannel(source, 'backup.export', { file, passphrase: 'backup passphrase 1' }, { actor: 'ui' });
    expect(exported).toEqual({ ok: true, value: { file, credentials: 1, bytes: expect.any(Number) } });
    const imported = await invokeChannel(target, 'backup.import', { file, passphrase: 'backup passphrase 1', dryRun: false }, { actor: 'ui' });
    expect(imported).toMatchObject({ ok: true, value: { imported: 1, credentials: [{ label: 'Binance main', result: 'imported' }] } });
    const envFile = path.join(temp.home, 'x.env');
    writeFileSync(envFile, `BINANCE_API_KEY=${key.apiKey}\nBINANCE_API_SECRET=${key.secret}\n`);
    const fromEnv = await invokeChannel(target, 'backup.importEnv', { file: envFile }, { actor: 'ui' });
    expect(fromEnv).toMatchObject({ ok: true, value: { dryRun: false, skipped: 1, credentials: [{ result: 'skipped-duplicate', duplicateOf: 'Binance main' }] } });
    const answers = JSON.stringify([exported, imported, fromEnv]);
    for (const secret of [key.apiKey, key.secret, 'backup passphrase 1']) expect(answers).not.toContain(secret);
  });

  it('validates inputs strictly and refuses a folder', async () => {
    expect(await invokeChannel(source, 'backup.export', { file: path.join(temp.home, 'c'), passphrase: 'backup passphrase 1', extra: true }, { actor: 'ui' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await invokeChannel(source, 'backup.export', { file: '  ', passphrase: 'backup passphrase 1' }, { actor: 'ui' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'file must name a file.' } });
    expect(await invokeChannel(source, 'backup.import', { file: temp.home, passphrase: 'x' }, { actor: 'ui' })).toMatchObject({ ok: false, error: { code: 'FILE_UNREADABLE' } });
    expect(await invokeChannel(source, 'backup.export', { file: temp.home, passphrase: 'backup passphrase 1', overwrite: true }, { actor: 'ui' })).toMatchObject({ ok: false, error: { code: 'FILE_UNWRITABLE' } });
  });

  it('chooseFile asks the transport\'s file dialog, and says plainly where there is none (CLI, tests)', async () => {
    const asked: string[] = [];
    const chosen = await invokeChannel(source, 'backup.chooseFile', { purpose: 'backup-import' }, {
      actor: 'ui',
      chooseFile: async (purpose) => {
        asked.push(purpose);
        return { file: '/home/me/keywarden.kwbackup', replaceConfirmed: false };
      },
    });
    expect(chosen).toEqual({ ok: true, value: { file: '/home/me/keywarden.kwbackup', replaceConfirmed: false } });
    expect(asked).toEqual(['backup-import']);
    expect(await invokeChannel(source, 'backup.chooseFile', { purpose: 'backup-export' }, { actor: 'ui' })).toEqual({
      ok: false,
      error: { code: 'FILE_CHOOSER_UNAVAILABLE', message: 'Choosing a file from a dialog needs the Keywarden desktop app. Type the file\'s full path instead.' },
    });
    expect(await invokeChannel(source, 'backup.chooseFile', { purpose: 'anything' }, { actor: 'ui' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
