/** The .env import as a core service, over the core's own modules. */
import type { AuditActor } from '../audit/audit-schema';
import type { BackupDependencies } from '../backup/backup-service';
import { importEnvFile } from './env-import';

export class EnvImporter {
  readonly #deps: BackupDependencies;

  constructor(deps: BackupDependencies) {
    this.#deps = deps;
  }

  import(request: { file: string; dryRun: boolean }, actor: AuditActor) {
    return importEnvFile(this.#deps, request, actor);
  }
}
