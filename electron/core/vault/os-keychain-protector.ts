/**
 * Wraps the vault key with the operating system's secret store through an object shaped like
 * Electron's asynchronous `safeStorage` API (the Electron adapter lives in electron/main). Like
 * Signal Desktop, it refuses Linux's `basic_text` backend, which encrypts with a hard-coded password
 * and protects nothing, and it notices when the backend changed since the key was wrapped.
 */
import { KeywardenError } from '../errors';
import type { KeyProtector } from './key-protector';

/** The part of Electron's `safeStorage` Keywarden uses (Electron 45 async API). */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  /** Linux only in Electron; other platforms report their own store (see `describeKeychain`). */
  getSelectedStorageBackend?(): string;
}

export interface OsKeychainOptions {
  readonly safeStorage: SafeStorageLike;
  readonly platform: NodeJS.Platform;
}

/** Backends that keep the key out of reach of a copied disk (describeKeychain names each). */
const TRUSTED_BACKENDS: ReadonlySet<string> = new Set(['macos_keychain', 'windows_dpapi', 'gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']);

/** The backend name stored with the wrapped key, and shown to the user. */
export function keychainBackend({ safeStorage, platform }: OsKeychainOptions): string {
  if (platform === 'darwin') return 'macos_keychain';
  if (platform === 'win32') return 'windows_dpapi';
  return safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
}

/** A plain description of what protects the key, for the first-run choice and settings. */
export function describeKeychain(backend: string): string {
  switch (backend) {
    case 'macos_keychain': return 'macOS Keychain';
    case 'windows_dpapi': return 'Windows DPAPI (protects against other users, not against other programs you run)';
    case 'gnome_libsecret': return 'GNOME Keyring (libsecret)';
    case 'kwallet': case 'kwallet5': case 'kwallet6': return 'KDE Wallet';
    case 'basic_text': return 'no keyring (basic_text): not real protection';
    default: return 'an unknown OS secret store';
  }
}

export async function checkKeychainUsable(options: OsKeychainOptions): Promise<string> {
  const backend = keychainBackend(options);
  if (backend === 'basic_text') {
    throw new KeywardenError('INSECURE_KEYCHAIN', 'This system has no keyring (libsecret or KWallet), so the OS keychain would not really protect your keys. Use a passphrase instead.');
  }
  // Only stores known to protect the key are trusted: an unknown one may be a plain-text fallback too.
  if (!TRUSTED_BACKENDS.has(backend)) {
    throw new KeywardenError('INSECURE_KEYCHAIN', 'Keywarden does not recognise this system\'s secret store, so it cannot tell whether it would really protect your keys. Use a passphrase instead.', { backend: backend.slice(0, 40) });
  }
  if (!(await options.safeStorage.isAsyncEncryptionAvailable())) {
    throw new KeywardenError('PROTECTOR_UNAVAILABLE', 'The OS keychain is not available right now. Unlock it (log in to your desktop session) or use your passphrase.');
  }
  return backend;
}

export function createOsKeychainProtector(options: OsKeychainOptions): KeyProtector {
  return {
    kind: 'os-keychain',
    async wrap(vaultKey) {
      const backend = await checkKeychainUsable(options);
      const wrapped = await options.safeStorage.encryptStringAsync(vaultKey.toString('base64'));
      return { wrapped, params: { backend } };
    },
    async unwrap(stored) {
      const backend = await checkKeychainUsable(options);
      if (stored.params['backend'] !== backend) {
        throw new KeywardenError('KEYCHAIN_CHANGED', `The vault key was protected by ${describeKeychain(String(stored.params['backend']))}, but this session uses ${describeKeychain(backend)}. Unlock with your passphrase instead.`);
      }
      let decrypted: { result: string; shouldReEncrypt: boolean };
      try {
        decrypted = await options.safeStorage.decryptStringAsync(stored.wrapped);
      } catch {
        throw new KeywardenError('PROTECTOR_UNAVAILABLE', 'The OS keychain could not open the vault key (was the keyring reset?). Unlock with your passphrase instead.');
      }
      const vaultKey = Buffer.from(decrypted.result, 'base64');
      if (vaultKey.length !== 32) {
        vaultKey.fill(0);
        throw new KeywardenError('PROTECTOR_UNAVAILABLE', 'The OS keychain returned something that is not the vault key. Unlock with your passphrase instead.');
      }
      return { vaultKey, rewrap: decrypted.shouldReEncrypt };
    },
  };
}
