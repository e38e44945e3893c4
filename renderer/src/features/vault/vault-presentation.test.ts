/** What the unlock and first-run screens say about why the vault is locked and about the OS keychain. */
import { describe, expect, it } from 'vitest';
import { vaultStatus } from '../../testing/contract-fixtures';
import { describeLockReason } from './lock-reason';
import { osKeychainAvailability } from './os-keychain-availability';

describe('describeLockReason', () => {
  it('says why, with the idle time the person set', () => {
    expect(describeLockReason(null, 15)).toBeNull();
    expect(describeLockReason('user', 15)).toBe('You locked the vault.');
    expect(describeLockReason('idle', 15)).toMatch(/^Locked after 15 minutes without activity\./);
    expect(describeLockReason('idle', 1)).toMatch(/^Locked after 1 minute without/);
    expect(describeLockReason('key-rotated-elsewhere', 15)).toContain('Unlock again');
  });
});

describe('osKeychainAvailability', () => {
  it('offers the keychain only where it really protects the keys', () => {
    expect(osKeychainAvailability(vaultStatus())).toEqual({ usable: true, description: 'GNOME Keyring (libsecret)' });
    expect(osKeychainAvailability(vaultStatus({ osKeychain: { available: false, description: 'basic_text: no real protection' } }))).toEqual({
      usable: false,
      reason: 'The OS keychain cannot protect your keys on this system (basic_text: no real protection). Use a passphrase.',
    });
    expect(osKeychainAvailability(vaultStatus({ osKeychain: null }))).toMatchObject({ usable: false, reason: expect.stringContaining('only reachable from the desktop app') });
  });
});
