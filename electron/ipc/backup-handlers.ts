/** Handlers of the backup channels (electron/ipc/backup-contract.ts): thin calls into core/backup. */
import { exportBackup, importBackup } from '../core/backup/backup-service';
import { importEnvFile } from '../core/backup/env-import';
import { KeywardenError } from '../core/errors';
import type { backupChannels } from './backup-contract';
import type { HandlerMap } from './handler-types';

export const backupHandlers: HandlerMap<keyof typeof backupChannels> = {
  // Choosing changes nothing, so nothing is audited: the export or import that follows is.
  'backup.chooseFile': (_core, input, { chooseFile }) => {
    if (!chooseFile) throw new KeywardenError('FILE_CHOOSER_UNAVAILABLE', 'Choosing a file from a dialog needs the Keywarden desktop app. Type the file\'s full path instead.');
    return chooseFile(input.purpose);
  },
  'backup.export': (core, input, { actor }) => exportBackup(core, input, actor),
  'backup.import': (core, input, { actor }) => importBackup(core, input, actor),
  'backup.importEnv': (core, input, { actor }) => importEnvFile(core, input, actor),
};
