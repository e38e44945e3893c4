import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nativeBuildFolder, resolveAppPaths } from './app-paths';

const location = { electronVersion: '45.4.1', platform: 'linux' as const, arch: 'x64' };

describe('app paths', () => {
  it('in development: everything from the repository, and the out-of-tree Electron build of better-sqlite3 when built', () => {
    const repo = path.resolve('/repo');
    const binding = path.join(repo, 'out', 'native', 'electron-45.4.1-linux-x64', 'better_sqlite3.node');
    const paths = resolveAppPaths({ ...location, isPackaged: false, appPath: repo, resourcesPath: '/electron/resources' }, (file) => file === binding);
    expect(paths).toEqual({
      rendererRoot: path.join(repo, 'out', 'renderer'),
      preloadPath: path.join(repo, 'out', 'preload', 'preload.cjs'),
      migrationsFolder: path.join(repo, 'drizzle'),
      iconFolder: path.join(repo, 'electron', 'resources', 'icons'),
      windowIcon: path.join(repo, 'electron', 'resources', 'icons', 'app.png'),
      nativeBinding: binding,
    });
    expect(nativeBuildFolder(repo, '45.4.1', 'linux', 'x64')).toBe(path.dirname(binding));
    expect(resolveAppPaths({ ...location, isPackaged: false, appPath: repo, resourcesPath: '' }, () => false).nativeBinding).toBeUndefined();
  });

  it('packaged: bundles inside app.asar, migrations and icons in resources, electron-builder\'s native build', () => {
    const asar = path.resolve('/opt/Keywarden/resources/app.asar');
    const resources = path.resolve('/opt/Keywarden/resources');
    const paths = resolveAppPaths({ ...location, isPackaged: true, appPath: asar, resourcesPath: resources }, () => true);
    expect(paths).toEqual({
      rendererRoot: path.join(asar, 'out', 'renderer'),
      preloadPath: path.join(asar, 'out', 'preload', 'preload.cjs'),
      migrationsFolder: path.join(resources, 'drizzle'),
      iconFolder: path.join(resources, 'icons'),
      windowIcon: path.join(resources, 'icons', 'app.png'),
      nativeBinding: undefined,
    });
  });
});
