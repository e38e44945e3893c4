/** Whether the OS keychain can protect the vault here, and in plain words why not. */
import type { VaultStatus } from '../../api/contract-types';

export type KeychainAvailability = { readonly usable: true; readonly description: string } | { readonly usable: false; readonly reason: string };

export function osKeychainAvailability(status: VaultStatus): KeychainAvailability {
  const keychain = status.osKeychain;
  if (keychain === null) {
    return { usable: false, reason: 'There is no OS keychain here: it is only reachable from the desktop app. Use a passphrase.' };
  }
  if (!keychain.available) {
    return { usable: false, reason: `The OS keychain cannot protect your keys on this system (${keychain.description}). Use a passphrase.` };
  }
  return { usable: true, description: keychain.description };
}
