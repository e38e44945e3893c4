/**
 * Stores exchange credentials: metadata in `credentials`, each secret field sealed separately in
 * `credential_secrets`. `getDecrypted` is the only way to read a secret back, and only the code that
 * signs exchange requests calls it.
 *
 * A rotated-away key is kept sealed under `retired:<field>` for a day, so that Keywarden can check
 * that the old key really stopped working on the exchange; then it is destroyed.
 */
import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import { appendAudit, type AuditDetails } from '../audit/audit-log';
import type { AuditActor } from '../audit/audit-schema';
import type { Clock } from '../clock';
import { KeywardenError } from '../errors';
import type { RowGuard } from '../integrity/integrity-guard';
import { credentialMacFields, protectedRow, rowMac, rowMacMatches } from '../integrity/row-integrity';
import type { CoreEvents } from '../events';
import { getExchangeInfo } from '../exchanges/exchange-catalog';
import type { ExchangeInfo } from '../exchanges/exchange-schema';
import type { OpenedDatabase } from '../store/database';
import { preparedPerHandle } from '../store/prepared-query';
import { freeLabel } from '../store/free-label';
import { isRandomId, randomId } from '../store/random-id';
import { credentialKeyHistory, credentials, credentialSecrets, verifications, type CredentialRow } from '../store/schema';
import { open, seal } from '../vault/sealed-box';
import { credentialSecretContext, type CredentialSecretOwner } from '../vault/secret-context';
import type { Keyring, Vault } from '../vault/vault';
import { keyFingerprint, maskedPreview } from './credential-display';
import { normaliseCredentialFields } from './credential-fields';
import type {
  CredentialInfo} from './credential-schema';
import {
  CreateCredentialInput,
  UpdateCredentialInput,
  fieldLabels,
  CredentialLabel,
  type CredentialFieldName,
  type CredentialStatus,
  type Environment,
  type KeyPermissions,
  type SigningKind,
  type TradingBlock,
} from './credential-schema';
import { CachedSetting } from '../store/settings-store';
import { readCredentialSettings } from './credential-settings';
import type { VerificationRecord } from '../key-lifecycle/verification-schema';

export interface DecryptedCredential {
  readonly info: CredentialInfo;
  /** Plaintext fields. Use for one signed request and drop; never log, return or store. */
  readonly secrets: Readonly<Partial<Record<CredentialFieldName, string>>>;
}

/** New key material, checked and normalised, ready to be sealed. */
export interface PreparedFields {
  readonly exchange: ExchangeInfo;
  readonly values: Readonly<Partial<Record<CredentialFieldName, string>>>;
  readonly signingKind: SigningKind;
  readonly fingerprint: string;
  readonly preview: string;
}

/** What a verification changes on the credential row. */
export interface VerificationUpdate {
  readonly outcome: string;
  readonly message: string;
  readonly latencyMs: number;
  readonly exchangeCode: string | null;
  /** False when the exchange could not be asked (down, timeout, clock): status and permissions stay. */
  readonly checked: boolean;
  readonly status: CredentialStatus;
  readonly permissions: KeyPermissions | null;
  readonly tradingBlock: TradingBlock | null;
}

/** A credential from outside (a backup, a .env file): checked fields plus the metadata to restore. */
export interface CredentialImport {
  readonly prepared: PreparedFields;
  /** The label wanted; when it is taken, a suffix makes it free ("Binance main (restored)"). */
  readonly label: string;
  readonly environment: Environment;
  /** Left out: primary when its exchange and environment have none yet (as for `create`). */
  readonly isPrimary?: boolean | undefined;
  readonly createdAt?: number | undefined;
  readonly rotatedAt?: number | null | undefined;
  readonly acceptedPermissions?: KeyPermissions | null | undefined;
  /**
   * The id it had where it came from (a backup): kept when free here, so TradingView alert messages
   * that name the account by id keep working after a restore.
   */
  readonly id?: string | undefined;
}

export type CredentialImportResult =
  | { readonly outcome: 'imported'; readonly label: string; readonly storedLabel: string; readonly id: string; readonly isPrimary: boolean }
  | { readonly outcome: 'duplicate'; readonly label: string; readonly existingLabel: string; readonly existingId: string };

export interface CredentialImportOptions {
  readonly actor: AuditActor;
  /** Where the keys came from, for the audit log ('backup', 'env', 'bench'). */
  readonly source: string;
  /** The word put after a taken label: "restored" gives "Binance main (restored)", "(restored 2)", … */
  readonly renameSuffix: string;
  /** Do everything, report it, then roll it all back. */
  readonly dryRun: boolean;
  /** Runs last, inside the same transaction (related settings, a summary audit row). */
  readonly alsoInTransaction?: (tx: StoreTransaction, results: readonly CredentialImportResult[]) => void;
}

