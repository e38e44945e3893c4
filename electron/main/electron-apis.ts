/**
 * The parts of Electron the main process uses, as narrow interfaces. main.ts passes the real modules
 * in (TypeScript checks they fit); tests pass fakes. Nothing but main.ts imports 'electron' at run time.
 */
import type { CustomScheme } from 'electron';
import type { SafeStorageLike } from '../api/core-host';
import type { FileDialogs } from './files/native-file-chooser';
import type { IpcMainLike } from './ipc/register-contract-channels';
import type { NotificationLike } from './notifications/desktop-notifications';
import type { BrowserWindowClass } from './security/app-window';
import type { PermissionSessionLike } from './security/permissions';
import type { TrayUi } from './tray/tray-controller';
import type { PowerMonitorLike } from './vault/system-lock';

export interface AppLike {
  readonly isPackaged: boolean;
  getAppPath(): string;
  setName(name: string): void;
  setPath(name: string, path: string): void;
  enableSandbox(): void;
  requestSingleInstanceLock(): boolean;
  whenReady(): Promise<void>;
  quit(): void;
  exit(exitCode?: number): void;
  on(event: 'second-instance', listener: () => void): unknown;
  on(event: 'activate', listener: () => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
  on(event: 'will-quit', listener: () => void): unknown;
}

export interface ProtocolLike {
  registerSchemesAsPrivileged(customSchemes: CustomScheme[]): void;
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void;
}

export interface ElectronApis {
  readonly app: AppLike;
  readonly protocol: ProtocolLike;
  readonly defaultSession: () => PermissionSessionLike;
  readonly ipcMain: IpcMainLike;
  readonly BrowserWindow: BrowserWindowClass;
  readonly safeStorage: SafeStorageLike;
  readonly powerMonitor: PowerMonitorLike;
  readonly dialog: { showErrorBox(title: string, content: string): void };
  /** The system's save and open dialogs (Settings → Backup and restore). */
  readonly fileDialogs: FileDialogs;
  /** Builds the tray's Electron side (Tray, Menu, Notification, nativeImage) once the app is ready. */
  readonly createTrayUi: (iconFolder: string, openWindow: () => void) => TrayUi;
  /** Native notifications for refused alerts, failed orders and key problems (notifications/). */
  readonly Notification: NotificationLike;
}

/** Facts about the process, passed in so tests can choose them. */
export interface RuntimeFacts {
  readonly env: NodeJS.ProcessEnv;
  readonly platform: NodeJS.Platform;
  readonly arch: string;
  readonly resourcesPath: string;
  readonly electronVersion: string;
}
