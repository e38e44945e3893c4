import { beforeEach, describe, expect, it } from 'vitest';
import { TrustedSenders } from '../ipc/trusted-senders';
import { silentLogger } from '../logger';
import { FakeBrowserWindow } from '../testing/fake-electron';
import { APP_ENTRY_URL } from './app-origin';
import { createAppWindow, revealWindow } from './app-window';

describe('the window factory', () => {
  let trustedSenders: TrustedSenders;
  let warnings: string[];
  let window: FakeBrowserWindow;

  beforeEach(() => {
    trustedSenders = new TrustedSenders();
    warnings = [];
    window = createAppWindow({
      BrowserWindow: FakeBrowserWindow,
      preloadPath: '/app/out/preload/preload.cjs',
      trustedSenders,
      logger: { ...silentLogger, warn: (line) => warnings.push(line) },
      devTools: false,
    }) as FakeBrowserWindow;
  });

  it('uses the secure web preferences', () => {
    expect(window.options.webPreferences).toEqual({
      preload: '/app/out/preload/preload.cjs',
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
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      devTools: false,
    });
    expect(window.options.show).toBe(false);
  });

  it('loads the app from app://, never file://, and shows it when ready', () => {
    expect(window.webContents.url).toBe(APP_ENTRY_URL);
    expect(window.shown).toBe(0);
    window.emit('ready-to-show');
    expect(window.shown).toBe(1);
  });

  it('denies navigation away from the app origin, and redirects too', () => {
    for (const url of ['https://evil.example/', 'http://127.0.0.1:8080/', 'file:///etc/passwd', 'app://other/index.html', 'javascript:alert(1)']) {
      expect(window.webContents.emitPreventable('will-navigate', url), url).toBe(true);
      expect(window.webContents.emitPreventable('will-redirect', url), url).toBe(true);
    }
    expect(window.webContents.emitPreventable('will-navigate', 'app://keywarden/index.html#/settings')).toBe(false);
    // Logged by scheme and host only: a path or query may carry a token.
    expect(warnings).toContain('denied navigation away from the app (https://evil.example)');
    expect(warnings.join('\n')).not.toContain('/etc/passwd');
  });

  it('denies every new window, including external links, and every <webview>', () => {
    for (const url of ['https://www.binance.com/en/my/settings/api-management', 'app://keywarden/index.html', 'about:blank']) {
      expect(window.webContents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
    expect(window.webContents.emitPreventable('will-attach-webview')).toBe(true);
  });

  it('registers the window as the trusted IPC sender, until it is destroyed', () => {
    expect(trustedSenders.isTrusted(window.webContents.invokeEvent())).toBe(true);
    expect(trustedSenders.receivers()).toEqual([window.webContents]);
    window.close();
    expect(trustedSenders.isTrusted(window.webContents.invokeEvent(APP_ENTRY_URL))).toBe(false);
  });

  it('brings an existing window back to the front', () => {
    revealWindow(window);
    expect([window.shown, window.focused]).toEqual([1, 1]);
  });
});
