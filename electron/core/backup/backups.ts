/** Backups as a core service: the export and restore of backup-service.ts over the core's own modules. */
import type { AuditActor } from '../audit/audit-schema';
import type { ExposureSetting } from './backup-schema';
import { exportBackup, importBackup, type BackupDependencies } from './backup-service';
import { restoreIntoNewVault, type NewVaultRestoreRequest } from './first-run-restore';

export class Backups {
  readonly #deps: BackupDependencies;

  constructor(deps: BackupDependencies) {
    this.#deps = deps;
  }

  export(request: { file: string; vaultPassphrase: string; passphrase: string; overwrite: boolean }, actor: AuditActor) {
    return exportBackup(this.#deps, request, actor);
  }

  restore(request: { file: string; passphrase: string; dryRun: boolean; applySettings?: readonly ExposureSetting[] | undefined }, actor: AuditActor) {
    return importBackup(this.#deps, request, actor);
  }

  /** First run: creates the vault from a backup (first-run-restore.ts). */
  restoreIntoNewVault(request: NewVaultRestoreRequest, actor: AuditActor) {
    return restoreIntoNewVault(this.#deps, request, actor);
  }
}
