/**
 * Where the app finds its parts, in development (`npm start`: the repository) and packaged
 * (electron-builder: app.asar plus process.resourcesPath). One place, so main.ts and the tests agree.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface AppPaths {
  /** The built renderer served over app:// (out/renderer). */
  readonly rendererRoot: string;
  /** The bundled, sandbox-safe preload. */
  readonly preloadPath: string;
  /** drizzle/ SQL migrations: shipped as an extra resource when packaged. */
  readonly migrationsFolder: string;
  /** electron/resources/icons (tray icons and the window icon): shipped as an extra resource when packaged. */
  readonly iconFolder: string;
  /** The window icon (Linux; macOS and Windows take it from the bundle). */
  readonly windowIcon: string;
  /**
   * better-sqlite3 built for this Electron, in development only. The repository's node_modules copy is
   * built for Node (the tests need it), so `npm start` builds an Electron copy out of tree; a packaged
   * app has electron-builder's rebuilt module and needs none.
   */
  readonly nativeBinding: string | undefined;
}

export interface AppLocation {
  readonly isPackaged: boolean;
  /** app.getAppPath(): the repository in development, …/resources/app.asar when packaged. */
  readonly appPath: string;
  /** process.resourcesPath */
  readonly resourcesPath: string;
  readonly electronVersion: string;
  readonly platform: NodeJS.Platform;
  readonly arch: string;
}

export function resolveAppPaths(location: AppLocation, fileExists: (file: string) => boolean = existsSync): AppPaths {
  const { appPath, resourcesPath, isPackaged } = location;
  const resources = isPackaged ? resourcesPath : appPath;
  const nativeBinding = isPackaged ? undefined : developmentNativeBinding(location);
  const iconFolder = path.join(resources, isPackaged ? 'icons' : path.join('electron', 'resources', 'icons'));
  return {
    rendererRoot: path.join(appPath, 'out', 'renderer'),
    preloadPath: path.join(appPath, 'out', 'preload', 'preload.cjs'),
    migrationsFolder: path.join(resources, 'drizzle'),
    iconFolder,
    windowIcon: path.join(iconFolder, 'app.png'),
    nativeBinding: nativeBinding && fileExists(nativeBinding) ? nativeBinding : undefined,
  };
}

/**
 * The folder electron/scripts/start-electron.js builds better-sqlite3 into. Keyed by Electron version, platform
 * and architecture, the three things a native module's binary depends on here.
 */
export function nativeBuildFolder(appPath: string, electronVersion: string, platform: string, arch: string): string {
  return path.join(appPath, 'out', 'native', `electron-${electronVersion}-${platform}-${arch}`);
}

function developmentNativeBinding(location: AppLocation): string {
  return path.join(nativeBuildFolder(location.appPath, location.electronVersion, location.platform, location.arch), 'better_sqlite3.node');
}
