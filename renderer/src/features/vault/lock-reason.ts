/** What the unlock screen says about why the vault is locked. */
import type { LockReason } from '../../api/contract-types';

export function describeLockReason(reason: LockReason | null, autoLockMinutes: number): string | null {
  switch (reason) {
    case null: return null;
    case 'user': return 'You locked the vault.';
    case 'idle': return `Locked after ${autoLockMinutes} minute${autoLockMinutes === 1 ? '' : 's'} without activity. Your keys are encrypted again.`;
    case 'key-rotated-elsewhere': return 'The vault key was changed by another Keywarden window or the command line. Unlock again to continue.';
    case 'shutdown': return 'Keywarden was shut down.';
  }
}
