/**
 * The Electron side of the tray: one Tray whose image, tooltip and menu the controller sets, and native
 * notifications. Electron's classes are passed in by main.ts.
 */
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import type { TrayUi } from './tray-controller';
import { trayHealths, trayIconFile } from './tray-icon';
import type { TrayHealth } from './tray-state';

export interface TrayElectronApis<Image, MenuT> {
  readonly createImage: (file: string) => Image;
  readonly createTray: (image: Image) => {
    setImage(image: Image): void;
    setToolTip(text: string): void;
    setContextMenu(menu: MenuT | null): void;
    on(event: 'double-click', listener: () => void): unknown;
    destroy(): void;
  };
  readonly buildMenu: (template: MenuItemConstructorOptions[]) => MenuT;
  readonly notificationsSupported: () => boolean;
  readonly showNotification: (title: string, body: string) => void;
}

export function createElectronTrayUi<Image, MenuT>(apis: TrayElectronApis<Image, MenuT>, iconFolder: string, onDoubleClick: () => void): TrayUi {
  const images = new Map<TrayHealth, Image>(trayHealths.map((health) => [health, apis.createImage(path.join(iconFolder, trayIconFile(health)))]));
  const image = (health: TrayHealth) => images.get(health) as Image;
  const tray = apis.createTray(image('locked'));
  // Windows opens an app from its tray icon by double-click; the menu has "Open Keywarden" everywhere.
  tray.on('double-click', onDoubleClick);
  let destroyed = false;
  return {
    setIcon: (health) => tray.setImage(image(health)),
    setToolTip: (text) => tray.setToolTip(text),
    setMenu: (template) => tray.setContextMenu(apis.buildMenu(template)),
    notify: (title, body) => {
      if (apis.notificationsSupported()) apis.showNotification(title, body);
    },
    destroy: () => {
      if (destroyed) return;
      destroyed = true;
      tray.destroy();
    },
  };
}
