/**
 * Contract channels for backups and imports. Pure zod, like contract.ts (the renderer imports it).
 * Passphrases only flow inward; outputs name files, labels and counts, never a key.
 */
import { z } from 'zod';
import { BackupExportResult, ImportReport } from '../core/backup/backup-schema';
import { Passphrase } from '../core/vault/vault-schema';
import { channel } from './channel';

/** A path on this machine; relative paths are taken from the current folder of the core's process. */
const FilePath = z.string().trim().min(1, 'must name a file').max(4096, 'is too long').refine((file) => !file.includes('\0'), 'must not contain a NUL character');

/** What a file is chosen for: it decides the system dialog (save or open), its title and its filters. */
export const FileChoicePurpose = z.enum(['backup-export', 'backup-import', 'env-import']);
export type FileChoicePurpose = z.infer<typeof FileChoicePurpose>;

export const FileChoice = z.object({
  /** The chosen file's full path; null when the user closed the dialog without choosing. */
  file: z.string().nullable(),
  /** A save dialog's file that exists: the dialog already asked whether to replace it, and the user said yes. */
  replaceConfirmed: z.boolean(),
});
export type FileChoice = z.infer<typeof FileChoice>;

export const backupChannels = {
  'backup.chooseFile': channel({
    input: z.strictObject({ purpose: FileChoicePurpose }),
    output: FileChoice,
    summary: 'Show the system dialog for choosing a backup or .env file (desktop app only; elsewhere the path is typed).',
  }),
  'backup.export': channel({
    input: z.strictObject({ file: FilePath, passphrase: Passphrase, overwrite: z.boolean().default(false) }),
    output: BackupExportResult,
    summary: 'Write every key (decrypted, then encrypted under a backup passphrase) and the settings to one backup file.',
  }),
  'backup.import': channel({
    input: z.strictObject({ file: FilePath, passphrase: Passphrase, dryRun: z.boolean().default(false) }),
    output: ImportReport,
    summary: 'Restore a backup file into this vault: all or nothing, duplicates skipped, nothing overwritten.',
  }),
  'backup.importEnv': channel({
    input: z.strictObject({ file: FilePath, dryRun: z.boolean().default(false) }),
    output: ImportReport,
    summary: 'Import the exchange keys of a .env file (BINANCE_API_KEY, BINANCE_API_SECRET, …): all or nothing.',
  }),
} as const;
