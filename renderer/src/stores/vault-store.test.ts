/**
 * The vault as the window sees it: what the app shows after each answer of the core, after a typed
 * refusal, and when a lock or unlock happens elsewhere (idle timer, tray, CLI).
 */
import { describe, expect, it, vi } from 'vitest';
import { createFakeKeywardenApi, ok, refused } from '../testing/fake-keywarden-api';
import { vaultStatus } from '../testing/contract-fixtures';
import { createVaultStore, selectAppState } from './vault-store';

const PASSPHRASE = 'correct horse battery staple';

function setUp(status = vaultStatus({ locked: true })) {
  const fake = createFakeKeywardenApi({ 'vault.status': () => ok(status) });
  const vault = createVaultStore(fake.api);
  return { fake, vault, appState: () => selectAppState(vault.getState()) };
}

describe('vault store', () => {
  it('shows loading until the status arrives, then first run, locked or ready', async () => {
    const { fake, vault, appState } = setUp();
    expect(appState()).toBe('loading');
    await vault.getState().refresh();
    expect(appState()).toBe('locked');

    fake.answer('vault.status', () => ok(vaultStatus({ initialized: false, locked: true, protectors: [] })));
    await vault.getState().refresh();
    expect(appState()).toBe('first-run');
  });

  it('keeps the error when even the status cannot be read, so the app can say it cannot start', async () => {
    const { fake, vault, appState } = setUp();
    fake.answer('vault.status', () => refused('DATABASE_CORRUPT', 'The database file is damaged.'));
    await vault.getState().refresh();
    expect(vault.getState().loadError).toMatchObject({ message: 'The database file is damaged.' });
    expect(appState()).toBe('loading');
  });

  it('opens on a right passphrase and forgets why it was locked; the passphrase is not kept', async () => {
    const { fake, vault, appState } = setUp();
    await vault.getState().refresh();
    fake.emit('vault.locked', { reason: 'idle' });
    fake.answer('vault.unlock', () => ok(vaultStatus({ locked: false })));

    await expect(vault.getState().unlock({ method: 'passphrase', passphrase: PASSPHRASE })).resolves.toEqual({ ok: true, value: undefined });
    expect(appState()).toBe('ready');
    expect(vault.getState().lockReason).toBeNull();
    expect(fake.callsTo('vault.unlock')).toEqual([{ method: 'passphrase', passphrase: PASSPHRASE }]);
    expect(JSON.stringify(vault.getState())).not.toContain(PASSPHRASE);
  });

  it('stays locked on a wrong passphrase and hands the core’s typed error to the form', async () => {
    const { fake, vault, appState } = setUp();
    await vault.getState().refresh();
    fake.answer('vault.unlock', () => refused('WRONG_PASSPHRASE', 'That passphrase is not right. Nothing was unlocked.'));

    const result = await vault.getState().unlock({ method: 'passphrase', passphrase: 'not it at all' });
    expect(result).toEqual({ ok: false, error: { code: 'WRONG_PASSPHRASE', message: 'That passphrase is not right. Nothing was unlocked.' } });
    expect(appState()).toBe('locked');
  });

  it('remembers that the person locked it', async () => {
    const { fake, vault, appState } = setUp(vaultStatus());
    await vault.getState().refresh();
    fake.answer('vault.lock', () => ok(vaultStatus({ locked: true })));
    await vault.getState().lock();
    expect(appState()).toBe('locked');
    expect(vault.getState().lockReason).toBe('user');
  });

  it('locks when the core says it locked elsewhere, and says why', async () => {
    const { fake, vault, appState } = setUp(vaultStatus());
    await vault.getState().refresh();
    expect(appState()).toBe('ready');
    fake.emit('vault.locked', { reason: 'key-rotated-elsewhere' });
    expect(appState()).toBe('locked');
    expect(vault.getState().lockReason).toBe('key-rotated-elsewhere');
  });

  it('reads the status again when the vault is unlocked or its key rotated elsewhere', async () => {
    const { fake, vault, appState } = setUp();
    await vault.getState().refresh();
    fake.answer('vault.status', () => ok(vaultStatus({ locked: false, keyVersion: 2 })));
    fake.emit('vault.unlocked', {});
    await vi.waitFor(() => expect(appState()).toBe('ready'));
    fake.emit('vault.keyRotated', { keyVersion: 2 });
    await vi.waitFor(() => expect(fake.callsTo('vault.status')).toHaveLength(3));
    expect(vault.getState().status?.keyVersion).toBe(2);
  });

  it('shows the auto-lock time the core stored', async () => {
    const { fake, vault } = setUp(vaultStatus());
    fake.answer('vault.setAutoLock', ({ minutes }) => ok(vaultStatus({ autoLockMinutes: minutes })));
    await vault.getState().setAutoLock(30);
    expect(vault.getState().status?.autoLockMinutes).toBe(30);
  });
});
