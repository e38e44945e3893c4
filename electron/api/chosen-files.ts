/**
 * Files the person chose in the system dialog, each behind a one-time handle. The app's window names
 * a file for an export or an import only by such a handle (issue 14): code in the renderer cannot
 * make the main process write every key to a folder of its choosing, or read a file it picked.
 *
 * A handle is 128 random bits, kept in this process only, valid for one purpose (the dialog it came
 * from) and for HANDLE_LIFETIME_MS. It is spent by the act it was chosen for; a check (dry run) or a
 * refused attempt (a mistyped passphrase) leaves it usable, so the person need not choose again.
 */
import { randomBytes } from 'node:crypto';
import { KeywardenError } from '../core/errors';
import type { FileChoice, FileChoicePurpose } from './backup-contract';
import type { FileChooser } from './handler-types';

/** Long enough to type two passphrases after choosing; short enough that a stray handle soon dies. */
export const HANDLE_LIFETIME_MS = 10 * 60_000;

/** A file behind a handle. */
export interface ChosenFile {
  readonly file: string;
  /** The save dialog asked whether to replace the existing file, and the person said yes. */
  readonly replaceConfirmed: boolean;
}

export interface ChosenFiles {
  /** Shows the system dialog; a chosen file comes back with its handle. */
  choose(purpose: FileChoicePurpose): Promise<FileChoice>;
  /** The file behind `handle`, chosen for `purpose`; refuses one unknown, expired, spent or chosen for another purpose. */
  file(handle: string, purpose: FileChoicePurpose): ChosenFile;
  /** The act the file was chosen for is done: its handle stops working. */
  spend(handle: string): void;
}

export function createChosenFiles(dialog: FileChooser, now: () => number): ChosenFiles {
  const chosen = new Map<string, ChosenFile & { readonly purpose: FileChoicePurpose; readonly expiresAt: number }>();
  const dropExpired = () => {
    for (const [handle, entry] of chosen) if (entry.expiresAt <= now()) chosen.delete(handle);
  };
  return {
    async choose(purpose) {
      const choice = await dialog(purpose);
      if (choice.file === null) return { file: null, fileHandle: null, replaceConfirmed: false };
      dropExpired();
      const handle = randomBytes(16).toString('hex');
      chosen.set(handle, { file: choice.file, replaceConfirmed: choice.replaceConfirmed, purpose, expiresAt: now() + HANDLE_LIFETIME_MS });
      return { file: choice.file, fileHandle: handle, replaceConfirmed: choice.replaceConfirmed };
    },
    file(handle, purpose) {
      dropExpired();
      const entry = chosen.get(handle);
      if (!entry || entry.purpose !== purpose) {
        throw new KeywardenError('FILE_HANDLE_INVALID', 'That file choice is no longer valid (it was used, or is more than 10 minutes old). Choose the file again.');
      }
      return { file: entry.file, replaceConfirmed: entry.replaceConfirmed };
    },
    spend(handle) {
      chosen.delete(handle);
    },
  };
}
