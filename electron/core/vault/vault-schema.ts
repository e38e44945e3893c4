/** The shapes of vault state and requests. Pure zod: the IPC contract imports this file. */
import { z } from 'zod';

export const ProtectorKind = z.enum(['passphrase', 'os-keychain']);
export type ProtectorKind = z.infer<typeof ProtectorKind>;

/** Passphrases travel inward only (renderer/CLI → core) and are never returned or stored. */
export const Passphrase = z.string().min(1, 'must not be empty').max(1024, 'must be at most 1024 characters');

export const VaultStatus = z.object({
  initialized: z.boolean(),
  locked: z.boolean(),
  keyVersion: z.number().int().nullable(),
  protectors: z.array(z.object({ kind: ProtectorKind, description: z.string(), createdAt: z.number() })),
  autoLockMinutes: z.number().int(),
  /** null where there is no OS keychain (the CLI). */
  osKeychain: z.object({ available: z.boolean(), description: z.string() }).nullable(),
});
export type VaultStatus = z.infer<typeof VaultStatus>;
