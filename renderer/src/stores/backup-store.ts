/**
 * Backups and imports, for the Settings page: write an encrypted backup, restore one, import a .env
 * file. The passphrases only pass through (never kept in state); after a real import the key list is
 * refreshed, since the import adds keys in one transaction.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { callChannel } from '../api/call-channel';
import type { ActionResult, ChannelInput, ChannelOutput, KeywardenApi } from '../api/contract-types';
import type { CredentialsStore } from './credentials-store';

export type BackupExportResult = ChannelOutput<'backup.export'>;
export type ImportReport = ChannelOutput<'backup.import'>;
export type FileChoice = ChannelOutput<'backup.chooseFile'>;
export type FileChoicePurpose = ChannelInput<'backup.chooseFile'>['purpose'];
/** A listener setting a backup would widen, which a restore applies only when chosen. */
export type ExposureSetting = ImportReport['listenerExposure'][number]['setting'];

export interface BackupState {
  /** The system's file dialog (desktop app): a chosen file comes with the one-time handle the other calls take; FILE_CHOOSER_UNAVAILABLE elsewhere. */
  chooseFile(input: ChannelInput<'backup.chooseFile'>): Promise<ActionResult<FileChoice>>;
  exportBackup(input: ChannelInput<'backup.export'>): Promise<ActionResult<BackupExportResult>>;
  importBackup(input: ChannelInput<'backup.import'>): Promise<ActionResult<ImportReport>>;
  importEnv(input: ChannelInput<'backup.importEnv'>): Promise<ActionResult<ImportReport>>;
  /** First run: creates the vault from a backup (it opens unlocked; the vault store learns it from its status). */
  restoreIntoNewVault(input: ChannelInput<'backup.restoreIntoNewVault'>): Promise<ActionResult<ImportReport>>;
}

export type BackupStore = StoreApi<BackupState>;

export function createBackupStore(api: KeywardenApi, credentials: CredentialsStore): BackupStore {
  const afterImport = async (result: ActionResult<ImportReport>): Promise<ActionResult<ImportReport>> => {
    if (result.ok && !result.value.dryRun && result.value.imported + result.value.renamed > 0) await credentials.getState().refresh();
    return result;
  };
  return createStore<BackupState>()(() => ({
    chooseFile: (input) => callChannel(api, 'backup.chooseFile', input),
    exportBackup: (input) => callChannel(api, 'backup.export', input),
    importBackup: async (input) => afterImport(await callChannel(api, 'backup.import', input)),
    importEnv: async (input) => afterImport(await callChannel(api, 'backup.importEnv', input)),
    restoreIntoNewVault: (input) => callChannel(api, 'backup.restoreIntoNewVault', input),
  }));
}
