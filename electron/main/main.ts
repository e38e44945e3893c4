/**
 * Entry point of the Electron main process (bundled to out/main/main.js by electron/scripts/build-electron.js).
 * The only module that imports 'electron' at run time: it hands Electron's objects to
 * startKeywarden, where the wiring lives (and is tested with fakes).
 */
import { BrowserWindow, Menu, Notification, Tray, app, dialog, ipcMain, nativeImage, powerMonitor, protocol, safeStorage, session } from 'electron';
import { createStderrLogger } from './logger';
import { startKeywarden } from './start-keywarden';
import { createElectronTrayUi } from './tray/electron-tray-ui';

const logger = createStderrLogger();

const running = startKeywarden(
  {
    app,
    protocol,
    defaultSession: () => session.defaultSession,
    ipcMain,
    BrowserWindow,
    safeStorage,
    powerMonitor,
    dialog,
    // Our windows are BrowserWindows (ElectronApis.BrowserWindow is the real class).
    fileDialogs: {
      save: (parent, options) => (parent ? dialog.showSaveDialog(parent as BrowserWindow, options) : dialog.showSaveDialog(options)),
      open: (parent, options) => (parent ? dialog.showOpenDialog(parent as BrowserWindow, options) : dialog.showOpenDialog(options)),
    },
    createTrayUi: (iconFolder, openWindow) => createElectronTrayUi({
      createImage: (file) => nativeImage.createFromPath(file),
      createTray: (image) => new Tray(image),
      buildMenu: (template) => Menu.buildFromTemplate(template),
      notificationsSupported: () => Notification.isSupported(),
      showNotification: (title, body) => new Notification({ title, body }).show(),
    }, iconFolder, openWindow),
    Notification,
  },
  {
    env: process.env,
    platform: process.platform,
    arch: process.arch,
    resourcesPath: process.resourcesPath,
    electronVersion: process.versions.electron ?? '',
  },
  logger,
);

running.then((started) => {
  // The Playwright Electron suite (e2e/electron) reads the tray state through this; never in a packaged app.
  if (started && !app.isPackaged && process.env['KEYWARDEN_E2E'] === '1') {
    Object.defineProperty(globalThis, 'keywardenE2e', { value: Object.freeze({ trayState: () => started.tray.state }) });
  }
}, () => {
  dialog.showErrorBox('Keywarden could not start', 'Something went wrong while starting. Nothing was changed; try again, and report it if it keeps happening.');
  app.exit(1);
});

// Ctrl+C under `npm start`, or a service manager: quit properly, so the vault key is zeroed.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
