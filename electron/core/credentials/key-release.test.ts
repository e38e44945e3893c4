/**
 * Issue 16: a key's fields leave the vault only for a key the person allowed for programs, only to
 * the CLI, all or nothing, audited and counted as a use. Real core in a temp folder.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../app';
import { invokeChannel } from '../../api/handlers';
import { makeBinanceHmacKey, type TestKey } from '../../testing/fake-exchange';
import { tamperWhileLocked } from '../../testing/tamper-while-locked';
import { TEST_PASSPHRASE, createTestCore, databaseOf, makeTempHome } from '../../testing/test-core';

const release = (core: Core, references: { key: string; field: string }[], actor: 'cli' | 'ui' = 'cli') =>
  invokeChannel(core, 'credentials.release', { references, command: ['python', 'bot.py'], cwd: '/home/me/bot' }, { actor });

describe('releasing a key to a program', () => {
  let temp: ReturnType<typeof makeTempHome>;
  let core: Core;
  let key: TestKey;
  let id: string;

  beforeEach(async () => {
    temp = makeTempHome('keywarden-release-');
    core = createTestCore(temp.home);
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'cli');
    key = makeBinanceHmacKey();
    id = (await core.credentials.create({ provider: 'binance', label: 'Binance/main', fields: key }, 'cli')).id;
  });
  afterEach(() => {
    core.close();
    temp.cleanup();
  });

  const allow = (on = true) => core.credentials.update({ ref: id, allowPrograms: on }, 'cli');

  it('is off by default, and refuses with the command that allows it', async () => {
    expect(core.credentials.get(id).allowPrograms).toBe(false);
    expect(await release(core, [{ key: 'Binance/main', field: 'secret' }])).toEqual({
      ok: false,
      error: { code: 'KEY_NOT_RELEASABLE', message: '"Binance/main" is not allowed for programs. Allow programs to use it first: keywarden update "Binance/main" --allow-programs', details: { key: id } },
    });
  });

  it('hands an allowed key\'s fields to the CLI, audited without values, counted as a use', async () => {
    expect(allow().allowPrograms).toBe(true);
    const answer = await release(core, [{ key: 'binance/MAIN', field: 'apiKey' }, { key: id, field: 'secret' }]);
    expect(answer).toEqual({ ok: true, value: { released: [{ key: 'binance/MAIN', field: 'apiKey', secret: key.apiKey }, { key: id, field: 'secret', secret: key.secret }] } });
    const info = core.credentials.get(id);
    expect(info.useCount).toBe(1);
    expect(info.lastUsedAt).not.toBeNull();
    const [record] = core.audit.list({ actionPrefix: 'credential.release', limit: 10 });
    expect(record).toMatchObject({ actor: 'cli', subject: id, outcome: 'ok', details: { label: 'Binance/main', fields: 'apiKey,secret', command: 'python bot.py', cwd: '/home/me/bot' } });
    const audited = JSON.stringify(core.audit.list({ limit: 100 }));
    expect(audited).not.toContain(key.secret);
    expect(audited).not.toContain(key.apiKey);
  });

  it('is never answered to the window, the tray or the app itself', async () => {
    allow();
    for (const actor of ['ui', 'tray', 'system'] as const) {
      const answer = await invokeChannel(core, 'credentials.release', { references: [{ key: id, field: 'secret' }], command: ['x'], cwd: '/' }, { actor });
      expect(answer).toMatchObject({ ok: false, error: { code: 'CALLER_REFUSED' } });
    }
    expect(core.credentials.get(id).useCount).toBe(0);
  });

  it('releases nothing when one reference fails, and names what was not found', async () => {
    allow();
    expect(await release(core, [{ key: id, field: 'secret' }, { key: 'Nope', field: 'secret' }])).toMatchObject({ ok: false, error: { code: 'CREDENTIAL_NOT_FOUND', message: expect.stringContaining('"Nope"') } });
    expect(await release(core, [{ key: id, field: 'secret' }, { key: id, field: 'password' }])).toMatchObject({ ok: false, error: { code: 'CREDENTIAL_FIELD_NOT_FOUND', message: '"Binance/main" has no field "password"; it has apiKey, secret.' } });
    expect(core.credentials.get(id).useCount).toBe(0);
    const refusals = core.audit.list({ actionPrefix: 'credential.release', limit: 10 });
    expect(refusals.map((row) => [row.outcome, row.details?.['code']])).toEqual([['denied', 'CREDENTIAL_FIELD_NOT_FOUND'], ['denied', 'CREDENTIAL_NOT_FOUND']]);
  });

  it('never releases a revoked key, nor one blocked until its withdraw risk is accepted', async () => {
    allow();
    // A verification that finds withdrawals on sets this block; the person's acknowledgement MACs it as it is.
    databaseOf(core).sqlite.prepare("UPDATE credentials SET trading_block = 'withdraw-enabled' WHERE id = ?").run(id);
    core.integrity.acknowledge('credentials', id, 'cli');
    expect(await release(core, [{ key: id, field: 'secret' }])).toMatchObject({ ok: false, error: { code: 'KEY_NOT_RELEASABLE', message: expect.stringContaining('can withdraw funds') } });
    await core.keyRetirement.revoke(id, 'keep', 'cli');
    expect(await release(core, [{ key: id, field: 'secret' }])).toMatchObject({ ok: false, error: { code: 'KEY_NOT_RELEASABLE', message: '"Binance/main" was revoked; nothing can use it any more.' } });
  });

  it('keeps existing keys\' MACs valid, and raises the alarm when the switch is turned on outside Keywarden', async () => {
    await tamperWhileLocked(core, temp.home, [['UPDATE credentials SET allow_programs = 1 WHERE id = ?', id]]);
    expect(core.integrity.alarms()).toContainEqual({ table: 'credentials', key: id, label: 'key "Binance/main"' });
    expect(await release(core, [{ key: id, field: 'secret' }])).toMatchObject({ ok: false, error: { code: 'INTEGRITY_ALARM' } });
  });

  it('keeps a row switched on and off by Keywarden intact', async () => {
    allow();
    allow(false);
    allow();
    await tamperWhileLocked(core, temp.home, []);
    expect(core.integrity.alarms()).toEqual([]);
    expect((await release(core, [{ key: id, field: 'apiKey' }])).ok).toBe(true);
  });
});
