/**
 * The desktop app's composition root: puts the core, the IPC transport, the window, the tray and the
 * Electron hardening together, in the order Electron requires. Everything Electron comes in through
 * `ElectronApis`, so this runs under the tests with fakes.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createCore, defaultDataFolder, exchangeUrlOverridesFrom, startRuntime, type Core } from '../api/core-host';
import { toSerializedError } from '../api/errors';
import { startAgentServer, type AgentServer } from '../api/agent-socket/agent-server';
import { resolveAppPaths, type AppPaths } from './app-paths';
import type { ElectronApis, RuntimeFacts } from './electron-apis';
import { createNativeFileChooser } from './files/native-file-chooser';
import { startDesktopNotifications } from './notifications/desktop-notifications';
import { forwardContractEvents } from './ipc/forward-contract-events';
import { registerContractChannels } from './ipc/register-contract-channels';
import { TrustedSenders } from './ipc/trusted-senders';
import type { MainLogger } from './logger';
import { APP_SCHEME } from './security/app-origin';
import { appSchemePrivileges, createAppProtocolHandler } from './security/app-protocol';
import { createAppWindow, revealWindow, type AppWindow } from './security/app-window';
import { denyPermissions } from './security/permissions';
import { TrayController } from './tray/tray-controller';
import { createRunningInTrayNotice } from './tray/running-in-tray-notice';
import { describeKeyProtection, osKeychainOptions } from './vault/os-keychain';
import { lockOnSystemEvents } from './vault/system-lock';

export interface StartOptions {
  /**
   * Closing the window leaves Keywarden running in the tray (the webhook listener keeps working).
   * Default true. Meant to become a user setting once the core exposes settings through the contract.
   */
  readonly keepRunningInTray?: boolean;
}

/** What a running app exposes to its caller (main.ts, the tests). */
export interface RunningApp {
  readonly core: Core;
  readonly paths: AppPaths;
  readonly tray: TrayController;
  openWindow(): void;
  /** Stops everything and zeroes the vault key; what `will-quit` runs. Safe to call twice. */
  shutdown(): void;
}

/**
 * Starts the app. Returns a promise for the running app, or for undefined when another instance
 * already runs (it is told to show its window) or the core could not start (the user was told why).
 */
export function startKeywarden(electron: ElectronApis, facts: RuntimeFacts, logger: MainLogger, options: StartOptions = {}): Promise<RunningApp | undefined> {
  const { app } = electron;
  // Before `ready`: Electron accepts scheme privileges, the sandbox switch and paths only then.
  electron.protocol.registerSchemesAsPrivileged([{ ...appSchemePrivileges, privileges: { ...appSchemePrivileges.privileges } }]);
  app.enableSandbox();
  const dataFolder = defaultDataFolder(facts.env, facts.platform);
  app.setName('Keywarden');
  // Chromium's own files go next to the vault, as docs/data-and-backups.md ("Where your data lives") says; the
  // single-instance lock is per user-data folder, so each data folder gets one app instance.
  app.setPath('userData', dataFolder);
  if (!app.requestSingleInstanceLock()) {
    logger.info('Keywarden is already running; showing its window');
    app.quit();
    return Promise.resolve(undefined);
  }
  return app.whenReady().then(() => startWhenReady(electron, facts, logger, dataFolder, options.keepRunningInTray ?? true));
}

