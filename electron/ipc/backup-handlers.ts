/** Handlers of the backup channels (electron/ipc/backup-contract.ts): thin calls into core/backup. */
import { exportBackup, importBackup } from '../core/backup/backup-service';
import { importEnvFile } from '../core/backup/env-import';
import type { backupChannels } from './backup-contract';
import type { HandlerMap } from './handler-types';

export const backupHandlers: HandlerMap<keyof typeof backupChannels> = {
  'backup.export': (core, input, { actor }) => exportBackup(core, input, actor),
  'backup.import': (core, input, { actor }) => importBackup(core, input, actor),
  'backup.importEnv': (core, input, { actor }) => importEnvFile(core, input, actor),
};
