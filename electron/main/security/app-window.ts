/**
 * The one window factory (Signal Desktop's pattern): every Keywarden window is made here, with the
 * secure web preferences, navigation away from the app's origin denied, every `window.open` denied,
 * no <webview>, and its webContents registered as a trusted IPC sender. External links are not opened:
 * a vault has no reason to hand URLs from its page to the OS.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import type { TrustedSenders, TrustedWebContents } from '../ipc/trusted-senders';
import type { MainLogger } from '../logger';
import { APP_ENTRY_URL, isAppUrl } from './app-origin';

interface PreventableEvent {
  preventDefault(): void;
}

/** The part of Electron's `WebContents` the factory uses. */
export interface AppWebContents extends TrustedWebContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
}

/** The part of Electron's `BrowserWindow` the app uses. */
export interface AppWindow {
  readonly webContents: AppWebContents;
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
  focus(): void;
  restore(): void;
  isMinimized(): boolean;
  isDestroyed(): boolean;
}

export type BrowserWindowClass = new (options: BrowserWindowConstructorOptions) => AppWindow;

export interface AppWindowOptions {
  readonly BrowserWindow: BrowserWindowClass;
  /** out/preload/preload.cjs */
  readonly preloadPath: string;
  readonly trustedSenders: TrustedSenders;
  readonly logger: MainLogger;
  /** Developer tools only in development builds. */
  readonly devTools: boolean;
  readonly icon?: string | undefined;
}

/** Creates the main window on app://keywarden/index.html. */
export function createAppWindow(options: AppWindowOptions): AppWindow {
  // Named like Electron's class, so scanners that look for `new BrowserWindow(...)` (Electronegativity) check these options.
  const { BrowserWindow } = options;
  const window = new BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 720,
    minHeight: 520,
    title: 'Keywarden',
    show: false,
    autoHideMenuBar: true,
    backgroundColor: '#111418',
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Middle-click opens links in new windows; there are none to open.
      disableBlinkFeatures: 'Auxclick',
      // Linux spell checking downloads dictionaries, and typed key material has no place in a dictionary service.
      spellcheck: false,
      devTools: options.devTools,
    },
  });
  const contents = window.webContents;
  options.trustedSenders.add(contents);

  contents.setWindowOpenHandler(({ url }) => {
    options.logger.warn(`denied a new window (${describeUrl(url)})`);
    return { action: 'deny' };
  });
  const denyForeignNavigation = (event: PreventableEvent, url: string) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    options.logger.warn(`denied navigation away from the app (${describeUrl(url)})`);
  };
  contents.on('will-navigate', denyForeignNavigation);
  contents.on('will-redirect', denyForeignNavigation);
  contents.on('will-attach-webview', (event) => event.preventDefault());

  window.once('ready-to-show', () => window.show());
  window.loadURL(APP_ENTRY_URL).catch(() => options.logger.warn('the window could not load the app (is out/renderer built?)'));
  return window;
}

/** Brings an existing window to the front. */
export function revealWindow(window: AppWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

/** The scheme and host only: a URL's path or query may carry a token. */
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : parsed.protocol;
  } catch {
    return 'malformed URL';
  }
}
