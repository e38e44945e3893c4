/**
 * The `credential_secrets` table: each secret field of a credential sealed on its own under the
 * vault key, its associated data binding it to the row, provider, environment, field and key
 * version (vault/secret-context.ts), so a blob copied elsewhere, or a provider changed in the
 * database, fails to open. A rotated-away key's fields are kept in the `retired:` slot for a day.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { OpenedDatabase } from '../store/database';
import { preparedPerHandle } from '../store/statement-cache';
import { credentials, credentialSecrets } from '../store/schema';
import { open, seal } from '../vault/sealed-box';
import { credentialSecretContext, type CredentialSecretOwner } from '../vault/secret-context';
import type { Keyring, SecretResealer } from '../vault/vault';
import type { RowReader, StoreTransaction } from './credential-rows';
import { fieldLabels, type CredentialFieldName } from './credential-schema';
import type { SecretValues } from './kinds/credential-kind';

/** Where a field is kept: the key in use, or the one a rotation replaced. */
export type SecretSlot = 'current' | 'retired';

/** A credential whose fields are opened: the owner in their context, and its label for a failure message. */
type LabelledOwner = CredentialSecretOwner & { readonly label: string };
type Writer = Pick<OpenedDatabase['db'], 'insert' | 'update' | 'delete'>;

const RETIRED_PREFIX = 'retired:';
const isRetired = sql`${credentialSecrets.field} LIKE 'retired:%'`;
const isCurrent = sql`${credentialSecrets.field} NOT LIKE 'retired:%'`;

// Opening the current fields sits on the order-placement path (see statement-cache.ts).
const currentBlobs = preparedPerHandle((db: RowReader) =>
  db.select({ field: credentialSecrets.field, ciphertext: credentialSecrets.ciphertext }).from(credentialSecrets)
    .where(and(eq(credentialSecrets.credentialId, sql.placeholder('id')), isCurrent)).prepare(),
);

export class CredentialSecrets implements SecretResealer {
  readonly #database: OpenedDatabase;

  constructor(database: OpenedDatabase) {
    this.#database = database;
  }

  /** Seals each of `values` for `owner` under the vault key, one row a field. */
  seal(tx: Writer, keyring: Keyring, owner: CredentialSecretOwner, values: SecretValues, slot: SecretSlot = 'current'): void {
    const prefix = slot === 'retired' ? RETIRED_PREFIX : '';
    for (const [field, value] of Object.entries(values)) {
      if (value === undefined) continue;
      const plaintext = Buffer.from(value, 'utf8');
      const stored = `${prefix}${field}`;
      tx.insert(credentialSecrets).values({ credentialId: owner.id, field: stored, ciphertext: seal(keyring.key, keyring.version, credentialSecretContext(owner, stored, keyring.version), plaintext) }).run();
      plaintext.fill(0);
    }
  }

  /**
   * The plaintext fields of `owner` in `slot` (none: an empty object). For one signed request, a
   * backup or a revocation check; never log, return or store them. Inside a transaction too.
   */
  open(keyring: Keyring, owner: LabelledOwner, slot: SecretSlot = 'current'): Partial<Record<CredentialFieldName, string>> {
    const db = this.#database.db;
    const blobs = slot === 'current'
      ? currentBlobs(db).all({ id: owner.id })
      : db.select({ field: credentialSecrets.field, ciphertext: credentialSecrets.ciphertext }).from(credentialSecrets).where(and(eq(credentialSecrets.credentialId, owner.id), isRetired)).all();
    const prefix = slot === 'retired' ? RETIRED_PREFIX : '';
    const values: Partial<Record<CredentialFieldName, string>> = {};
    for (const { field, ciphertext } of blobs) {
      const name = field.slice(prefix.length) as CredentialFieldName;
      const plaintext = open(keyring.key, credentialSecretContext(owner, field, keyring.version), ciphertext, `${fieldLabels[name] ?? name} of "${owner.label}"`);
      values[name] = plaintext.toString('utf8');
      plaintext.fill(0);
    }
    return values;
  }

  /** One current field of `owner`, the others left sealed; undefined when it has none. Same care as `open`. */
  openField(keyring: Keyring, owner: LabelledOwner, field: CredentialFieldName): string | undefined {
    const blob = this.#database.db.select({ ciphertext: credentialSecrets.ciphertext }).from(credentialSecrets)
      .where(and(eq(credentialSecrets.credentialId, owner.id), eq(credentialSecrets.field, field))).get();
    if (!blob) return undefined;
    const plaintext = open(keyring.key, credentialSecretContext(owner, field, keyring.version), blob.ciphertext, `${fieldLabels[field]} of "${owner.label}"`);
    try {
      return plaintext.toString('utf8');
    } finally {
      plaintext.fill(0);
    }
  }

