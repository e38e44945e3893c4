import { describe, expect, it } from 'vitest';
import { FakeSession } from '../testing/fake-electron';
import { denyPermissions } from './permissions';

describe('web permissions', () => {
  it('denies every permission request and check, and every device', async () => {
    const session = new FakeSession();
    const denied: string[] = [];
    denyPermissions(session, (permission) => denied.push(permission));
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'hid', 'serial', 'fullscreen']) {
      expect(await session.request(permission, 'app://keywarden/index.html'), permission).toBe(false);
      expect(session.checkHandler?.(null, permission, 'app://keywarden'), permission).toBe(false);
    }
    expect(denied).toContain('media');
    expect(session.deviceHandler?.()).toBe(false);
  });

  it('lets only the app itself write (never read) the clipboard, for its copy buttons', async () => {
    const session = new FakeSession();
    denyPermissions(session);
    expect(await session.request('clipboard-sanitized-write', 'app://keywarden/index.html')).toBe(true);
    expect(session.checkHandler?.(null, 'clipboard-sanitized-write', 'app://keywarden')).toBe(true);
    expect(await session.request('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(session.checkHandler?.(null, 'clipboard-sanitized-write', 'file://')).toBe(false);
    expect(await session.request('clipboard-read', 'app://keywarden/index.html')).toBe(false);
  });
});
