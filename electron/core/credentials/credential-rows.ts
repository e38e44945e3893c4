/**
 * The `credentials` rows as the credential modules share them: finding one by id or label, the
 * label and id rules, the MAC every write of a row ends with, and the row as the rest of the app
 * sees it (CredentialInfo). A row changed outside Keywarden shows as disabled and is never used.
 */
import { effectiveExpiry } from '../../shared/expiry-date';
import { and, eq, sql } from 'drizzle-orm';
import type { Clock } from '../clock';
import { KeywardenError } from '../errors';
import type { CoreEvents } from '../events';
import type { RowGuard } from '../integrity/integrity-guard';
import { rememberedMacMatches } from '../integrity/remembered-mac';
import { credentialMacFields, protectedRow, rowMac } from '../integrity/row-integrity';
import type { OpenedDatabase } from '../store/database';
import { freeLabel } from '../store/free-label';
import { preparedPerHandle, preparedUpdate } from '../store/statement-cache';
import { isRandomId, randomId } from '../store/random-id';
import { credentials, type CredentialRow } from '../store/schema';
import { CachedSetting } from '../store/settings-store';
import type { Vault } from '../vault/vault';
import type { AlwaysApprovals } from './always-approvals';
import type { CredentialSecrets } from './credential-secrets';
import { fieldLabels, type CredentialFieldName, type CredentialInfo, type Environment } from './credential-schema';
import { readCredentialSettings } from './credential-settings';
import type { PreparedFields } from './field-preparer';

export type StoreTransaction = Parameters<Parameters<OpenedDatabase['db']['transaction']>[0]>[0];
export type RowReader = Pick<OpenedDatabase['db'], 'select'>;

/** What each credential module is built from (credential-modules.ts builds them). */
export interface CredentialModuleContext {
  readonly database: OpenedDatabase;
  readonly vault: Vault;
  readonly clock: Clock;
  readonly events: CoreEvents;
  readonly rows: CredentialRows;
  readonly secrets: CredentialSecrets;
  /** Programs allowed to read a key always: forgotten in the transaction that revokes, rotates or deletes it. */
  readonly alwaysApprovals: AlwaysApprovals;
}

// Every alert and order resolves its account (see statement-cache.ts).
const credentialById = preparedPerHandle((db: RowReader) => db.select().from(credentials).where(eq(credentials.id, sql.placeholder('id'))).prepare());
const writeMac = preparedUpdate(credentials, credentials.id);
const credentialByLabel = preparedPerHandle((db: RowReader) => db.select().from(credentials).where(sql`lower(${credentials.label}) = lower(${sql.placeholder('label')})`).prepare());

export class CredentialRows {
  readonly #db: OpenedDatabase['db'];
  readonly #vault: Vault;
  readonly #clock: Clock;
  readonly #integrity: RowGuard;
  /** The rotation reminder age, needed for every CredentialInfo (also on the signing path). */
  readonly #settings: CachedSetting<ReturnType<typeof readCredentialSettings>>;

  constructor(options: { database: OpenedDatabase; vault: Vault; clock: Clock; integrity: RowGuard }) {
    this.#db = options.database.db;
    this.#vault = options.vault;
    this.#clock = options.clock;
    this.#integrity = options.integrity;
    this.#settings = new CachedSetting(() => readCredentialSettings(this.#db, options.integrity), options.clock);
  }

  /** The credential settings were written (settings page, backup restore): forget what was cached. */
  settingsChanged(): void {
    this.#settings.invalidate();
  }

  /** One credential as listed and shown, by id or (case-insensitive) label. Needs the vault unlocked. */
  info(ref: string): CredentialInfo {
    this.#vault.requireKeyring();
    return this.infoMapper()(this.resolve(ref));
  }

