/**
 * Web permission requests and checks from the renderer (camera, notifications, geolocation, HID,
 * serial, …): all denied (Electron security checklist #5), with one exception. Keywarden's pages
 * need none of these; a request for one means something is wrong.
 */
import { isAppUrl } from './app-origin';

/**
 * Writing (never reading) the clipboard from our own page: the renderer's "copy" buttons (the
 * webhook URL to paste into TradingView, a fingerprint). Chromium treats it as a permission, so a
 * deny-all handler would break those buttons. Reading the clipboard stays denied.
 */
const allowedPermissions: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/** The part of Electron's `Session` this needs. */
export interface PermissionSessionLike {
  setPermissionRequestHandler(handler: (webContents: { getURL(): string }, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string, requestingOrigin: string) => boolean): void;
  setDevicePermissionHandler?(handler: () => boolean): void;
}

export function isPermissionAllowed(permission: string, origin: string): boolean {
  return allowedPermissions.has(permission) && isAppUrl(origin);
}

export function denyPermissions(session: PermissionSessionLike, onDenied: (permission: string) => void = () => {}): void {
  session.setPermissionRequestHandler((webContents, permission, callback) => {
    const granted = isPermissionAllowed(permission, webContents.getURL());
    if (!granted) onDenied(permission);
    callback(granted);
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin));
  // WebHID / WebUSB / Web Serial device choosers: never.
  session.setDevicePermissionHandler?.(() => false);
}
