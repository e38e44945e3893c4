/**
 * The system file dialog for the Settings page's backup forms and the audit log's CSV export, shown over the Keywarden window
 * (a sheet on macOS). Backups default to a dated .kwbackup name; a .env file is a hidden file, so
 * the open dialog shows hidden files for it. Neither kind of file is added to the system's recent
 * documents: both hold keys (one encrypted, one in plain text).
 */
import type { OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { DialogChoice, FileChoicePurpose } from '../../api/backup-contract';
import type { FileChooser } from '../../api/handler-types';
import type { AppWindow } from '../security/app-window';

/** Electron's `dialog.showSaveDialog` / `showOpenDialog`, with the parent window when there is one. */
export interface FileDialogs {
  save(parent: AppWindow | undefined, options: SaveDialogOptions): Promise<{ readonly canceled: boolean; readonly filePath: string }>;
  open(parent: AppWindow | undefined, options: OpenDialogOptions): Promise<{ readonly canceled: boolean; readonly filePaths: readonly string[] }>;
}

export interface NativeFileChooserOptions {
  readonly dialogs: FileDialogs;
  /** The Keywarden window, if open (the dialog is attached to it). */
  readonly window: () => AppWindow | undefined;
  readonly fileExists: (file: string) => boolean;
  readonly now: () => Date;
}

const BACKUP_FILTERS = [
  { name: 'Keywarden backup', extensions: ['kwbackup'] },
  { name: 'All files', extensions: ['*'] },
];

export function createNativeFileChooser(options: NativeFileChooserOptions): FileChooser {
  return async (purpose: FileChoicePurpose): Promise<DialogChoice> => {
    const window = options.window();
    const parent = window && !window.isDestroyed() ? window : undefined;
    if (purpose === 'backup-export') {
      const chosen = await options.dialogs.save(parent, {
        title: 'Write a Keywarden backup',
        buttonLabel: 'Choose',
        defaultPath: `keywarden-${isoDate(options.now())}.kwbackup`,
        filters: BACKUP_FILTERS,
        properties: ['createDirectory', 'showOverwriteConfirmation', 'dontAddToRecent'],
      });
      if (chosen.canceled || chosen.filePath === '') return { file: null, replaceConfirmed: false };
      // Every platform's save dialog asks before choosing an existing file (macOS and Windows always,
      // Linux with showOverwriteConfirmation): an existing file here is one the user agreed to replace.
      return { file: chosen.filePath, replaceConfirmed: options.fileExists(chosen.filePath) };
    }
    if (purpose === 'audit-export') {
      const chosen = await options.dialogs.save(parent, {
        title: 'Export the audit log',
        buttonLabel: 'Export',
        defaultPath: `keywarden-audit-${isoDate(options.now())}.csv`,
        filters: [{ name: 'CSV', extensions: ['csv'] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      if (chosen.canceled || chosen.filePath === '') return { file: null, replaceConfirmed: false };
      return { file: chosen.filePath, replaceConfirmed: options.fileExists(chosen.filePath) };
    }
    const chosen = await options.dialogs.open(parent, purpose === 'backup-import'
      ? { title: 'Restore a Keywarden backup', buttonLabel: 'Choose', filters: BACKUP_FILTERS, properties: ['openFile', 'dontAddToRecent'] }
      : { title: 'Import keys from a .env file', buttonLabel: 'Choose', properties: ['openFile', 'showHiddenFiles', 'dontAddToRecent'] });
    const [file] = chosen.filePaths;
    if (chosen.canceled || file === undefined) return { file: null, replaceConfirmed: false };
    return { file, replaceConfirmed: false };
  };
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
