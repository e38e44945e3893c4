/**
 * Older versions cut the preview of a key without an API key from its first field, which for the
 * wallet-signing and secret-only exchanges (Hyperliquid, Paradex, Aster, Blockchain.com, Cryptomus,
 * …) is a private key or a secret: some of its characters sat unencrypted in the database and were
 * shown. At every unlock, each key whose preview field is not its fingerprint field (the only keys
 * that rule got wrong) is given the preview the current rule makes, from its wallet address or
 * user ID, or none; those that differ are written in one transaction, audited once, and the
 * database's log is folded in so the old text leaves the disk. Once done, nothing differs: a later
 * unlock writes nothing.
 *
 * The preview is not in the row's MAC, so no MAC changes. The fingerprint stays: it is keyed, so
 * the secret it was taken from is safe, and duplicate detection and the key history keep matching.
 */
import { eq } from 'drizzle-orm';
import { appendAudit } from '../audit/audit-log';
import { isKeywardenError } from '../errors';
import { credentials } from '../store/schema';
import type { Keyring } from '../vault/vault';
import { keyPreview } from './credential-display';
import type { CredentialModuleContext, RowReader } from './credential-rows';
import type { CredentialFieldName } from './credential-schema';
import type { CredentialSecrets } from './credential-secrets';
import { credentialKindOf } from './kinds/credential-kinds';

/** Rewrites every preview the current rule would not have made; returns how many. Needs the vault unlocked. */
export function rewriteSecretPreviews(context: Pick<CredentialModuleContext, 'database' | 'vault' | 'clock' | 'events' | 'secrets'>): number {
  const { database, vault, clock, events, secrets } = context;
  const keyring = vault.requireKeyring();
  // Read first without the write lock: at nearly every unlock there is nothing to do.
  if (previewsToRewrite(database.db, keyring, secrets).length === 0) return 0;
  const rewritten = database.db.transaction((tx) => {
    const due = previewsToRewrite(tx, keyring, secrets);
    for (const { id, preview } of due) tx.update(credentials).set({ preview }).where(eq(credentials.id, id)).run();
    if (due.length > 0) appendAudit(tx, clock, { actor: 'system', action: 'credentials.previewsRewritten', outcome: 'ok', details: { count: due.length } });
    return due;
  }, { behavior: 'immediate' });
  if (rewritten.length === 0) return 0;
  secrets.flushDeletedPages();
  for (const { id } of rewritten) events.emit('credentials.changed', { id, change: 'updated' });
  return rewritten.length;
}

function previewsToRewrite(reader: RowReader, keyring: Keyring, secrets: CredentialSecrets): { id: string; preview: string }[] {
  const rows = reader.select({ id: credentials.id, label: credentials.label, provider: credentials.provider, environment: credentials.environment, fields: credentials.fields, preview: credentials.preview }).from(credentials).all();
  const due: { id: string; preview: string }[] = [];
  for (const row of rows) {
    const { fingerprintField, previewField } = credentialKindOf(row.provider).keyIdentity(row.fields as CredentialFieldName[]);
    if (previewField === fingerprintField) continue;
    const preview = keyPreview(previewField === undefined ? undefined : publicValue(keyring, secrets, row, previewField));
    if (preview !== row.preview) due.push({ id: row.id, preview });
  }
  return due;
}

/**
 * The preview field's value; undefined when it cannot be opened (its provider or environment was
 * changed outside Keywarden: the row is in alarm), so the preview shows no characters rather than
 * keep a secret's.
 */
function publicValue(keyring: Keyring, secrets: CredentialSecrets, owner: { id: string; label: string; provider: string; environment: string }, field: CredentialFieldName): string | undefined {
  try {
    return secrets.openField(keyring, owner, field);
  } catch (error) {
    if (isKeywardenError(error, 'DECRYPT_FAILED')) return undefined;
    throw error;
  }
}
