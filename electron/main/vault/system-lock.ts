/**
 * Locks the vault when the machine sleeps or the screen locks (DESIGN.md "Locked by default"): the
 * person at the keyboard may not be the one who unlocked it. Idle auto-lock itself lives in the core;
 * the IPC wrapper reports activity to it.
 */
import type { Vault } from '../../api/core-host';

/** The part of Electron's `powerMonitor` this needs ('lock-screen' fires on macOS and Windows only). */
export interface PowerMonitorLike {
  on(event: 'suspend' | 'lock-screen', listener: () => void): unknown;
  removeListener(event: 'suspend' | 'lock-screen', listener: () => void): unknown;
}

/** Returns the function that stops watching. */
export function lockOnSystemEvents(powerMonitor: PowerMonitorLike, vault: Pick<Vault, 'lock'>): () => void {
  // Sleeping is the machine going idle; locking the screen is the user stepping away on purpose.
  const onSuspend = () => vault.lock('idle', 'system');
  const onLockScreen = () => vault.lock('user', 'system');
  powerMonitor.on('suspend', onSuspend);
  powerMonitor.on('lock-screen', onLockScreen);
  return () => {
    powerMonitor.removeListener('suspend', onSuspend);
    powerMonitor.removeListener('lock-screen', onLockScreen);
  };
}