/** A credential with its plaintext fields and the risk the user accepted, for an encrypted backup. */
export interface ExportedCredential extends DecryptedCredential {
  readonly acceptedPermissions: KeyPermissions | null;
}

const RETIRED_PREFIX = 'retired:';
/** How long a rotated-away key is kept (sealed) so its revocation on the exchange can be checked. */
export const RETIRED_KEY_KEEP_MS = 24 * 3600_000;

type Tx = Parameters<Parameters<OpenedDatabase['db']['transaction']>[0]>[0];
type Reader = Pick<OpenedDatabase['db'], 'select'>;
export type StoreTransaction = Tx;

// Every alert and order resolves its account and counts a use of its key (see prepared-query.ts).
const credentialById = preparedPerHandle((db: Reader) => db.select().from(credentials).where(eq(credentials.id, sql.placeholder('id'))).prepare());
const credentialByLabel = preparedPerHandle((db: Reader) => db.select().from(credentials).where(sql`lower(${credentials.label}) = lower(${sql.placeholder('label')})`).prepare());
const countUse = preparedPerHandle((db: Pick<OpenedDatabase['db'], 'update'>) =>
  db.update(credentials).set({ lastUsedAt: sql`${sql.placeholder('now')}`, useCount: sql`${credentials.useCount} + 1` }).where(eq(credentials.id, sql.placeholder('id'))).prepare(),
);

/** Thrown inside a dry-run import's transaction so that SQLite undoes everything it did. */
class DryRunRollback extends Error {}

export class CredentialStore {
  readonly #database: OpenedDatabase;
  readonly #vault: Vault;
  readonly #clock: Clock;
  readonly #events: CoreEvents;
  readonly #integrity: RowGuard;
  readonly #selectSecrets;
  /** The rotation reminder age, needed for every CredentialInfo (also on the signing path). */
  readonly #settings: CachedSetting<ReturnType<typeof readCredentialSettings>>;

  constructor(options: { database: OpenedDatabase; vault: Vault; clock: Clock; events: CoreEvents; integrity: RowGuard }) {
    this.#database = options.database;
    this.#vault = options.vault;
    this.#clock = options.clock;
    this.#events = options.events;
    this.#integrity = options.integrity;
    this.#settings = new CachedSetting(() => readCredentialSettings(this.#database.db, options.integrity), options.clock);
    // Prepared once: getDecrypted sits on the order-placement path.
    this.#selectSecrets = this.#db
      .select({ field: credentialSecrets.field, ciphertext: credentialSecrets.ciphertext })
      .from(credentialSecrets)
      .where(and(eq(credentialSecrets.credentialId, sql.placeholder('id')), sql`${credentialSecrets.field} NOT LIKE 'retired:%'`))
      .prepare();
  }

