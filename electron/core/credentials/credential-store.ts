/**
 * Stores exchange credentials: metadata in `credentials`, each secret field sealed separately in
 * `credential_secrets`. `getDecrypted` is the only way to read a secret back, and only the code that
 * signs exchange requests calls it.
 */
import { randomInt } from 'node:crypto';
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { appendAudit } from '../audit/audit-log';
import type { AuditActor } from '../audit/audit-schema';
import type { Clock } from '../clock';
import { KeywardenError } from '../errors';
import type { CoreEvents } from '../events';
import { getExchangeInfo } from '../exchanges/exchange-catalog';
import type { OpenedDatabase } from '../store/database';
import { credentials, credentialSecrets, type CredentialRow } from '../store/schema';
import { open, seal } from '../vault/sealed-box';
import { credentialSecretContext } from '../vault/secret-context';
import type { Vault } from '../vault/vault';
import { keyFingerprint, maskedPreview } from './credential-display';
import { normaliseCredentialFields } from './credential-fields';
import {
  CreateCredentialInput,
  CredentialInfo,
  UpdateCredentialInput,
  fieldLabels,
  type CredentialFieldName,
} from './credential-schema';

export interface DecryptedCredential {
  readonly info: CredentialInfo;
  /** Plaintext fields. Use for one signed request and drop; never log, return or store. */
  readonly secrets: Readonly<Partial<Record<CredentialFieldName, string>>>;
}

const ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

export class CredentialStore {
  readonly #database: OpenedDatabase;
  readonly #vault: Vault;
  readonly #clock: Clock;
  readonly #events: CoreEvents;
  readonly #selectSecrets;
  readonly #selectRow;

  constructor(options: { database: OpenedDatabase; vault: Vault; clock: Clock; events: CoreEvents }) {
    this.#database = options.database;
    this.#vault = options.vault;
    this.#clock = options.clock;
    this.#events = options.events;
    // Prepared once: getDecrypted sits on the order-placement path.
    this.#selectRow = this.#db.select().from(credentials).where(eq(credentials.id, sql.placeholder('id'))).prepare();
    this.#selectSecrets = this.#db.select({ field: credentialSecrets.field, ciphertext: credentialSecrets.ciphertext }).from(credentialSecrets).where(eq(credentialSecrets.credentialId, sql.placeholder('id'))).prepare();
  }

