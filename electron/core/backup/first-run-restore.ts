/**
 * First run on a new computer: create the vault from a backup, instead of an empty vault first. The
 * backup is opened before any vault exists, so a wrong passphrase or a damaged file leaves the data
 * folder as it was (still empty, the first-run screen still offered). The new vault is protected by the
 * passphrase given for it, or else by the backup's own (the person already knows it), and then the
 * backup is restored into it by the one restore path (importBackup): same rules, same audit record.
 */
import type { AuditActor } from '../audit/audit-schema';
import { KeywardenError } from '../errors';
import { MAX_BACKUP_BYTES, decodeBackup } from './backup-format';
import type { ImportReport } from './backup-schema';
import { importBackup, type BackupDependencies } from './backup-service';
import { readUserFile, resolveUserFile } from './user-file';

export interface NewVaultRestoreRequest {
  readonly file: string;
  /** The backup's passphrase. */
  readonly passphrase: string;
  /** The new vault's passphrase; the backup's when left out. */
  readonly vaultPassphrase?: string | undefined;
  readonly useOsKeychain: boolean;
}

export async function restoreIntoNewVault(deps: BackupDependencies, request: NewVaultRestoreRequest, actor: AuditActor): Promise<ImportReport> {
  if ((await deps.vault.status()).initialized) {
    throw new KeywardenError('VAULT_ALREADY_INITIALIZED', 'This data folder already has a vault. Unlock it, then restore the backup from Settings. Nothing was changed.');
  }
  const file = resolveUserFile(request.file);
  const bytes = readUserFile(file, MAX_BACKUP_BYTES, () => new KeywardenError('BACKUP_INVALID', `${file} is far too large to be a Keywarden backup. Nothing was changed.`));
  // Opened here only to prove the passphrase and the file before a vault exists; importBackup reads it again.
  (await decodeBackup(bytes, request.passphrase)).fill(0);
  await deps.vault.init({ passphrase: request.vaultPassphrase ?? request.passphrase, useOsKeychain: request.useOsKeychain }, actor);
  return importBackup(deps, { file, passphrase: request.passphrase, dryRun: false }, actor);
}
