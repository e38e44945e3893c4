/**
 * Re-seals every credential secret from the context without provider and environment to the one
 * with them (secret-context.ts), once, at the first unlock after the upgrade, in the caller's
 * transaction. A settings marker says it was done: from then on only the new context is tried, so
 * a provider changed in the database can never open the key again. A blob that already opens
 * under the new context (an upgrade interrupted by nothing: the transaction is all or nothing, but
 * a marker deleted from outside) is left as it is.
 */
import type { Db, OpenedDatabase } from '../store/database';
import { secretContextVersionSetting } from '../store/settings-registry';
import { readSetting, writeSetting } from '../store/settings-store';
import { open, seal } from '../vault/sealed-box';
import { credentialSecretContext, legacyCredentialSecretContext } from '../vault/secret-context';
import type { Keyring } from '../vault/vault';
import { isKeywardenError } from '../errors';

const CURRENT_VERSION = 2;

type Tx = Pick<Db, 'select' | 'insert'>;

interface SecretRow {
  readonly rowid: number;
  readonly credentialId: string;
  readonly field: string;
  readonly ciphertext: Buffer;
  readonly provider: string;
  readonly environment: string;
}

/**
 * Returns how many secrets were re-sealed (0 when already done). `sqlite` is the connection `tx`
 * runs on (better-sqlite3 has one: its statements run inside the transaction).
 */
export function upgradeSecretContexts(tx: Tx, sqlite: OpenedDatabase['sqlite'], keyring: Keyring, now: number): number {
  if (readSetting(tx, secretContextVersionSetting) >= CURRENT_VERSION) return 0;
  const connection = sqlite;
  const rows = connection.prepare(`
    SELECT s.rowid AS rowid, s.credential_id AS credentialId, s.field AS field, s.ciphertext AS ciphertext, c.provider AS provider, c.environment AS environment
    FROM credential_secrets s JOIN credentials c ON c.id = s.credential_id
  `).all() as SecretRow[];
  const update = connection.prepare('UPDATE credential_secrets SET ciphertext = ? WHERE rowid = ?');
  let resealed = 0;
  for (const row of rows) {
    const owner = { id: row.credentialId, provider: row.provider, environment: row.environment };
    const context = credentialSecretContext(owner, row.field, keyring.version);
    if (opens(keyring.key, context, row.ciphertext)) continue;
    const plaintext = open(keyring.key, legacyCredentialSecretContext(row.credentialId, row.field, keyring.version), row.ciphertext, `${row.field} of credential ${row.credentialId}`);
    update.run(seal(keyring.key, keyring.version, context, plaintext), row.rowid);
    plaintext.fill(0);
    resealed += 1;
  }
  writeSetting(tx, secretContextVersionSetting, CURRENT_VERSION, now);
  return resealed;
}

function opens(key: Buffer, context: string, blob: Buffer): boolean {
  try {
    open(key, context, blob, 'secret').fill(0);
    return true;
  } catch (error) {
    if (isKeywardenError(error, 'DECRYPT_FAILED')) return false;
    throw error;
  }
}