  get #db() {
    return this.#database.db;
  }

  async create(rawInput: CreateCredentialInput, actor: AuditActor): Promise<CredentialInfo> {
    const input = CreateCredentialInput.parse(rawInput);
    this.#vault.requireKeyring();
    const exchange = await getExchangeInfo(input.provider);
    const { values, signingKind } = normaliseCredentialFields(exchange, input.fields);
    const identifyingField: CredentialFieldName = values.apiKey !== undefined ? 'apiKey' : exchange.fields[0] ?? 'apiKey';
    const identifyingValue = values[identifyingField] ?? '';
    // Encryption happens after the await above: take the keyring now, so a lock in between is seen.
    const keyring = this.#vault.requireKeyring();
    const fingerprint = keyFingerprint(keyring.fingerprintKey, identifyingValue);
    const now = this.#clock.now();

    const id = this.#db.transaction((tx) => {
      this.#vault.assertKeyCurrent(tx, keyring);
      const sameKey = tx.select({ id: credentials.id, label: credentials.label }).from(credentials).where(eq(credentials.fingerprint, fingerprint)).get();
      if (sameKey) {
        throw new KeywardenError('DUPLICATE_KEY', `This ${fieldLabels[identifyingField]} is already stored as "${sameKey.label}" (${sameKey.id}). Rotate that entry instead of adding it again.`, { existingId: sameKey.id });
      }
      this.#assertLabelFree(tx, input.label);
      const id = this.#newId(tx);
      const hasPrimary = tx.select({ id: credentials.id }).from(credentials).where(and(eq(credentials.provider, exchange.id), eq(credentials.environment, input.environment), eq(credentials.isPrimary, true))).get();
      const isPrimary = input.isPrimary ?? !hasPrimary;
      if (isPrimary && hasPrimary) tx.update(credentials).set({ isPrimary: false, updatedAt: now }).where(eq(credentials.id, hasPrimary.id)).run();
      tx.insert(credentials).values({
        id,
        kind: 'exchange',
        provider: exchange.id,
        label: input.label,
        environment: input.environment,
        isPrimary,
        status: 'unverified',
        fields: [...exchange.fields],
        signingKind,
        preview: maskedPreview(identifyingValue),
        fingerprint,
        createdAt: now,
        updatedAt: now,
      }).run();
      for (const field of exchange.fields) {
        const plaintext = Buffer.from(values[field] ?? '', 'utf8');
        tx.insert(credentialSecrets).values({ credentialId: id, field, ciphertext: seal(keyring.key, keyring.version, credentialSecretContext(id, field, keyring.version), plaintext) }).run();
        plaintext.fill(0);
      }
      appendAudit(tx, this.#clock, { actor, action: 'credential.create', subject: id, outcome: 'ok', details: { provider: exchange.id, label: input.label, environment: input.environment, fingerprint, signingKind } });
      return id;
    }, { behavior: 'immediate' });
    this.#events.emit('credentials.changed', { id, change: 'created' });
    return this.get(id);
  }

  list(): CredentialInfo[] {
    this.#vault.requireKeyring();
    return this.#db.select().from(credentials).orderBy(asc(credentials.provider), asc(credentials.createdAt)).all().map(toInfo);
  }

  /** By id or (case-insensitive) label. */
  get(ref: string): CredentialInfo {
    this.#vault.requireKeyring();
    return toInfo(this.#resolve(ref));
  }

  update(rawInput: UpdateCredentialInput, actor: AuditActor): CredentialInfo {
    const input = UpdateCredentialInput.parse(rawInput);
    this.#vault.requireKeyring();
    const now = this.#clock.now();
    const id = this.#db.transaction((tx) => {
      const row = this.#resolve(input.ref, tx);
      if (row.status === 'revoked' && (input.isPrimary || input.environment)) {
        throw new KeywardenError('CREDENTIAL_REVOKED', `"${row.label}" was revoked; it can be renamed or deleted, nothing else.`);
      }
      const changes: Partial<CredentialRow> = { updatedAt: now };
      const changed: string[] = [];
      if (input.label !== undefined && input.label !== row.label) {
        this.#assertLabelFree(tx, input.label, row.id);
        changes.label = input.label;
        changed.push('label');
      }
      if (input.environment !== undefined && input.environment !== row.environment) {
        changes.environment = input.environment;
        // The key was verified against the other environment; that result no longer says anything.
        changes.status = 'unverified';
        changes.isPrimary = false;
        changed.push('environment');
      }
      if (input.isPrimary !== undefined && input.isPrimary !== row.isPrimary) {
        if (input.isPrimary) {
          tx.update(credentials).set({ isPrimary: false, updatedAt: now })
            .where(and(eq(credentials.provider, row.provider), eq(credentials.environment, changes.environment ?? row.environment), ne(credentials.id, row.id))).run();
        }
        changes.isPrimary = input.isPrimary;
        changed.push('isPrimary');
      }
      if (changed.length === 0) return row.id;
      tx.update(credentials).set(changes).where(eq(credentials.id, row.id)).run();
      appendAudit(tx, this.#clock, { actor, action: 'credential.update', subject: row.id, outcome: 'ok', details: { changed: changed.join(','), label: changes.label ?? row.label } });
      return row.id;
    }, { behavior: 'immediate' });
    this.#events.emit('credentials.changed', { id, change: 'updated' });
    return this.get(id);
  }

  /** Deletes the row and its sealed secrets (overwritten on disk: secure_delete is on). */
  delete(ref: string, actor: AuditActor): { id: string; label: string } {
    this.#vault.requireKeyring();
    const deleted = this.#db.transaction((tx) => {
      const row = this.#resolve(ref, tx);
      tx.delete(credentialSecrets).where(eq(credentialSecrets.credentialId, row.id)).run();
      tx.delete(credentials).where(eq(credentials.id, row.id)).run();
      appendAudit(tx, this.#clock, { actor, action: 'credential.delete', subject: row.id, outcome: 'ok', details: { provider: row.provider, label: row.label, fingerprint: row.fingerprint } });
      return { id: row.id, label: row.label };
    }, { behavior: 'immediate' });
    // Old page images of the deleted secrets may still sit in the WAL; fold it into the file now.
    this.#database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    this.#events.emit('credentials.changed', { id: deleted.id, change: 'deleted' });
    return deleted;
  }

  /**
   * The plaintext fields of one credential, for signing an exchange request. The only way to get a
   * secret out of the vault. Refuses revoked credentials.
   */
  getDecrypted(id: string): DecryptedCredential {
    const keyring = this.#vault.requireKeyring();
    const row = this.#selectRow.get({ id });
    if (!row) throw notFound(id);
    if (row.status === 'revoked') throw new KeywardenError('CREDENTIAL_REVOKED', `"${row.label}" was revoked and can no longer be used.`);
    const secrets: Partial<Record<CredentialFieldName, string>> = {};
    for (const { field, ciphertext } of this.#selectSecrets.all({ id })) {
      const plaintext = open(keyring.key, credentialSecretContext(id, field, keyring.version), ciphertext, `${fieldLabels[field as CredentialFieldName] ?? field} of "${row.label}"`);
      secrets[field as CredentialFieldName] = plaintext.toString('utf8');
      plaintext.fill(0);
    }
    return { info: toInfo(row), secrets };
  }

  /** Counts one use of the key for a signed request (shown as "last used" and "use count"). */
  recordUse(id: string): void {
    const now = this.#clock.now();
    this.#db.update(credentials).set({ lastUsedAt: now, useCount: sql`${credentials.useCount} + 1` }).where(eq(credentials.id, id)).run();
  }

  #resolve(ref: string, tx: Pick<OpenedDatabase['db'], 'select'> = this.#db): CredentialRow {
    const trimmed = ref.trim();
    const byId = tx.select().from(credentials).where(eq(credentials.id, trimmed)).get();
    if (byId) return byId;
    const byLabel = tx.select().from(credentials).where(sql`lower(${credentials.label}) = lower(${trimmed.replace(/\s+/g, ' ')})`).get();
    if (byLabel) return byLabel;
    throw notFound(trimmed);
  }

  #assertLabelFree(tx: Pick<OpenedDatabase['db'], 'select'>, label: string, exceptId?: string): void {
    const taken = tx.select({ id: credentials.id }).from(credentials).where(sql`lower(${credentials.label}) = lower(${label})`).get();
    if (taken && taken.id !== exceptId) {
      throw new KeywardenError('DUPLICATE_LABEL', `Another credential is already called "${label}". Choose a different label.`, { field: 'label' });
    }
  }

  #newId(tx: Pick<OpenedDatabase['db'], 'select'>): string {
    for (;;) {
      let id = '';
      for (let i = 0; i < 10; i += 1) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
      if (!tx.select({ id: credentials.id }).from(credentials).where(eq(credentials.id, id)).get()) return id;
    }
  }
}

function toInfo(row: CredentialRow): CredentialInfo {
  return CredentialInfo.parse({
    id: row.id,
    kind: row.kind,
    provider: row.provider,
    label: row.label,
    environment: row.environment,
    isPrimary: row.isPrimary,
    status: row.status,
    fields: row.fields,
    signingKind: row.signingKind,
    preview: row.preview,
    fingerprint: row.fingerprint,
    permissions: row.permissions ?? null,
    lastVerifiedAt: row.lastVerifiedAt ?? null,
    lastUsedAt: row.lastUsedAt ?? null,
    useCount: row.useCount,
    expiresAt: row.expiresAt ?? null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    rotatedAt: row.rotatedAt ?? null,
  });
}

function notFound(ref: string): KeywardenError {
  return new KeywardenError('CREDENTIAL_NOT_FOUND', `No credential has the id or label "${ref.slice(0, 64)}". List them with keywarden list.`);
}