  get #db() {
    return this.#database.db;
  }

  /** The credential settings were written (settings page, backup restore): forget what was cached. */
  settingsChanged(): void {
    this.#settings.invalidate();
  }

  /** Checks and normalises key fields for `provider` and computes preview and fingerprint. Needs the vault unlocked. */
  async prepareFields(provider: string, raw: Readonly<Record<string, unknown>>): Promise<PreparedFields> {
    this.#vault.requireKeyring();
    const exchange = await getExchangeInfo(provider);
    const { values, signingKind } = normaliseCredentialFields(exchange, raw);
    const identifying = identifyingValue(exchange, values);
    const keyring = this.#vault.requireKeyring();
    return { exchange, values, signingKind, fingerprint: keyFingerprint(keyring.fingerprintKey, identifying.value), preview: maskedPreview(identifying.value) };
  }

  async create(rawInput: CreateCredentialInput, actor: AuditActor): Promise<CredentialInfo> {
    const input = CreateCredentialInput.parse(rawInput);
    const prepared = await this.prepareFields(input.provider, input.fields);
    // Encryption happens after the awaits above: take the keyring now, so a lock in between is seen.
    const keyring = this.#vault.requireKeyring();
    const now = this.#clock.now();
    const { exchange } = prepared;

    const id = this.#db.transaction((tx) => {
      this.#vault.assertKeyCurrent(tx, keyring);
      this.#assertNotStored(tx, prepared);
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
        signingKind: prepared.signingKind,
        preview: prepared.preview,
        fingerprint: prepared.fingerprint,
        createdAt: now,
        updatedAt: now,
      }).run();
      this.#sealFields(tx, keyring, { id, provider: exchange.id, environment: input.environment }, prepared.values, '');
      this.#mac(tx, id);
      appendAudit(tx, this.#clock, { actor, action: 'credential.create', subject: id, outcome: 'ok', details: { provider: exchange.id, label: input.label, environment: input.environment, fingerprint: prepared.fingerprint, signingKind: prepared.signingKind } });
      return id;
    }, { behavior: 'immediate' });
    this.#events.emit('credentials.changed', { id, change: 'created' });
    return this.get(id);
  }

  list(): CredentialInfo[] {
    this.#vault.requireKeyring();
    const toInfo = this.#infoMapper();
    return this.#db.select().from(credentials).orderBy(asc(credentials.provider), asc(credentials.createdAt)).all().map(toInfo);
  }

  /** By id or (case-insensitive) label. */
  get(ref: string): CredentialInfo {
    this.#vault.requireKeyring();
    return this.#infoMapper()(this.#resolve(ref));
  }

  update(rawInput: UpdateCredentialInput, actor: AuditActor): CredentialInfo {
    const input = UpdateCredentialInput.parse(rawInput);
    this.#vault.requireKeyring();
    const now = this.#clock.now();
    const id = this.#db.transaction((tx) => {
      const row = this.#resolve(input.ref, tx);
      this.#assertIntact(row);
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
      // Compare with the value after this update: an environment change above clears the flag.
      if (input.isPrimary !== undefined && input.isPrimary !== (changes.isPrimary ?? row.isPrimary)) {
        if (input.isPrimary) {
          tx.update(credentials).set({ isPrimary: false, updatedAt: now })
            .where(and(eq(credentials.provider, row.provider), eq(credentials.environment, changes.environment ?? row.environment), ne(credentials.id, row.id))).run();
        }
        changes.isPrimary = input.isPrimary;
        changed.push('isPrimary');
      }
      if (changed.length === 0) return row.id;
      tx.update(credentials).set(changes).where(eq(credentials.id, row.id)).run();
      if (changes.environment !== undefined) this.#resealForOwner(tx, row, { id: row.id, provider: row.provider, environment: changes.environment });
      this.#mac(tx, row.id);
      appendAudit(tx, this.#clock, { actor, action: 'credential.update', subject: row.id, outcome: 'ok', details: { changed: changed.join(','), label: changes.label ?? row.label } });
      return row.id;
    }, { behavior: 'immediate' });
    this.#events.emit('credentials.changed', { id, change: 'updated' });
    return this.get(id);
  }

  /**
   * Deletes the row and its sealed secrets (overwritten on disk: secure_delete is on). `auditDetails`
   * adds to the audit record (what became of the key's open orders).
   */
  delete(ref: string, actor: AuditActor, auditDetails: AuditDetails = {}): { id: string; label: string } {
    this.#vault.requireKeyring();
    const deleted = this.#db.transaction((tx) => {
      const row = this.#resolve(ref, tx);
      tx.delete(credentialSecrets).where(eq(credentialSecrets.credentialId, row.id)).run();
      tx.delete(credentials).where(eq(credentials.id, row.id)).run();
      appendAudit(tx, this.#clock, { actor, action: 'credential.delete', subject: row.id, outcome: 'ok', details: { ...auditDetails, provider: row.provider, label: row.label, fingerprint: row.fingerprint } });
      return { id: row.id, label: row.label };
    }, { behavior: 'immediate' });
    this.#flushDeletedPages();
    // A key in alarm that is deleted is reviewed: its alarm clears.
    this.#integrity.rowWritten();
    this.#events.emit('credentials.changed', { id: deleted.id, change: 'deleted' });
    return deleted;
  }

  /**
   * Destroys the secret material and marks the credential revoked: no route (webhook, manual, CLI)
   * can use it again. The row stays, for the record. `auditDetails` adds to the audit record.
   */
  revoke(ref: string, actor: AuditActor, auditDetails: AuditDetails = {}): CredentialInfo {
    this.#vault.requireKeyring();
    const id = this.#db.transaction((tx) => {
      const row = this.#resolve(ref, tx);
      if (row.status === 'revoked') throw new KeywardenError('CREDENTIAL_REVOKED', `"${row.label}" is already revoked.`);
      tx.delete(credentialSecrets).where(eq(credentialSecrets.credentialId, row.id)).run();
      tx.update(credentials).set({ status: 'revoked', isPrimary: false, tradingBlock: null, retiredSecretsExpireAt: null, updatedAt: this.#clock.now() }).where(eq(credentials.id, row.id)).run();
      // Revoking is allowed on a row changed outside Keywarden: its secrets are gone, nothing can trade.
      this.#mac(tx, row.id);
      appendAudit(tx, this.#clock, { actor, action: 'credential.revoke', subject: row.id, outcome: 'ok', details: { ...auditDetails, provider: row.provider, label: row.label, fingerprint: row.fingerprint } });
      return row.id;
    }, { behavior: 'immediate' });
    this.#flushDeletedPages();
    this.#events.emit('credentials.changed', { id, change: 'updated' });
    return this.get(id);
  }

  /**
   * The plaintext fields of one credential, for signing an exchange request. The only way to get a
   * secret out of the vault. Refuses revoked credentials.
   */
  getDecrypted(id: string): DecryptedCredential {
    const keyring = this.#vault.requireKeyring();
    const row = credentialById(this.#db).get({ id });
    if (!row) throw notFound(id);
    if (row.status === 'revoked') throw new KeywardenError('CREDENTIAL_REVOKED', `"${row.label}" was revoked and can no longer be used.`);
    this.#assertIntact(row);
    const secrets = this.#openFields(keyring, row, this.#selectSecrets.all({ id }), '');
    return { info: this.#infoMapper()(row), secrets };
  }

  /** The key a rotation replaced, while it is still kept for the revocation check. */
  getRetiredDecrypted(ref: string): DecryptedCredential {
    const keyring = this.#vault.requireKeyring();
    const row = this.#resolve(ref);
    this.#assertIntact(row);
    const blobs = this.#db.select({ field: credentialSecrets.field, ciphertext: credentialSecrets.ciphertext }).from(credentialSecrets)
      .where(and(eq(credentialSecrets.credentialId, row.id), sql`${credentialSecrets.field} LIKE 'retired:%'`)).all();
    if (blobs.length === 0 || row.retiredSecretsExpireAt === null || row.retiredSecretsExpireAt <= this.#clock.now()) {
      throw new KeywardenError('NO_RETIRED_KEY', `"${row.label}" has no previous key kept: it was never rotated, the check was done, or the day to check it has passed.`);
    }
    return { info: this.#infoMapper()(row), secrets: this.#openFields(keyring, row, blobs, RETIRED_PREFIX) };
  }

  /** Destroys a kept old key (after its revocation was confirmed, or when its day has passed). */
  destroyRetired(id: string, actor: AuditActor, reason: 'confirmed-dead' | 'expired' | 'discarded'): void {
    this.#db.transaction((tx) => {
      const removed = tx.delete(credentialSecrets).where(and(eq(credentialSecrets.credentialId, id), sql`${credentialSecrets.field} LIKE 'retired:%'`)).run();
      tx.update(credentials).set({ retiredSecretsExpireAt: null }).where(eq(credentials.id, id)).run();
      if (removed.changes > 0) appendAudit(tx, this.#clock, { actor, action: 'credential.destroyOldKey', subject: id, outcome: 'ok', details: { reason } });
    }, { behavior: 'immediate' });
    this.#flushDeletedPages();
  }

  /** Destroys every kept old key whose day has passed. Returns how many credentials had one. */
  purgeExpiredRetired(actor: AuditActor): number {
    const due = this.#db.select({ id: credentials.id }).from(credentials).where(sql`${credentials.retiredSecretsExpireAt} <= ${this.#clock.now()}`).all();
    for (const { id } of due) this.destroyRetired(id, actor, 'expired');
    return due.length;
  }

  /**
   * Swaps in a new key in one transaction: the new fields are sealed, the old ones move to the
   * retired slot, the key history keeps the old fingerprint and dates. Clients using the old key
   * finish what they are doing; the next request uses the new one.
   */
  swapKey(id: string, prepared: PreparedFields, after: { status: CredentialStatus; permissions: KeyPermissions | null; tradingBlock: TradingBlock | null }, actor: AuditActor): CredentialInfo {
    const keyring = this.#vault.requireKeyring();
    const now = this.#clock.now();
    this.#db.transaction((tx) => {
      this.#vault.assertKeyCurrent(tx, keyring);
      const row = this.#resolve(id, tx);
      if (row.status === 'revoked') throw new KeywardenError('CREDENTIAL_REVOKED', `"${row.label}" was revoked; add a new credential instead of rotating it.`);
      this.#assertIntact(row);
      if (prepared.fingerprint === row.fingerprint) {
        throw new KeywardenError('SAME_KEY', `That is the key "${row.label}" already uses. Create a new key on the exchange first, then rotate to it.`);
      }
      this.#assertNotStored(tx, prepared, row.id);
      const current = tx.select({ field: credentialSecrets.field, ciphertext: credentialSecrets.ciphertext }).from(credentialSecrets)
        .where(and(eq(credentialSecrets.credentialId, row.id), sql`${credentialSecrets.field} NOT LIKE 'retired:%'`)).all();
      const oldValues = this.#openFields(keyring, row, current, '');
      tx.delete(credentialSecrets).where(eq(credentialSecrets.credentialId, row.id)).run();
      this.#sealFields(tx, keyring, row, oldValues, RETIRED_PREFIX);
      this.#sealFields(tx, keyring, row, prepared.values, '');
      tx.insert(credentialKeyHistory).values({ credentialId: row.id, fingerprint: row.fingerprint, activeFrom: row.rotatedAt ?? row.createdAt, retiredAt: now }).run();
      tx.update(credentials).set({
        signingKind: prepared.signingKind,
        preview: prepared.preview,
        fingerprint: prepared.fingerprint,
        status: after.status,
        permissions: after.permissions,
        tradingBlock: after.tradingBlock,
        // A withdraw risk accepted for the old key says nothing about the new one.
        acceptedPermissions: null,
        lastVerifiedAt: after.permissions ? now : null,
        expiresAt: after.permissions?.expiresAt ?? null,
        rotatedAt: now,
        updatedAt: now,
        retiredSecretsExpireAt: now + RETIRED_KEY_KEEP_MS,
      }).where(eq(credentials.id, row.id)).run();
      this.#mac(tx, row.id);
      appendAudit(tx, this.#clock, { actor, action: 'credential.rotate', subject: row.id, outcome: 'ok', details: { label: row.label, oldFingerprint: row.fingerprint, newFingerprint: prepared.fingerprint, verified: after.permissions !== null } });
    }, { behavior: 'immediate' });
    this.#events.emit('credentials.changed', { id, change: 'updated' });
    return this.get(id);
  }

  /** Records one verification: the row's status and permissions, its history, and the audit log. */
  applyVerification(id: string, update: VerificationUpdate, actor: AuditActor): CredentialInfo {
    const now = this.#clock.now();
    this.#db.transaction((tx) => {
      const row = this.#resolve(id, tx);
      // A verification keeps provider, environment and accepted risks: never on a row changed outside Keywarden.
      this.#assertIntact(row);
      const changes: Partial<CredentialRow> = { status: update.status, tradingBlock: update.tradingBlock, updatedAt: now };
      if (update.checked) {
        changes.permissions = update.permissions;
        changes.expiresAt = update.permissions?.expiresAt ?? null;
        if (update.status === 'active') changes.lastVerifiedAt = now;
      }
      tx.update(credentials).set(changes).where(eq(credentials.id, row.id)).run();
      this.#mac(tx, row.id);
      tx.insert(verifications).values({ credentialId: row.id, at: now, outcome: update.outcome, message: update.message, permissions: update.checked ? update.permissions : null, latencyMs: update.latencyMs }).run();
      appendAudit(tx, this.#clock, {
        actor,
        action: 'credential.verify',
        subject: row.id,
        outcome: update.outcome === 'ok' ? 'ok' : update.checked ? 'denied' : 'error',
        details: {
          result: update.outcome,
          exchangeCode: update.exchangeCode,
          status: update.status,
          ...(update.status !== row.status ? { previousStatus: row.status } : {}),
          withdraw: update.permissions?.withdraw ?? null,
          ipRestricted: update.permissions?.ipRestricted ?? null,
          tradingBlock: update.tradingBlock,
        },
      });
    }, { behavior: 'immediate' });
    this.#events.emit('credentials.changed', { id, change: 'verified' });
    return this.get(id);
  }

  /** The user accepts the key's current permissions (withdraw on, or widened): trading is unblocked. */
  acceptRisk(ref: string, actor: AuditActor): CredentialInfo {
    this.#vault.requireKeyring();
    const id = this.#db.transaction((tx) => {
      const row = this.#resolve(ref, tx);
      if (row.status === 'revoked') throw new KeywardenError('CREDENTIAL_REVOKED', `"${row.label}" was revoked.`);
      this.#assertIntact(row);
      if (!row.permissions) {
        throw new KeywardenError('PERMISSIONS_UNKNOWN', `"${row.label}" has not been verified yet, so there is nothing to accept. Verify it first.`);
      }
      tx.update(credentials).set({ acceptedPermissions: row.permissions, tradingBlock: null, updatedAt: this.#clock.now() }).where(eq(credentials.id, row.id)).run();
      this.#mac(tx, row.id);
      appendAudit(tx, this.#clock, { actor, action: 'credential.acceptRisk', subject: row.id, outcome: 'ok', details: { label: row.label, withdraw: row.permissions.withdraw, previousBlock: row.tradingBlock } });
      return row.id;
    }, { behavior: 'immediate' });
    this.#events.emit('credentials.changed', { id, change: 'updated' });
    return this.get(id);
  }

  /** The permissions the user accepted, if any (for the widened-permissions check). */
  acceptedPermissions(id: string): KeyPermissions | null {
    return credentialById(this.#db).get({ id })?.acceptedPermissions ?? null;
  }

  verificationHistory(ref: string, limit: number): VerificationRecord[] {
    this.#vault.requireKeyring();
    const row = this.#resolve(ref);
    const rows = this.#db.select({ at: verifications.at, outcome: verifications.outcome, message: verifications.message, permissions: verifications.permissions, latencyMs: verifications.latencyMs })
      .from(verifications).where(eq(verifications.credentialId, row.id)).orderBy(desc(verifications.at), desc(verifications.id)).limit(limit).all();
    return rows.map((record) => ({ ...record, outcome: record.outcome as VerificationRecord['outcome'] }));
  }

  keyHistory(ref: string): { fingerprint: string; activeFrom: number; retiredAt: number }[] {
    this.#vault.requireKeyring();
    const row = this.#resolve(ref);
    return this.#db.select({ fingerprint: credentialKeyHistory.fingerprint, activeFrom: credentialKeyHistory.activeFrom, retiredAt: credentialKeyHistory.retiredAt })
      .from(credentialKeyHistory).where(eq(credentialKeyHistory.credentialId, row.id)).orderBy(desc(credentialKeyHistory.retiredAt)).all();
  }

  /**
   * Counts one use of the key for a signed request (shown as "last used" and "use count"). One
   * statement: called inside a transaction, it becomes part of it (trading records an order's
   * result and the use in one commit).
   */
  recordUse(id: string): void {
    countUse(this.#db).run({ id, now: this.#clock.now() });
  }

  /**
   * `prepareFields` for many keys at once, each exchange looked up once (a backup of many keys, a
   * .env file, the benchmark's 10,000). `name` says where a refused key came from in the message.
   */
  async prepareMany(entries: readonly { provider: string; fields: Readonly<Record<string, unknown>>; name: string }[]): Promise<PreparedFields[]> {
    this.#vault.requireKeyring();
    const exchanges = new Map<string, ExchangeInfo>();
    const normalised: { exchange: ExchangeInfo; values: PreparedFields['values']; signingKind: SigningKind }[] = [];
    for (const entry of entries) {
      try {
        let exchange = exchanges.get(entry.provider);
        if (!exchange) {
          exchange = await getExchangeInfo(entry.provider);
          exchanges.set(entry.provider, exchange);
        }
        normalised.push({ exchange, ...normaliseCredentialFields(exchange, entry.fields) });
      } catch (error) {
        if (error instanceof KeywardenError) throw new KeywardenError(error.code, `${entry.name}: ${error.message}`, { ...error.details });
        throw error;
      }
    }
    // Taken after the awaits, so a lock in between is seen.
    const keyring = this.#vault.requireKeyring();
    return normalised.map(({ exchange, values, signingKind }) => {
      const identifying = identifyingValue(exchange, values);
      return { exchange, values, signingKind, fingerprint: keyFingerprint(keyring.fingerprintKey, identifying.value), preview: maskedPreview(identifying.value) };
    });
  }

  /**
   * Stores many credentials in ONE transaction: all of them, or (on any error) none. A key already
   * in the vault (same fingerprint, revoked ones included) is skipped, never overwritten; a taken
   * label gets a suffix. Imported credentials are `unverified`. With `dryRun`, everything is done
   * and reported, then rolled back.
   */
  importCredentials(items: readonly CredentialImport[], options: CredentialImportOptions): CredentialImportResult[] {
    const keyring = this.#vault.requireKeyring();
    const now = this.#clock.now();
    let results: CredentialImportResult[] = [];
    try {
      this.#db.transaction((tx) => {
        this.#vault.assertKeyCurrent(tx, keyring);
        results = items.map((item) => this.#importOne(tx, keyring, item, now, options));
        options.alsoInTransaction?.(tx, results);
        if (options.dryRun) throw new DryRunRollback();
      }, { behavior: 'immediate' });
    } catch (error) {
      if (!(error instanceof DryRunRollback)) throw error;
    }
    if (!options.dryRun) {
      for (const result of results) if (result.outcome === 'imported') this.#events.emit('credentials.changed', { id: result.id, change: 'created' });
    }
    return results;
  }

  /**
   * Every credential that is not revoked, with its plaintext fields, read as one consistent snapshot.
   * Only for writing an encrypted backup; like getDecrypted, never return or log what it gives.
   */
  exportAll(): ExportedCredential[] {
    const keyring = this.#vault.requireKeyring();
    return this.#db.transaction((tx) => {
      const toInfo = this.#infoMapper();
      const rows = tx.select().from(credentials).where(ne(credentials.status, 'revoked')).orderBy(asc(credentials.provider), asc(credentials.createdAt)).all();
      for (const row of rows) this.#assertIntact(row);
      return rows.map((row) => ({
        info: toInfo(row),
        acceptedPermissions: row.acceptedPermissions ?? null,
        secrets: this.#openFields(keyring, row, this.#selectSecrets.all({ id: row.id }), ''),
      }));
    }, { behavior: 'deferred' });
  }

  #importOne(tx: Tx, keyring: Keyring, item: CredentialImport, now: number, options: CredentialImportOptions): CredentialImportResult {
    const parsedLabel = CredentialLabel.safeParse(item.label);
    if (!parsedLabel.success) {
      throw new KeywardenError('INVALID_INPUT', `An imported key has a label that cannot be used: it ${parsedLabel.error.issues[0]?.message ?? 'is not valid'}.`, { field: 'label' });
    }
    const label = parsedLabel.data;
    const { exchange } = item.prepared;
    const existing = tx.select({ id: credentials.id, label: credentials.label }).from(credentials).where(eq(credentials.fingerprint, item.prepared.fingerprint)).get();
    if (existing) return { outcome: 'duplicate', label, existingLabel: existing.label, existingId: existing.id };
    const storedLabel = this.#freeLabel(tx, label, options.renameSuffix);
    const id = item.id !== undefined && isRandomId(item.id) && !this.#idTaken(tx, item.id) ? item.id : this.#newId(tx);
    const hasPrimary = tx.select({ id: credentials.id }).from(credentials).where(and(eq(credentials.provider, exchange.id), eq(credentials.environment, item.environment), eq(credentials.isPrimary, true))).get();
    const isPrimary = !hasPrimary && (item.isPrimary ?? true);
    tx.insert(credentials).values({
      id,
      kind: 'exchange',
      provider: exchange.id,
      label: storedLabel,
      environment: item.environment,
      isPrimary,
      // Whatever it was where it came from, it has not been checked from here.
      status: 'unverified',
      fields: [...exchange.fields],
      signingKind: item.prepared.signingKind,
      preview: item.prepared.preview,
      fingerprint: item.prepared.fingerprint,
      acceptedPermissions: item.acceptedPermissions ?? null,
      createdAt: item.createdAt ?? now,
      rotatedAt: item.rotatedAt ?? null,
      updatedAt: now,
    }).run();
    this.#sealFields(tx, keyring, { id, provider: exchange.id, environment: item.environment }, item.prepared.values, '');
    this.#mac(tx, id);
    appendAudit(tx, this.#clock, { actor: options.actor, action: 'credential.import', subject: id, outcome: 'ok', details: { provider: exchange.id, label: storedLabel, environment: item.environment, fingerprint: item.prepared.fingerprint, signingKind: item.prepared.signingKind, source: options.source } });
    return { outcome: 'imported', label, storedLabel, id, isPrimary };
  }

  /** `label`, or the first free "label (suffix)", "label (suffix 2)", … within the 64-character limit. */
  #freeLabel(tx: Reader, label: string, suffix: string): string {
    return freeLabel(label, suffix, (candidate) => tx.select({ id: credentials.id }).from(credentials).where(sql`lower(${credentials.label}) = lower(${candidate})`).get() !== undefined);
  }

  #sealFields(tx: Tx, keyring: Keyring, owner: CredentialSecretOwner, values: Readonly<Partial<Record<CredentialFieldName, string>>>, prefix: string): void {
    for (const [field, value] of Object.entries(values)) {
      if (value === undefined) continue;
      const plaintext = Buffer.from(value, 'utf8');
      const stored = `${prefix}${field}`;
      tx.insert(credentialSecrets).values({ credentialId: owner.id, field: stored, ciphertext: seal(keyring.key, keyring.version, credentialSecretContext(owner, stored, keyring.version), plaintext) }).run();
      plaintext.fill(0);
    }
  }

  #openFields(keyring: Keyring, row: CredentialRow, blobs: readonly { field: string; ciphertext: Buffer }[], prefix: string): Partial<Record<CredentialFieldName, string>> {
    const values: Partial<Record<CredentialFieldName, string>> = {};
    for (const { field, ciphertext } of blobs) {
      const name = field.slice(prefix.length) as CredentialFieldName;
      const plaintext = open(keyring.key, credentialSecretContext(row, field, keyring.version), ciphertext, `${fieldLabels[name] ?? name} of "${row.label}"`);
      values[name] = plaintext.toString('utf8');
      plaintext.fill(0);
    }
    return values;
  }

  #assertNotStored(tx: Reader, prepared: PreparedFields, exceptId?: string): void {
    const sameKey = tx.select({ id: credentials.id, label: credentials.label }).from(credentials).where(eq(credentials.fingerprint, prepared.fingerprint)).get();
    if (sameKey && sameKey.id !== exceptId) {
      const identifying = identifyingValue(prepared.exchange, prepared.values);
      throw new KeywardenError('DUPLICATE_KEY', `This ${fieldLabels[identifying.field]} is already stored as "${sameKey.label}" (${sameKey.id}). Rotate that entry instead of adding it again.`, { existingId: sameKey.id });
    }
  }

  /** Old page images of deleted secrets may still sit in the WAL; fold it into the file now. */
  #flushDeletedPages(): void {
    this.#database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  }

  /** Rows changed outside Keywarden show as disabled: the risk gate trades only active keys. */
  #infoMapper(): (row: CredentialRow) => CredentialInfo {
    const settings = this.#settings.get();
    const rotationCutoff = this.#clock.now() - settings.rotationReminderDays * 86_400_000;
    return (row) => {
      const info = toInfo(row, settings.rotationReminderDays > 0 && row.status !== 'revoked' && (row.rotatedAt ?? row.createdAt) <= rotationCutoff);
      return this.#intact(row) ? info : { ...info, status: 'disabled' };
    };
  }

  /** Whether the row's MAC holds; when it does not, the alarm is raised. Needs the vault unlocked. */
  #intact(row: CredentialRow): boolean {
    if (rowMacMatches(this.#integrity.rowsKey(), 'credentials', row.id, credentialMacFields(row), row.integrityMac)) return true;
    this.#integrity.tampered(protectedRow.credential(row));
    return false;
  }

  /** A key whose row was changed outside Keywarden is never decrypted, released or changed (but may be revoked or deleted). */
  #assertIntact(row: CredentialRow): void {
    if (!this.#intact(row)) {
      throw new KeywardenError('INTEGRITY_ALARM', `The key "${row.label}" was changed outside Keywarden, so it cannot be used. Delete or revoke it, or acknowledge the integrity alarm.`);
    }
  }

  /** MACs a credential row as just written (every write of its protected fields ends here). */
  #mac(tx: Tx, id: string): void {
    const row = tx.select().from(credentials).where(eq(credentials.id, id)).get();
    if (!row) return;
    tx.update(credentials).set({ integrityMac: rowMac(this.#integrity.rowsKey(), 'credentials', id, credentialMacFields(row)) }).where(eq(credentials.id, id)).run();
    this.#integrity.rowWritten();
  }

  /** The environment is in each secret's context: a change re-seals every field (kept old keys too). */
  #resealForOwner(tx: Tx, before: CredentialRow, after: CredentialSecretOwner): void {
    const keyring = this.#vault.requireKeyring();
    const blobs = tx.select({ field: credentialSecrets.field, ciphertext: credentialSecrets.ciphertext }).from(credentialSecrets).where(eq(credentialSecrets.credentialId, before.id)).all();
    for (const { field, ciphertext } of blobs) {
      const plaintext = open(keyring.key, credentialSecretContext(before, field, keyring.version), ciphertext, `${field} of "${before.label}"`);
      tx.update(credentialSecrets).set({ ciphertext: seal(keyring.key, keyring.version, credentialSecretContext(after, field, keyring.version), plaintext) })
        .where(and(eq(credentialSecrets.credentialId, before.id), eq(credentialSecrets.field, field))).run();
      plaintext.fill(0);
    }
  }

  #resolve(ref: string, tx: Reader = this.#db): CredentialRow {
    const trimmed = ref.trim();
    const byId = credentialById(tx).get({ id: trimmed });
    if (byId) return byId;
    const byLabel = credentialByLabel(tx).get({ label: trimmed.replace(/\s+/g, ' ') });
    if (byLabel) return byLabel;
    throw notFound(trimmed);
  }

  #assertLabelFree(tx: Reader, label: string, exceptId?: string): void {
    const taken = tx.select({ id: credentials.id }).from(credentials).where(sql`lower(${credentials.label}) = lower(${label})`).get();
    if (taken && taken.id !== exceptId) {
      throw new KeywardenError('DUPLICATE_LABEL', `Another credential is already called "${label}". Choose a different label.`, { field: 'label' });
    }
  }

  #newId(tx: Reader): string {
    for (;;) {
      const id = randomId();
      if (!this.#idTaken(tx, id)) return id;
    }
  }

  #idTaken(tx: Reader, id: string): boolean {
    return tx.select({ id: credentials.id }).from(credentials).where(eq(credentials.id, id)).get() !== undefined;
  }
}

/** The field that identifies a key (its API key, or the first field for wallet-style exchanges). */
function identifyingValue(exchange: ExchangeInfo, values: Readonly<Partial<Record<CredentialFieldName, string>>>): { field: CredentialFieldName; value: string } {
  const field: CredentialFieldName = values.apiKey !== undefined ? 'apiKey' : exchange.fields[0] ?? 'apiKey';
  return { field, value: values[field] ?? '' };
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
    expiresAt: row.expiresAt ?? null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    rotatedAt: row.rotatedAt ?? null,
    tradingBlock: row.tradingBlock ?? null,
    withdrawRiskAccepted: row.acceptedPermissions?.withdraw === true,
    rotationDue,
    retiredKeyExpiresAt: row.retiredSecretsExpireAt ?? null,
  };
}

function notFound(ref: string): KeywardenError {
  return new KeywardenError('CREDENTIAL_NOT_FOUND', `No credential has the id or label "${ref.slice(0, 64)}". The Accounts page lists them (keywarden list in the CLI).`);
}
