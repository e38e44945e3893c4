import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createElectronTrayUi } from './electron-tray-ui';

describe('the Electron tray adapter', () => {
  it('loads one image per health, starts locked, and maps each call to the Tray', () => {
    const calls: string[] = [];
    let doubleClick: (() => void) | undefined;
    let notificationsSupported = true;
    const ui = createElectronTrayUi({
      createImage: (file) => `image:${path.basename(file)}`,
      createTray: (image) => {
        calls.push(`new Tray(${image})`);
        return {
          setImage: (next) => calls.push(`setImage(${next})`),
          setToolTip: (text) => calls.push(`setToolTip(${text})`),
          setContextMenu: (menu) => calls.push(`setContextMenu(${String(menu)})`),
          on: (_event, listener) => (doubleClick = listener),
          destroy: () => calls.push('destroy'),
        };
      },
      buildMenu: (template) => `menu of ${template.length}`,
      notificationsSupported: () => notificationsSupported,
      showNotification: (title) => calls.push(`notify(${title})`),
    }, '/res/icons', () => calls.push('open'));
    ui.setIcon('error');
    ui.setToolTip('Keywarden');
    ui.setMenu([{ label: 'a' }, { type: 'separator' }]);
    ui.notify('Done', 'body');
    notificationsSupported = false;
    ui.notify('Unseen', 'body');
    doubleClick?.();
    ui.destroy();
    ui.destroy();
    expect(calls).toEqual([
      'new Tray(image:tray-locked.png)', 'setImage(image:tray-error.png)', 'setToolTip(Keywarden)', 'setContextMenu(menu of 2)',
      'notify(Done)', 'open', 'destroy',
    ]);
  });
});