async function startWhenReady(electron: ElectronApis, facts: RuntimeFacts, logger: MainLogger, dataFolder: string, keepRunningInTray: boolean): Promise<RunningApp | undefined> {
  const { app } = electron;
  const paths = resolveAppPaths({
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
    resourcesPath: facts.resourcesPath,
    electronVersion: facts.electronVersion,
    platform: facts.platform,
    arch: facts.arch,
  });

  denyPermissions(electron.defaultSession(), (permission) => logger.warn(`denied the permission "${permission}"`));
  electron.protocol.handle(APP_SCHEME, createAppProtocolHandler({ root: paths.rendererRoot, readFile }));

  let core: Core;
  try {
    core = createCore({
      home: dataFolder,
      // Tests and local proxies only (DESIGN.md "Verification"); never settable from the UI.
      exchangeUrlOverrides: exchangeUrlOverridesFrom(facts.env),
      migrationsFolder: paths.migrationsFolder,
      osKeychain: osKeychainOptions(electron.safeStorage, facts.platform),
      ...(paths.nativeBinding ? { nativeBinding: paths.nativeBinding } : {}),
    });
  } catch (error) {
    // A KeywardenError carries a message written for the user (damaged database, folder not writable).
    electron.dialog.showErrorBox('Keywarden could not start', toSerializedError(error).message);
    app.exit(1);
    return undefined;
  }

  // The desktop app is what runs all day: scheduled verification, reconciliation at each unlock, and
  // the listener and the AI gateway when the user turned them on (their settings, off by default).
  const runtime = await startRuntime(core, { listener: 'if-enabled', gateway: 'if-enabled', report: (report) => (report.kind === 'orders-reconciled' ? logger.info(report.message) : logger.warn(report.message)) });
  // While the app runs it is the agent: keywarden commands in a terminal use its vault (docs/agent.md).
  const agent = await startDesktopAgent(core, dataFolder, logger, () => app.quit());
  const trustedSenders = new TrustedSenders();
  let window: AppWindow | undefined;
  const chooseFile = createNativeFileChooser({ dialogs: electron.fileDialogs, window: () => window, fileExists: existsSync, now: () => new Date(core.clock.now()) });
  const stops: Array<() => void> = [
    registerContractChannels({ ipcMain: electron.ipcMain, core, trustedSenders, logger, chooseFile }),
    forwardContractEvents(core.events, trustedSenders, logger),
    lockOnSystemEvents(electron.powerMonitor, core.vault),
    // Never a silent refusal (issue 19): refused alerts, failed orders and key problems reach the desktop.
    startDesktopNotifications({ core, Notification: electron.Notification, logger }).stop,
    // Its waiting part (alerts in flight) is cut short by core.close() below, as quitting requires.
    () => void runtime.stop().catch(() => logger.warn('the background services did not stop cleanly')),
    () => void agent?.close(),
  ];

  const openWindow = () => {
    if (window && !window.isDestroyed()) return revealWindow(window);
    window = createAppWindow({ BrowserWindow: electron.BrowserWindow, preloadPath: paths.preloadPath, trustedSenders, logger, devTools: !app.isPackaged, icon: paths.windowIcon });
  };

  // The app can always show a window, so a person is asked before a program reads a key; the
  // question comes to the front, in a new window if none is open (docs/agent.md).
  core.releaseApprovals.askPeople(true);
  stops.push(core.events.on('release.approvalRequested', openWindow), () => core.releaseApprovals.askPeople(false));

  const keyProtection = async () => describeKeyProtection(await core.vault.status());
  const trayUi = electron.createTrayUi(paths.iconFolder, openWindow);
  const tray = new TrayController({ core, ui: trayUi, openWindow, quit: () => app.quit(), logger, keyProtection });
  const tellRunningInTray = createRunningInTrayNotice({ dataFolder, notify: (title, body) => trayUi.notify(title, body), listenerRunning: () => core.webhook.status().running, warn: (message) => logger.warn(message) });
  void tray.refresh();
  logger.info(`data folder: ${dataFolder}`);
  void keyProtection().then((line) => logger.info(line), () => logger.warn('could not read the vault status'));

  let stopped = false;
  const shutdown = () => {
    if (stopped) return;
    stopped = true;
    tray.stop();
    stops.forEach((stop) => stop());
    // Zeroes the vault key and closes the database (and its WAL) cleanly.
    core.close();
  };

  app.on('second-instance', openWindow);
  app.on('activate', openWindow);
  app.on('window-all-closed', () => {
    // Nobody is left to answer a program's request for a key: it is denied.
    core.releaseApprovals.windowClosed();
    if (!keepRunningInTray) app.quit();
    else tellRunningInTray();
  });
  app.on('will-quit', shutdown);

  openWindow();
  return { core, paths, tray, openWindow, shutdown };
}

/** The agent socket is a convenience: when it cannot start (a looser data folder, another agent), the app runs without it. */
async function startDesktopAgent(core: Core, dataFolder: string, logger: MainLogger, quit: () => void): Promise<AgentServer | undefined> {
  try {
    const agent = await startAgentServer({ core, dataFolder, host: 'desktop', onStopRequested: quit });
    logger.info(`agent socket: ${agent.socketPath}`);
    return agent;
  } catch (error) {
    logger.warn(`the agent socket did not start, so keywarden commands open the vault themselves: ${toSerializedError(error).message}`);
    return undefined;
  }
}