  /** The row, by id or (case-insensitive) label; CREDENTIAL_NOT_FOUND otherwise. */
  resolve(ref: string, tx: RowReader = this.#db): CredentialRow {
    const trimmed = ref.trim();
    const byId = credentialById(tx).get({ id: trimmed });
    if (byId) return byId;
    const byLabel = credentialByLabel(tx).get({ label: trimmed.replace(/\s+/g, ' ') });
    if (byLabel) return byLabel;
    throw credentialNotFound(trimmed);
  }

  /** The row with this id, through the statement prepared for the signing path. */
  byId(id: string): CredentialRow | undefined {
    return credentialById(this.#db).get({ id });
  }

  /**
   * Rows changed outside Keywarden show as disabled, and keys past their expiry date as expired:
   * the risk gate trades only active keys.
   */
  infoMapper(): (row: CredentialRow) => CredentialInfo {
    const settings = this.#settings.get();
    const now = this.#clock.now();
    const rotationCutoff = now - settings.rotationReminderDays * 86_400_000;
    return (row) => {
      const info = toInfo(row, settings.rotationReminderDays > 0 && row.status !== 'revoked' && (row.rotatedAt ?? row.createdAt) <= rotationCutoff);
      if (!this.#intact(row)) return { ...info, status: 'disabled' };
      return hasExpired(row, now) && (info.status === 'active' || info.status === 'unverified' || info.status === 'invalid') ? { ...info, status: 'expired' } : info;
    };
  }

  /** A key whose row was changed outside Keywarden is never decrypted, released or changed (but may be revoked or deleted). */
  assertIntact(row: CredentialRow): void {
    if (!this.#intact(row)) {
      throw new KeywardenError('INTEGRITY_ALARM', `The key "${row.label}" was changed outside Keywarden, so it cannot be used. Delete or revoke it, or acknowledge the integrity alarm.`);
    }
  }

  /**
   * MACs a credential row as just written (every write of its protected fields ends here). Called
   * inside the writer's transaction; runs on the root handle's prepared queries, which share that
   * transaction's connection (statement-cache.ts), so a verify-all does not build them twenty times.
   */
  mac(id: string): void {
    const row = credentialById(this.#db).get({ id });
    if (!row) return;
    writeMac(this.#db, id, { integrityMac: rowMac(this.#integrity.rowsKey(), 'credentials', id, credentialMacFields(row)) });
    this.#integrity.rowWritten();
  }

  /** A row was deleted: a key in alarm that is deleted is reviewed, so its alarm clears. */
  rowDeleted(): void {
    this.#integrity.rowWritten();
  }

  assertLabelFree(tx: RowReader, label: string, exceptId?: string): void {
    const taken = this.#labelOwner(tx, label);
    if (taken && taken.id !== exceptId) {
      throw new KeywardenError('DUPLICATE_LABEL', `Another credential is already called "${label}". Choose a different label.`, { field: 'label' });
    }
  }

  /** `label`, or the first free "label (suffix)", "label (suffix 2)", … within the 64-character limit. */
  freeLabel(tx: RowReader, label: string, suffix: string): string {
    return freeLabel(label, suffix, (candidate) => this.#labelOwner(tx, candidate) !== undefined);
  }

  /** The credential that already holds this key (same fingerprint, revoked ones included), if any. */
  holderOf(tx: RowReader, fingerprint: string): { id: string; label: string } | undefined {
    return tx.select({ id: credentials.id, label: credentials.label }).from(credentials).where(eq(credentials.fingerprint, fingerprint)).get();
  }

  /** The same key may not be stored twice: rotating that entry is what the user wants. */
  assertNotStored(tx: RowReader, prepared: PreparedFields, exceptId?: string): void {
    const sameKey = this.holderOf(tx, prepared.fingerprint);
    if (sameKey && sameKey.id !== exceptId) {
      throw new KeywardenError('DUPLICATE_KEY', `This ${fieldLabels[prepared.fingerprintField]} is already stored as "${sameKey.label}" (${sameKey.id}). Rotate that entry instead of adding it again.`, { existingId: sameKey.id });
    }
  }

  /** `wanted` (the id a key had in a backup) when it is a valid id and free here; otherwise a new random one. */
  freeId(tx: RowReader, wanted?: string): string {
    if (wanted !== undefined && isRandomId(wanted) && !this.#idTaken(tx, wanted)) return wanted;
    for (;;) {
      const id = randomId();
      if (!this.#idTaken(tx, id)) return id;
    }
  }

  /** The primary credential of this provider and environment, if there is one. */
  primaryOf(tx: RowReader, provider: string, environment: Environment): string | undefined {
    return tx.select({ id: credentials.id }).from(credentials).where(and(eq(credentials.provider, provider), eq(credentials.environment, environment), eq(credentials.isPrimary, true))).get()?.id;
  }

  /** Whether the row's MAC holds; when it does not, the alarm is raised. Needs the vault unlocked. */
  #intact(row: CredentialRow): boolean {
    // Read several times an order (issue 22): a row verified before, byte for byte, is answered from memory.
    if (rememberedMacMatches(this.#integrity.rowsKey(), 'credentials', row.id, credentialMacFields(row), row.integrityMac)) return true;
    this.#integrity.tampered(protectedRow.credential(row));
    return false;
  }

  #labelOwner(tx: RowReader, label: string): { id: string } | undefined {
    return tx.select({ id: credentials.id }).from(credentials).where(sql`lower(${credentials.label}) = lower(${label})`).get();
  }

  #idTaken(tx: RowReader, id: string): boolean {
    return tx.select({ id: credentials.id }).from(credentials).where(eq(credentials.id, id)).get() !== undefined;
  }
}

/** The columns a new key sets on its row. Its fields are those it has: an AI key's optional ones (an organization) only when given. */
export function keyColumns(prepared: PreparedFields): Pick<CredentialRow, 'kind' | 'provider' | 'fields' | 'signingKind' | 'preview' | 'fingerprint'> {
  const fields = prepared.provider.fields.filter((field) => prepared.values[field] !== undefined);
  return { kind: prepared.kind, provider: prepared.provider.id, fields, signingKind: prepared.signingKind, preview: prepared.preview, fingerprint: prepared.fingerprint };
}

export function credentialNotFound(ref: string): KeywardenError {
  return new KeywardenError('CREDENTIAL_NOT_FOUND', `No credential has the id or label "${ref.slice(0, 64)}". The Accounts page lists them (keywarden list in the CLI).`);
}

function toInfo(row: CredentialRow, rotationDue: boolean): CredentialInfo {
  return {
    id: row.id,
    kind: row.kind,
    provider: row.provider,
    label: row.label,
    environment: row.environment,
    isPrimary: row.isPrimary,
    status: row.status,
    fields: row.fields as CredentialFieldName[],
    signingKind: row.signingKind,
    preview: row.preview,
    fingerprint: row.fingerprint,
    permissions: row.permissions ?? null,
    lastVerifiedAt: row.lastVerifiedAt ?? null,
    lastUsedAt: row.lastUsedAt ?? null,
    useCount: row.useCount,
    expiresAt: effectiveExpiry(row.expiresAt ?? null, row.ownExpiresAt ?? null),
    ownExpiresAt: row.ownExpiresAt ?? null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    rotatedAt: row.rotatedAt ?? null,
    tradingBlock: row.tradingBlock ?? null,
    withdrawRiskAccepted: row.acceptedPermissions?.withdraw === true,
    rotationDue,
    retiredKeyExpiresAt: row.retiredSecretsExpireAt ?? null,
    allowPrograms: row.allowPrograms,
  };
}

/** Past the earlier of the provider's expiry and the owner's: never used or released from then on. */
export function hasExpired(row: Pick<CredentialRow, 'expiresAt' | 'ownExpiresAt'>, now: number): boolean {
  const expiry = effectiveExpiry(row.expiresAt ?? null, row.ownExpiresAt ?? null);
  return expiry !== null && expiry <= now;
}
