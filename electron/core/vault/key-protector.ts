/**
 * A KeyProtector wraps the vault key (VK) for storage and unwraps it at unlock. The passphrase and
 * the OS keychain are protectors; the VK itself never touches the disk unwrapped.
 */
import type { ProtectorKind } from './vault-schema';

/** What a protector stores next to the wrapped key: enough to unwrap it later (salt, KDF cost, backend). */
export type ProtectorParams = Readonly<Record<string, string | number>>;

export interface WrappedKey {
  readonly wrapped: Buffer;
  readonly params: ProtectorParams;
}

export interface KeyProtector {
  readonly kind: ProtectorKind;
  /** Wraps `vaultKey` (version `keyVersion`). */
  wrap(vaultKey: Buffer, keyVersion: number): Promise<WrappedKey>;
  /**
   * Unwraps a key wrapped earlier. `rewrap` is set when the protector wants the key wrapped again
   * (stronger KDF parameters, a rotated OS key).
   */
  unwrap(stored: WrappedKey, keyVersion: number): Promise<{ vaultKey: Buffer; rewrap: boolean }>;
}
