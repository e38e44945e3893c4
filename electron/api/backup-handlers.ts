/** Handlers of the backup channels (electron/api/backup-contract.ts): thin calls into core/backup. */
import { KeywardenError } from '../core/errors';
import type { FileChoicePurpose, backupChannels } from './backup-contract';
import type { CallContext, HandlerMap } from './handler-types';

export const backupHandlers: HandlerMap<keyof typeof backupChannels> = {
  // Choosing changes nothing, so nothing is audited: the export or import that follows is.
  'backup.chooseFile': (_core, input, { files }) => {
    if (!files) throw new KeywardenError('FILE_CHOOSER_UNAVAILABLE', 'Choosing a file from a dialog needs the Keywarden desktop app. In the CLI, name the file as an argument.');
    return files.choose(input.purpose);
  },
  'backup.export': (core, input, context) =>
    withNamedFile(input, context, 'backup-export', true, ({ file, replaceConfirmed }) => core.backups.export({ file, vaultPassphrase: input.vaultPassphrase, passphrase: input.passphrase, overwrite: input.overwrite || replaceConfirmed }, context.actor)),
  'backup.import': (core, input, context) =>
    withNamedFile(input, context, 'backup-import', !input.dryRun, ({ file }) => core.backups.restore({ file, passphrase: input.passphrase, dryRun: input.dryRun, applySettings: input.applySettings }, context.actor)),
  'backup.restoreIntoNewVault': (core, input, context) =>
    withNamedFile(input, context, 'backup-import', true, ({ file }) => core.backups.restoreIntoNewVault({ file, passphrase: input.passphrase, vaultPassphrase: input.vaultPassphrase, useOsKeychain: input.useOsKeychain }, context.actor)),
  'backup.importEnv': (core, input, context) =>
    withNamedFile(input, context, 'env-import', !input.dryRun, ({ file }) => core.envImporter.import({ file, dryRun: input.dryRun }, context.actor)),
};

/**
 * Runs `act` on the file the input names: a typed path (CLI), or a file chosen in the dialog, whose
 * handle is spent once the act it was chosen for succeeded (`spends`: not by a check).
 */
export async function withNamedFile<T>(
  input: { readonly file?: string | undefined; readonly fileHandle?: string | undefined },
  context: CallContext,
  purpose: FileChoicePurpose,
  spends: boolean,
  act: (chosen: { file: string; replaceConfirmed: boolean }) => Promise<T>,
): Promise<T> {
  if (input.fileHandle === undefined) return act({ file: input.file ?? '', replaceConfirmed: false });
  if (!context.files) throw new KeywardenError('FILE_HANDLE_INVALID', 'That file choice is no longer valid. Choose the file again.');
  const result = await act(context.files.file(input.fileHandle, purpose));
  if (spends) context.files.spend(input.fileHandle);
  return result;
}
