/**
 * The credentials themselves: add, list, find, change, delete and revoke, and the one way back to
 * a key's plaintext for signing (`getDecrypted`). Each is one transaction with its audit record.
 * Metadata lives in `credentials` (credential-rows.ts), each secret field sealed separately in
 * `credential_secrets` (credential-secrets.ts).
 */
import { expiryDay } from '../../shared/expiry-date';
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { appendAudit, type AuditDetails } from '../audit/audit-log';
import type { AuditActor } from '../audit/audit-schema';
import { KeywardenError } from '../errors';
import { preparedPerHandle } from '../store/statement-cache';
import { credentials, keyUses, type CredentialRow } from '../store/schema';
import { credentialNotFound, keyColumns, type CredentialModuleContext } from './credential-rows';
import { CreateCredentialInput, UpdateCredentialInput, type CredentialFieldName, type CredentialInfo, type CredentialKindId, type Environment, type KeyUseSource } from './credential-schema';
import type { FieldPreparer } from './field-preparer';

export interface DecryptedCredential {
  readonly info: CredentialInfo;
  /** Plaintext fields. Use for one signed request and drop; never log, return or store. */
  readonly secrets: Readonly<Partial<Record<CredentialFieldName, string>>>;
}

// Every order counts a use of its key (see statement-cache.ts).
const countUse = preparedPerHandle((db: Pick<CredentialModuleContext['database']['db'], 'update'>) =>
  db.update(credentials).set({ lastUsedAt: sql`${sql.placeholder('now')}`, useCount: sql`${credentials.useCount} + 1` }).where(eq(credentials.id, sql.placeholder('id'))).prepare(),
);
const insertUse = preparedPerHandle((db: Pick<CredentialModuleContext['database']['db'], 'insert'>) =>
  db.insert(keyUses).values({
    credentialId: sql.placeholder('id'),
    at: sql.placeholder('now'),
    source: sql.placeholder('source'),
    ok: sql.placeholder('ok'),
    tokensIn: sql.placeholder('tokensIn'),
    tokensOut: sql.placeholder('tokensOut'),
    costMicroUsd: sql.placeholder('costMicroUsd'),
    localTokenId: sql.placeholder('localTokenId'),
  }).prepare(),
);

/** One use of a key: what used it, whether it worked, and for AI calls the tokens and cost the provider reported. */
export interface KeyUse {
  readonly source: KeyUseSource;
  readonly ok: boolean;
  readonly tokensIn?: number | null;
  readonly tokensOut?: number | null;
  readonly costMicroUsd?: number | null;
  /** AI gateway calls: the local token the program called with (gateway_tokens.id). */
  readonly localTokenId?: string | null;
}

export class CredentialRepository {
  readonly #context: CredentialModuleContext;
  readonly #preparer: FieldPreparer;

  constructor(context: CredentialModuleContext, preparer: FieldPreparer) {
    this.#context = context;
    this.#preparer = preparer;
  }

