/**
 * The OS keychain as the core wants it: Electron's asynchronous safeStorage API (Electron 45) is
 * already shaped like `SafeStorageLike`, so the adapter only pairs it with the platform. The core
 * refuses Linux's basic_text backend and re-wraps the key when safeStorage asks for it.
 */
import type { OsKeychainOptions, SafeStorageLike } from '../../api/core-host';
import type { VaultStatus } from '../../api/contract-schemas';

export function osKeychainOptions(safeStorage: SafeStorageLike, platform: NodeJS.Platform): OsKeychainOptions {
  return { safeStorage, platform };
}

/** One line for the log and the tray: which store could protect the vault key, and whether it can. */
export function describeKeyProtection(status: VaultStatus): string {
  if (!status.osKeychain) return 'OS keychain: not available in this process';
  const { available, description } = status.osKeychain;
  return available ? `OS keychain: ${description}` : `OS keychain unavailable (${description}): a passphrase is required`;
}
