import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { channelNames, type ContractResult } from '../api/contract';
import { invokeChannel } from '../api/handlers';
import { makeBinanceHmacKey } from '../testing/fake-exchange';
import { sendRaw } from '../testing/webhook-test-kit';
import { ipcChannelFor } from '../preload/ipc-wire';
import { TEST_PASSPHRASE, makeTempHome, repoRoot, databaseOf } from '../testing/test-core';
import { silentLogger } from './logger';
import { APP_ENTRY_URL } from './security/app-origin';
import { startKeywarden, type RunningApp } from './start-keywarden';
import { FakeBrowserWindow, fakeElectron } from './testing/fake-electron';

const facts = (home: string, env: NodeJS.ProcessEnv = {}) => ({
  env: { KEYWARDEN_HOME: home, ...env },
  platform: 'linux' as const,
  arch: 'x64',
  resourcesPath: '/nonexistent/resources',
  // No out-of-tree Electron build exists for this version, so the core uses the Node build: right under vitest.
  electronVersion: '0.0.0-test',
});

describe('startKeywarden (the composition, with fake Electron APIs)', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

  async function started(options: { keepRunningInTray?: boolean } = {}) {
    const temp = makeTempHome('keywarden-start-');
    const electron = fakeElectron(repoRoot);
    const windowsBefore = FakeBrowserWindow.created.length;
    const running = startKeywarden(electron.apis, facts(temp.home), silentLogger, options);
    const beforeReady = [...electron.app.calls];
    electron.app.becomeReady();
    const app = (await running) as RunningApp;
    cleanups.push(() => {
      app.shutdown();
      temp.cleanup();
    });
    const windows = () => FakeBrowserWindow.created.slice(windowsBefore);
    return { temp, electron, app, beforeReady, windows };
  }

  it('does the before-ready work first: privileged app:// scheme, sandbox for all, data folder, single-instance lock', async () => {
    const { electron, beforeReady, temp } = await started();
    expect(beforeReady).toEqual(['registerSchemesAsPrivileged', 'enableSandbox', 'setName:Keywarden', 'setPath:userData', 'requestSingleInstanceLock']);
    expect(electron.protocol.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(electron.app.paths.get('userData')).toBe(temp.home);
  });

  it('when ready: serves app://, denies permissions, registers every channel, opens one secure window and the tray', async () => {
    const { electron, app, windows, temp } = await started();
    expect([...electron.protocol.handlers.keys()]).toEqual(['app']);
    expect(await electron.session.request('media', APP_ENTRY_URL)).toBe(false);
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual(channelNames.map(ipcChannelFor).sort());
    expect(windows()).toHaveLength(1);
    const [window] = windows();
    expect(window?.options.webPreferences).toMatchObject({ preload: path.join(repoRoot, 'out', 'preload', 'preload.cjs'), sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: true });
    expect(window?.webContents.url).toBe(APP_ENTRY_URL);
    expect(app.core.home).toBe(temp.home);
    expect(app.paths.migrationsFolder).toBe(path.join(repoRoot, 'drizzle'));
    await app.tray.refresh();
    expect(electron.trayUis[0]?.icon).toBe('locked');
  });

  it('serves the window\'s calls, forwards events to it, and the tray follows', async () => {
    const { electron, app, windows } = await started();
    const window = windows()[0] as FakeBrowserWindow;
    const result = (await electron.ipcMain.invoke(ipcChannelFor('vault.init'), window.webContents.invokeEvent(), { passphrase: TEST_PASSPHRASE })) as ContractResult<unknown>;
    expect(result).toMatchObject({ ok: true, value: { initialized: true, locked: false } });
    expect(window.webContents.sent).toContainEqual({ channel: 'keywarden:event', args: [{ name: 'vault.unlocked', payload: {} }] });
    await app.tray.refresh();
    expect(electron.trayUis[0]?.icon).toBe('ok');
  });

  it('answers the backup forms\' Choose buttons with the system file dialog over the window', async () => {
    const { electron, windows, temp } = await started();
    const window = windows()[0] as FakeBrowserWindow;
    const existing = path.join(temp.home, 'keywarden.db');
    electron.fileDialogs.answers.push(existing);
    const result = (await electron.ipcMain.invoke(ipcChannelFor('backup.chooseFile'), window.webContents.invokeEvent(), { purpose: 'backup-export' })) as ContractResult<unknown>;
    // An existing file was chosen in a save dialog: the dialog asked to replace it.
    expect(result).toEqual({ ok: true, value: { file: existing, fileHandle: expect.stringMatching(/^[0-9a-f]{32}$/), replaceConfirmed: true } });
    // The window names files only by such a handle: a path it types is refused.
    const typed = (await electron.ipcMain.invoke(ipcChannelFor('backup.export'), window.webContents.invokeEvent(), { file: existing, vaultPassphrase: TEST_PASSPHRASE, passphrase: 'a backup passphrase' })) as ContractResult<unknown>;
    expect(typed).toMatchObject({ ok: false, error: { code: 'REFUSED_FROM_WINDOW' } });
    expect(electron.fileDialogs.calls).toMatchObject([{ kind: 'save', parent: window }]);
  });

  it('locks the vault when the machine sleeps', async () => {
    const { electron, app } = await started();
    await app.core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    electron.powerMonitor.emit('suspend');
    expect(app.core.vault.isUnlocked()).toBe(false);
  });

  it('keeps running in the tray when the window closes (by default), and a second launch shows the window', async () => {
    const { electron, windows } = await started();
    (windows()[0] as FakeBrowserWindow).close();
    electron.app.emit('window-all-closed');
    expect(electron.app.quitCalls).toBe(0);
    // Told once that it keeps running (issue 21), by the tray's notification.
    expect(electron.trayUis[0]?.notifications.map((notification) => notification.title)).toEqual(['Keywarden is still running in the tray']);
    electron.app.emit('second-instance');
    expect(windows()).toHaveLength(2);
    electron.app.emit('second-instance');
    expect(windows()).toHaveLength(2);
    expect(windows()[1]?.focused).toBe(1);
  });

  it('asks a person before a program reads a key: the request opens the window, and closing it denies', async () => {
    const { electron, app, windows } = await started();
    (windows()[0] as FakeBrowserWindow).close();
    electron.app.emit('window-all-closed');
    const { core } = app;
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'cli');
    const { id } = await core.credentials.create({ provider: 'binance', label: 'main', fields: makeBinanceHmacKey() }, 'cli');
    core.credentials.update({ ref: id, allowPrograms: true }, 'cli');
    const released = invokeChannel(core, 'credentials.release', { references: [{ key: 'main', field: 'secret' }], command: ['node', 'bot.js'], cwd: '/tmp' }, { actor: 'cli' });
    await expect.poll(() => windows().length).toBe(2);
    electron.app.emit('window-all-closed');
    expect(await released).toMatchObject({ ok: false, error: { code: 'RELEASE_DENIED', message: "The Keywarden window closed before anyone answered, so `node bot.js` was not given 'main'." } });
  });

  it('quits with the last window when keeping it in the tray is turned off', async () => {
    const { electron } = await started({ keepRunningInTray: false });
    electron.app.emit('window-all-closed');
    expect(electron.app.quitCalls).toBe(1);
  });

  it('on quit: zeroes the vault key, closes the database, removes the tray and the IPC handlers', async () => {
    const { electron, app } = await started();
    await app.core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    const locks: string[] = [];
    app.core.events.on('vault.locked', ({ reason }) => locks.push(reason));
    electron.app.emit('will-quit');
    expect(locks).toEqual(['shutdown']);
    expect(databaseOf(app.core).sqlite.open).toBe(false);
    expect(electron.trayUis[0]?.destroyed).toBe(true);
    expect(electron.ipcMain.handlers.size).toBe(0);
    app.shutdown();
  });

  it('runs the webhook listener while the user has it turned on, and stops it on quit', async () => {
    const { electron, app } = await started();
    await app.core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    expect(app.core.webhook.status().running).toBe(false);
    await app.core.webhook.updateSettings({ host: '127.0.0.1', port: 0, enabled: true }, 'ui');
    const url = app.core.webhook.status().localUrl ?? '';
    expect((await sendRaw(url, '/health', { method: 'GET' })).status).toBe(200);
    electron.app.emit('will-quit');
    await expect(sendRaw(url, '/health', { method: 'GET' })).rejects.toThrow(/ECONNREFUSED/);
  });

  it('a second instance hands over and quits at once', async () => {
    const temp = makeTempHome('keywarden-start-second-');
    cleanups.push(temp.cleanup);
    const electron = fakeElectron(repoRoot);
    electron.app.gotLock = false;
    expect(await startKeywarden(electron.apis, facts(temp.home), silentLogger)).toBeUndefined();
    expect(electron.app.quitCalls).toBe(1);
    expect(electron.ipcMain.handlers.size).toBe(0);
  });

  it('a core that cannot start is explained in a dialog, then the app exits', async () => {
    const temp = makeTempHome('keywarden-start-broken-');
    cleanups.push(temp.cleanup);
    const electron = fakeElectron(repoRoot);
    const running = startKeywarden(electron.apis, facts(temp.home, { KEYWARDEN_EXCHANGE_URLS: 'not json' }), silentLogger);
    electron.app.becomeReady();
    expect(await running).toBeUndefined();
    expect(electron.errorBoxes).toEqual([{ title: 'Keywarden could not start', content: expect.stringContaining('KEYWARDEN_EXCHANGE_URLS is not valid JSON') }]);
    expect(electron.app.exitCode).toBe(1);
  });
});