  get #db() {
    return this.#context.database.db;
  }

  /** The credential settings were written (settings page, backup restore): forget what was cached. */
  settingsChanged(): void {
    this.#context.rows.settingsChanged();
  }

  async create(rawInput: CreateCredentialInput, actor: AuditActor): Promise<CredentialInfo> {
    const { vault, clock, rows, secrets, events } = this.#context;
    const input = CreateCredentialInput.parse(rawInput);
    const prepared = await this.#preparer.prepare(input.provider, input.fields);
    assertEnvironmentExists(prepared.kind, prepared.provider.name, input.environment);
    if (input.expiresAt !== undefined) assertFutureExpiry(input.expiresAt, clock.now());
    // Encryption happens after the awaits above: take the keyring now, so a lock in between is seen.
    const keyring = vault.requireKeyring();
    const now = clock.now();
    const provider = prepared.provider.id;

    const id = this.#db.transaction((tx) => {
      vault.assertKeyCurrent(tx, keyring);
      rows.assertNotStored(tx, prepared);
      rows.assertLabelFree(tx, input.label);
      const id = rows.freeId(tx);
      const primary = rows.primaryOf(tx, provider, input.environment);
      const isPrimary = input.isPrimary ?? primary === undefined;
      if (isPrimary && primary !== undefined) tx.update(credentials).set({ isPrimary: false, updatedAt: now }).where(eq(credentials.id, primary)).run();
      tx.insert(credentials).values({ id, ...keyColumns(prepared), label: input.label, environment: input.environment, isPrimary, status: 'unverified', ownExpiresAt: input.expiresAt ?? null, createdAt: now, updatedAt: now }).run();
      secrets.seal(tx, keyring, { id, provider, environment: input.environment }, prepared.values);
      rows.mac(id);
      appendAudit(tx, clock, { actor, action: 'credential.create', subject: id, outcome: 'ok', details: { provider, label: input.label, environment: input.environment, fingerprint: prepared.fingerprint, signingKind: prepared.signingKind, ...(input.expiresAt !== undefined ? { expiresAt: expiryDay(input.expiresAt) } : {}) } });
      return id;
    }, { behavior: 'immediate' });
    events.emit('credentials.changed', { id, change: 'created' });
    return this.get(id);
  }

  list(): CredentialInfo[] {
    this.#context.vault.requireKeyring();
    const toInfo = this.#context.rows.infoMapper();
    return this.#db.select().from(credentials).orderBy(asc(credentials.provider), asc(credentials.createdAt)).all().map(toInfo);
  }

  /** By id or (case-insensitive) label. */
  get(ref: string): CredentialInfo {
    return this.#context.rows.info(ref);
  }

  update(rawInput: UpdateCredentialInput, actor: AuditActor): CredentialInfo {
    const { vault, clock, rows, secrets, events, alwaysApprovals } = this.#context;
    const input = UpdateCredentialInput.parse(rawInput);
    const keyring = vault.requireKeyring();
    const now = clock.now();
    const id = this.#db.transaction((tx) => {
      const row = rows.resolve(input.ref, tx);
      rows.assertIntact(row);
      if (row.status === 'revoked' && (input.isPrimary || input.environment || input.allowPrograms || input.expiresAt !== undefined)) {
        throw new KeywardenError('CREDENTIAL_REVOKED', `"${row.label}" was revoked; it can be renamed or deleted, nothing else.`);
      }
      const changes: Partial<CredentialRow> = { updatedAt: now };
      const changed: string[] = [];
      if (input.label !== undefined && input.label !== row.label) {
        rows.assertLabelFree(tx, input.label, row.id);
        changes.label = input.label;
        changed.push('label');
      }
      if (input.environment !== undefined && input.environment !== row.environment) {
        assertEnvironmentExists(row.kind, row.provider, input.environment);
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
      if (input.allowPrograms !== undefined && input.allowPrograms !== row.allowPrograms) {
        changes.allowPrograms = input.allowPrograms;
        changed.push('allowPrograms');
      }
      if (input.expiresAt !== undefined && input.expiresAt !== row.ownExpiresAt) {
        if (input.expiresAt !== null) assertFutureExpiry(input.expiresAt, now);
        changes.ownExpiresAt = input.expiresAt;
        changed.push('expiresAt');
      }
      if (changed.length === 0) return row.id;
      tx.update(credentials).set(changes).where(eq(credentials.id, row.id)).run();
      if (changes.allowPrograms === false) alwaysApprovals.forget(tx, row.id);
      if (changes.environment !== undefined) secrets.resealForOwner(tx, keyring, row, { id: row.id, provider: row.provider, environment: changes.environment });
      rows.mac(row.id);
      appendAudit(tx, clock, { actor, action: 'credential.update', subject: row.id, outcome: 'ok', details: { changed: changed.join(','), label: changes.label ?? row.label, ...(changes.allowPrograms !== undefined ? { allowPrograms: changes.allowPrograms } : {}), ...(changes.ownExpiresAt !== undefined ? { expiresAt: changes.ownExpiresAt === null ? 'none' : expiryDay(changes.ownExpiresAt) } : {}) } });
      return row.id;
    }, { behavior: 'immediate' });
    events.emit('credentials.changed', { id, change: 'updated' });
    return this.get(id);
  }

  /**
   * Deletes the row and its sealed secrets (overwritten on disk: secure_delete is on). `auditDetails`
   * adds to the audit record (what became of the key's open orders).
   */
  delete(ref: string, actor: AuditActor, auditDetails: AuditDetails = {}): { id: string; label: string } {
    const { vault, clock, rows, secrets, events, alwaysApprovals } = this.#context;
    vault.requireKeyring();
    const deleted = this.#db.transaction((tx) => {
      const row = rows.resolve(ref, tx);
      secrets.destroyAll(tx, row.id);
      tx.delete(credentials).where(eq(credentials.id, row.id)).run();
      alwaysApprovals.forget(tx, row.id);
      appendAudit(tx, clock, { actor, action: 'credential.delete', subject: row.id, outcome: 'ok', details: { ...auditDetails, provider: row.provider, label: row.label, fingerprint: row.fingerprint } });
      return { id: row.id, label: row.label };
    }, { behavior: 'immediate' });
    secrets.flushDeletedPages();
    rows.rowDeleted();
    events.emit('credentials.changed', { id: deleted.id, change: 'deleted' });
    return deleted;
  }

  /**
   * Destroys the secret material and marks the credential revoked: no route (webhook, manual, CLI)
   * can use it again. The row stays, for the record. `auditDetails` adds to the audit record.
   */
  revoke(ref: string, actor: AuditActor, auditDetails: AuditDetails = {}): CredentialInfo {
    const { vault, clock, rows, secrets, events, alwaysApprovals } = this.#context;
    vault.requireKeyring();
    const id = this.#db.transaction((tx) => {
      const row = rows.resolve(ref, tx);
      if (row.status === 'revoked') throw new KeywardenError('CREDENTIAL_REVOKED', `"${row.label}" is already revoked.`);
      secrets.destroyAll(tx, row.id);
      alwaysApprovals.forget(tx, row.id);
      tx.update(credentials).set({ status: 'revoked', isPrimary: false, tradingBlock: null, retiredSecretsExpireAt: null, updatedAt: clock.now() }).where(eq(credentials.id, row.id)).run();
      // Revoking is allowed on a row changed outside Keywarden: its secrets are gone, nothing can trade.
      rows.mac(row.id);
      appendAudit(tx, clock, { actor, action: 'credential.revoke', subject: row.id, outcome: 'ok', details: { ...auditDetails, provider: row.provider, label: row.label, fingerprint: row.fingerprint } });
      return row.id;
    }, { behavior: 'immediate' });
    secrets.flushDeletedPages();
    events.emit('credentials.changed', { id, change: 'updated' });
    return this.get(id);
  }

  /**
   * The plaintext fields of one credential, for signing an exchange request. The only way to get a
   * secret out of the vault. Refuses revoked credentials.
   */
  getDecrypted(id: string): DecryptedCredential {
    const { vault, rows, secrets } = this.#context;
    const keyring = vault.requireKeyring();
    const row = rows.byId(id);
    if (!row) throw credentialNotFound(id);
    if (row.status === 'revoked') throw new KeywardenError('CREDENTIAL_REVOKED', `"${row.label}" was revoked and can no longer be used.`);
    rows.assertIntact(row);
    return { info: rows.infoMapper()(row), secrets: secrets.open(keyring, row) };
  }

  /**
   * Counts one use of the key (shown as "last used" and "use count") and records it for the usage
   * report. Plain statements: called inside a transaction, they become part of it (trading records
   * an order's result and the use in one commit). An order's use is not written again: the usage
   * report reads it from the order's own row (key-usage.ts).
   */
  recordUse(id: string, use: KeyUse): void {
    const now = this.#context.clock.now();
    countUse(this.#db).run({ id, now });
    if (use.source === 'order') return;
    insertUse(this.#db).run({ id, now, source: use.source, ok: use.ok ? 1 : 0, tokensIn: use.tokensIn ?? null, tokensOut: use.tokensOut ?? null, costMicroUsd: use.costMicroUsd ?? null, localTokenId: use.localTokenId ?? null });
  }
}

/** Only exchanges have test networks: an AI provider's key is always a live key. */
function assertEnvironmentExists(kind: CredentialKindId, providerName: string, environment: Environment): void {
  if (kind !== 'exchange' && environment === 'testnet') {
    throw new KeywardenError('INVALID_INPUT', `${providerName} has no testnet: its keys are live keys. Leave out --testnet.`, { field: 'environment' });
  }
}

/** An expiry date in the past would stop the key at once: revoking says that plainly. */
function assertFutureExpiry(expiresAt: number, now: number): void {
  if (expiresAt <= now) throw new KeywardenError('INVALID_INPUT', 'The expiry date must be after today. To stop using the key now, revoke it.', { field: 'expiresAt' });
}
