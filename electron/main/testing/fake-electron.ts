/**
 * Stand-ins for the Electron objects the main process is given, for the tests under electron/main.
 * Each records what was done to it, so a test can assert on the wiring without an Electron binary.
 */
import type { BrowserWindowConstructorOptions, CustomScheme, MenuItemConstructorOptions, OpenDialogOptions, SaveDialogOptions } from 'electron';
import { EventEmitter } from 'node:events';
import type { AppLike, ElectronApis, ProtocolLike } from '../electron-apis';
import type { FileDialogs } from '../files/native-file-chooser';
import type { InvokeEventLike } from '../ipc/trusted-senders';
import type { AppWebContents, AppWindow } from '../security/app-window';
import type { PermissionSessionLike } from '../security/permissions';
import type { TrayUi } from '../tray/tray-controller';
import type { TrayHealth } from '../tray/tray-state';
import { FakeSafeStorage } from '../../testing/test-core';

type Listener = (...args: never[]) => unknown;

export class FakeIpcMain {
  readonly handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>();

  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** Calls a registered channel the way Electron would for a renderer frame. */
  invoke(channel: string, event: InvokeEventLike, input: unknown): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, input);
  }
}

let nextWebContentsId = 1;

export class FakeWebContents extends EventEmitter implements AppWebContents {
  readonly id = nextWebContentsId++;
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  url = '';
  destroyed = false;
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getURL(): string {
    return this.url;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
  /** Emits an event whose default can be prevented; says whether it was. */
  emitPreventable(event: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(event, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
  /** An IPC event as if sent from this webContents' top frame at `url`. */
  invokeEvent(url = this.url, parent: unknown = null): InvokeEventLike {
    return { sender: { id: this.id }, senderFrame: { url, parent } };
  }
}

/** The system file dialogs: each call is recorded and answered with the next queued answer (canceled when none). */
export class FakeFileDialogs implements FileDialogs {
  readonly calls: Array<{ kind: 'save' | 'open'; parent: AppWindow | undefined; options: SaveDialogOptions | OpenDialogOptions }> = [];
  readonly answers: string[] = [];

  async save(parent: AppWindow | undefined, options: SaveDialogOptions): Promise<{ canceled: boolean; filePath: string }> {
    this.calls.push({ kind: 'save', parent, options });
    const file = this.answers.shift();
    return file === undefined ? { canceled: true, filePath: '' } : { canceled: false, filePath: file };
  }

  async open(parent: AppWindow | undefined, options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }> {
    this.calls.push({ kind: 'open', parent, options });
    const file = this.answers.shift();
    return file === undefined ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [file] };
  }
}

export class FakeBrowserWindow extends EventEmitter implements AppWindow {
  static readonly created: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly options: BrowserWindowConstructorOptions;
  shown = 0;
  focused = 0;
  destroyed = false;

  constructor(options: BrowserWindowConstructorOptions) {
    super();
    this.options = options;
    FakeBrowserWindow.created.push(this);
  }
  async loadURL(url: string): Promise<void> {
    this.webContents.url = url;
  }
  show(): void {
    this.shown++;
  }
  focus(): void {
    this.focused++;
  }
  restore(): void {}
  isMinimized(): boolean {
    return false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  close(): void {
    this.destroyed = true;
    this.webContents.destroy();
    this.emit('closed');
  }
}

export class FakeSession implements PermissionSessionLike {
  requestHandler: Parameters<PermissionSessionLike['setPermissionRequestHandler']>[0] | undefined;
  checkHandler: Parameters<PermissionSessionLike['setPermissionCheckHandler']>[0] | undefined;
  deviceHandler: (() => boolean) | undefined;

  setPermissionRequestHandler(handler: NonNullable<FakeSession['requestHandler']>): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: NonNullable<FakeSession['checkHandler']>): void {
    this.checkHandler = handler;
  }
  setDevicePermissionHandler(handler: () => boolean): void {
    this.deviceHandler = handler;
  }
  /** Asks for a permission as a page at `url` would; resolves with the answer. */
  request(permission: string, url: string): Promise<boolean> {
    return new Promise((resolve) => this.requestHandler?.({ getURL: () => url }, permission, resolve));
  }
}

export class FakePowerMonitor extends EventEmitter {}

export class FakeTrayUi implements TrayUi {
  icon: TrayHealth | undefined;
  tooltip = '';
  menu: MenuItemConstructorOptions[] = [];
  readonly notifications: Array<{ title: string; body: string }> = [];
  destroyed = false;

  setIcon(health: TrayHealth): void {
    this.icon = health;
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setMenu(template: MenuItemConstructorOptions[]): void {
    this.menu = template;
  }
  notify(title: string, body: string): void {
    this.notifications.push({ title, body });
  }
  destroy(): void {
    this.destroyed = true;
  }
  /** The menu's labels, in order ('—' for separators). */
  labels(): string[] {
    return this.menu.map((item) => (item.type === 'separator' ? '—' : String(item.label)));
  }
  /** Clicks the menu item whose label starts with `label`. */
  click(label: string): void {
    const item = this.menu.find((candidate) => String(candidate.label ?? '').startsWith(label));
    if (!item?.click) throw new Error(`no clickable menu item "${label}" in ${JSON.stringify(this.labels())}`);
    (item.click as () => void)();
  }
}

export class FakeApp extends EventEmitter implements AppLike {
  readonly calls: string[] = [];
  readonly paths = new Map<string, string>();
  isPackaged = false;
  gotLock = true;
  exitCode: number | undefined;
  quitCalls = 0;
  #ready: () => void = () => {};
  readonly #whenReady = new Promise<void>((resolve) => (this.#ready = resolve));

  constructor(readonly appPath: string) {
    super();
  }
  getAppPath(): string {
    return this.appPath;
  }
  setName(name: string): void {
    this.calls.push(`setName:${name}`);
  }
  setPath(name: string, value: string): void {
    this.calls.push(`setPath:${name}`);
    this.paths.set(name, value);
  }
  enableSandbox(): void {
    this.calls.push('enableSandbox');
  }
  requestSingleInstanceLock(): boolean {
    this.calls.push('requestSingleInstanceLock');
    return this.gotLock;
  }
  whenReady(): Promise<void> {
    return this.#whenReady;
  }
  becomeReady(): void {
    this.calls.push('ready');
    this.#ready();
  }
  quit(): void {
    this.quitCalls++;
  }
  exit(exitCode?: number): void {
    this.exitCode = exitCode ?? 0;
  }
  override on(event: string, listener: Listener): this {
    return super.on(event, listener as (...args: unknown[]) => void);
  }
}

export class FakeProtocol implements ProtocolLike {
  readonly privileged: CustomScheme[] = [];
  readonly handlers = new Map<string, (request: Request) => Promise<Response>>();
  constructor(private readonly app: FakeApp) {}

  registerSchemesAsPrivileged(customSchemes: CustomScheme[]): void {
    this.app.calls.push('registerSchemesAsPrivileged');
    this.privileged.push(...customSchemes);
  }
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void {
    this.app.calls.push(`protocol.handle:${scheme}`);
    this.handlers.set(scheme, handler);
  }
}

/** Electron's Notification: each shown one is recorded in `shown`. */
export function fakeNotificationClass(supported = true) {
  const shown: Array<{ title: string; body: string }> = [];
  class FakeNotification {
    static isSupported(): boolean {
      return supported;
    }
    constructor(private readonly options: { title: string; body: string }) {}
    show(): void {
      shown.push({ ...this.options });
    }
  }
  return { Notification: FakeNotification, shown };
}

/** A complete set of fake Electron APIs for startKeywarden. */
export function fakeElectron(appPath: string) {
  const app = new FakeApp(appPath);
  const fakes = {
    app,
    protocol: new FakeProtocol(app),
    session: new FakeSession(),
    ipcMain: new FakeIpcMain(),
    safeStorage: new FakeSafeStorage(),
    powerMonitor: new FakePowerMonitor(),
    errorBoxes: [] as Array<{ title: string; content: string }>,
    fileDialogs: new FakeFileDialogs(),
    trayUis: [] as FakeTrayUi[],
    notifications: fakeNotificationClass(),
  };
  const apis: ElectronApis = {
    app,
    protocol: fakes.protocol,
    defaultSession: () => fakes.session,
    ipcMain: fakes.ipcMain,
    BrowserWindow: FakeBrowserWindow,
    safeStorage: fakes.safeStorage,
    powerMonitor: fakes.powerMonitor,
    dialog: { showErrorBox: (title, content) => fakes.errorBoxes.push({ title, content }) },
    fileDialogs: fakes.fileDialogs,
    createTrayUi: () => {
      const ui = new FakeTrayUi();
      fakes.trayUis.push(ui);
      return ui;
    },
    Notification: fakes.notifications.Notification,
  };
  return { ...fakes, apis };
}
