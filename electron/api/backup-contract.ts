/**
 * Contract channels for backups and imports. Pure zod, like contract.ts (the renderer imports it).
 * Passphrases only flow inward; outputs name files, labels and counts, never a key.
 *
 * A file is named by its path (the CLI: the person typed it in their own terminal) or by a handle
 * from backup.chooseFile. The app's window may only send a handle (`fromWindow`, enforced by
 * invokeChannel): the main process writes and reads only files its own dialog returned (issue 14).
 */
import { z } from 'zod';
import { BackupExportResult, ExposureSetting, ImportReport } from '../core/backup/backup-schema';
import { Passphrase } from '../core/vault/vault-schema';
import { channel } from './channel';

/** A path on this machine; relative paths are taken from the current folder of the core's process. */
export const FilePath = z.string().trim().min(1, 'must name a file').max(4096, 'is too long').refine((file) => !file.includes('\0'), 'must not contain a NUL character');

/** What a file is chosen for: it decides the system dialog (save or open), its title and its filters. */
export const FileChoicePurpose = z.enum(['backup-export', 'backup-import', 'env-import', 'audit-export']);
export type FileChoicePurpose = z.infer<typeof FileChoicePurpose>;

/** What the system dialog returned (main process only). */
export interface DialogChoice {
  /** The chosen file's full path; null when the user closed the dialog without choosing. */
  readonly file: string | null;
  /** A save dialog's file that exists: the dialog already asked whether to replace it, and the user said yes. */
  readonly replaceConfirmed: boolean;
}

export const FileChoice = z.object({
  /** The chosen file's full path, to show; null when the user closed the dialog without choosing. */
  file: z.string().nullable(),
  /** What names this file in the export or import that follows (one use, 10 minutes). */
  fileHandle: z.string().nullable(),
  /** A save dialog's file that exists: the dialog already asked whether to replace it, and the user said yes. */
  replaceConfirmed: z.boolean(),
});
export type FileChoice = z.infer<typeof FileChoice>;

/** A handle from backup.chooseFile. */
export const FileHandle = z.string().regex(/^[0-9a-f]{32}$/, 'must be a file handle from backup.chooseFile');

/** Exactly one way of naming the file. */
export const oneFile = [(input: { file?: string | undefined; fileHandle?: string | undefined }) => (input.file === undefined) !== (input.fileHandle === undefined), { message: 'must name the file once: by its path (file) or by a chosen file (fileHandle)' }] as const;

export const WINDOW_NAMES_FILES_BY_HANDLE = 'The Keywarden window can name a file only by choosing it in the system dialog (Choose…), which also asks before replacing one. Nothing was read or written.';

const exportFields = {
  /** The vault's own passphrase, typed for this export: writing out every key is a deliberate act. */
  vaultPassphrase: Passphrase,
  /** The new backup's passphrase. */
  passphrase: Passphrase,
};
const restoreFields = {
  passphrase: Passphrase,
  dryRun: z.boolean().default(false),
  /** Listener settings the backup widens that the person chose to apply (none by default). */
  applySettings: z.array(ExposureSetting).max(ExposureSetting.options.length).default([]),
};
const envFields = { dryRun: z.boolean().default(false) };
const newVaultRestoreFields = {
  /** The backup's passphrase. */
  passphrase: Passphrase,
  /** The new vault's passphrase; the backup's when left out. */
  vaultPassphrase: Passphrase.optional(),
  useOsKeychain: z.boolean().default(false),
};

export const backupChannels = {
  'backup.chooseFile': channel({
    access: 'any', activity: 'user',
    // Only the window has a system file dialog; the CLI names files as arguments.
    callers: ['ui'],
    callerRefusal: 'Choosing a file from a dialog needs the Keywarden desktop app. In the CLI, name the file as an argument.',
    input: z.strictObject({ purpose: FileChoicePurpose }),
    output: FileChoice,
    summary: 'Show the system dialog for choosing a backup or .env file (desktop app only; elsewhere the path is typed).',
  }),
  'backup.export': channel({
    access: 'unlocked', activity: 'user',
    input: z.strictObject({ file: FilePath.optional(), fileHandle: FileHandle.optional(), ...exportFields, overwrite: z.boolean().default(false) }).refine(...oneFile),
    // Replacing a file is the save dialog's question, answered in the handle.
    fromWindow: { input: z.strictObject({ fileHandle: FileHandle, ...exportFields, overwrite: z.literal(false).default(false) }), refusal: WINDOW_NAMES_FILES_BY_HANDLE },
    output: BackupExportResult,
    summary: 'Write every key (decrypted, then encrypted under a backup passphrase) and the settings to one backup file.',
  }),
  'backup.import': channel({
    access: 'unlocked', activity: 'user',
    input: z.strictObject({ file: FilePath.optional(), fileHandle: FileHandle.optional(), ...restoreFields }).refine(...oneFile),
    fromWindow: { input: z.strictObject({ fileHandle: FileHandle, ...restoreFields }), refusal: WINDOW_NAMES_FILES_BY_HANDLE },
    output: ImportReport,
    summary: 'Restore a backup file into this vault: all or nothing, duplicates skipped, nothing overwritten.',
  }),
  'backup.restoreIntoNewVault': channel({
    // There is no vault yet to unlock: the channel creates it, so it must work before any unlock.
    access: 'any', activity: 'user',
    input: z.strictObject({ file: FilePath.optional(), fileHandle: FileHandle.optional(), ...newVaultRestoreFields }).refine(...oneFile),
    fromWindow: { input: z.strictObject({ fileHandle: FileHandle, ...newVaultRestoreFields }), refusal: WINDOW_NAMES_FILES_BY_HANDLE },
    output: ImportReport,
    summary: 'First run: create the vault from a backup file (its passphrase opens the new vault unless another is given), then restore the backup into it.',
  }),
  'backup.importEnv': channel({
    access: 'unlocked', activity: 'user',
    input: z.strictObject({ file: FilePath.optional(), fileHandle: FileHandle.optional(), ...envFields }).refine(...oneFile),
    fromWindow: { input: z.strictObject({ fileHandle: FileHandle, ...envFields }), refusal: WINDOW_NAMES_FILES_BY_HANDLE },
    output: ImportReport,
    summary: 'Import the exchange keys of a .env file (BINANCE_API_KEY, BINANCE_API_SECRET, …): all or nothing.',
  }),
} as const;
