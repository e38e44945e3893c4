/** Records a backup export or an import in the audit log, whether it worked or was refused. */
import { recordAudit } from '../audit/audit-log';
import type { AuditActor } from '../audit/audit-schema';
import type { Clock } from '../clock';
import { isKeywardenError } from '../errors';
import type { OpenedDatabase } from '../store/database';

/** Refusals of the person's input (a wrong or missing passphrase, a taken file), not failures of Keywarden. */
const deniedCodes: ReadonlySet<string> = new Set(['BACKUP_WRONG_PASSPHRASE', 'WEAK_PASSPHRASE', 'BACKUP_EXISTS', 'WRONG_PASSPHRASE', 'PASSPHRASE_REQUIRED', 'UNLOCK_THROTTLED', 'PROTECTOR_NOT_FOUND']);

/**
 * Runs an export or import and records it in the audit log: its details when it worked, the error
 * code when it was refused. Never a path beyond the file name, never a secret. A body that returns
 * `details: null` recorded its success itself, inside the transaction of its changes.
 */
export async function audited<T>(
  deps: { readonly database: OpenedDatabase; readonly clock: Clock },
  actor: AuditActor,
  action: string,
  base: Record<string, string>,
  body: () => Promise<{ result: T; details: Record<string, string | number | boolean> | null }>,
): Promise<T> {
  try {
    const { result, details } = await body();
    if (details) recordAudit(deps.database.db, deps.clock, { actor, action, outcome: 'ok', details: { ...base, ...details } });
    return result;
  } catch (error) {
    const code = isKeywardenError(error) ? error.code : 'INTERNAL';
    const denied = deniedCodes.has(code);
    try {
      recordAudit(deps.database.db, deps.clock, { actor, action, outcome: denied ? 'denied' : 'error', details: { ...base, reason: code } });
    } catch {
      // The refusal itself is what the user must see.
    }
    throw error;
  }
}