  /** Destroys every field of the credential, the kept old key's too (overwritten on disk: secure_delete is on). */
  destroyAll(tx: Writer, credentialId: string): void {
    tx.delete(credentialSecrets).where(eq(credentialSecrets.credentialId, credentialId)).run();
  }

  /** Destroys the kept old key; returns how many fields it had. */
  destroyRetired(tx: Writer, credentialId: string): number {
    return tx.delete(credentialSecrets).where(and(eq(credentialSecrets.credentialId, credentialId), isRetired)).run().changes;
  }

  /** New settings for the same key: the current fields are replaced, a kept old key stays as it is. */
  replaceCurrent(tx: Writer, keyring: Keyring, owner: LabelledOwner, next: SecretValues): void {
    const kept = this.open(keyring, owner, 'retired');
    this.destroyAll(tx, owner.id);
    if (Object.keys(kept).length > 0) this.seal(tx, keyring, owner, kept, 'retired');
    this.seal(tx, keyring, owner, next, 'current');
  }

  /** A rotation: the current fields become the kept old key (replacing one kept before), `next` the current ones. */
  swap(tx: Writer, keyring: Keyring, owner: LabelledOwner, next: SecretValues): void {
    const old = this.open(keyring, owner, 'current');
    this.destroyAll(tx, owner.id);
    this.seal(tx, keyring, owner, old, 'retired');
    this.seal(tx, keyring, owner, next, 'current');
  }

  /** Provider and environment are in each field's context: a change re-seals every field (the kept old key's too). */
  resealForOwner(tx: StoreTransaction, keyring: Keyring, before: LabelledOwner, after: CredentialSecretOwner): void {
    const update = ciphertextUpdate(tx);
    const blobs = tx.select({ field: credentialSecrets.field, ciphertext: credentialSecrets.ciphertext }).from(credentialSecrets).where(eq(credentialSecrets.credentialId, before.id)).all();
    for (const { field, ciphertext } of blobs) {
      const resealed = reseal(ciphertext, { key: keyring.key, context: credentialSecretContext(before, field, keyring.version) }, { ...keyring, context: credentialSecretContext(after, field, keyring.version) }, `${field} of "${before.label}"`);
      update.run({ ciphertext: resealed, id: before.id, field });
    }
  }

  /** How many fields are sealed (the vault shows it while it wraps a new key). */
  count(): number {
    return this.#database.db.select({ n: sql<number>`count(*)` }).from(credentialSecrets).get()?.n ?? 0;
  }

  /** A vault-key rotation: re-seals every field under the new key, in the rotation's transaction. */
  resealAll(tx: StoreTransaction, from: Keyring, to: Pick<Keyring, 'key' | 'version'>, onEach: (done: number, total: number) => void): number {
    const update = ciphertextUpdate(tx);
    const secrets = tx.select({ id: credentialSecrets.credentialId, field: credentialSecrets.field, ciphertext: credentialSecrets.ciphertext, provider: credentials.provider, environment: credentials.environment })
      .from(credentialSecrets).innerJoin(credentials, eq(credentials.id, credentialSecrets.credentialId)).all();
    let done = 0;
    for (const secret of secrets) {
      const resealed = reseal(secret.ciphertext, { key: from.key, context: credentialSecretContext(secret, secret.field, from.version) }, { ...to, context: credentialSecretContext(secret, secret.field, to.version) }, `${secret.field} of credential ${secret.id}`);
      update.run({ ciphertext: resealed, id: secret.id, field: secret.field });
      done += 1;
      onEach(done, secrets.length);
    }
    return done;
  }

  /** Old page images of deleted secrets may still sit in the WAL; fold it into the file now. */
  flushDeletedPages(): void {
    this.#database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  }
}

/** One statement for the many fields a transaction re-seals. */
function ciphertextUpdate(tx: StoreTransaction) {
  return tx.update(credentialSecrets).set({ ciphertext: sql`${sql.placeholder('ciphertext')}` })
    .where(and(eq(credentialSecrets.credentialId, sql.placeholder('id')), eq(credentialSecrets.field, sql.placeholder('field')))).prepare();
}

function reseal(ciphertext: Buffer, from: { key: Buffer; context: string }, to: { key: Buffer; version: number; context: string }, what: string): Buffer {
  const plaintext = open(from.key, from.context, ciphertext, what);
  try {
    return seal(to.key, to.version, to.context, plaintext);
  } finally {
    plaintext.fill(0);
  }
}
