/**
 * Credentials in bulk, into the vault and out of it: importing many keys in one transaction (a
 * backup restore, a .env file, the benchmarks) and exporting every usable key for an encrypted backup.
 */
import { asc, ne } from 'drizzle-orm';
import { appendAudit } from '../audit/audit-log';
import type { AuditActor } from '../audit/audit-schema';
import { KeywardenError } from '../errors';
import { credentials } from '../store/schema';
import type { Keyring } from '../vault/vault';
import { keyColumns, type CredentialModuleContext, type StoreTransaction } from './credential-rows';
import type { DecryptedCredential } from './credential-repository';
import { CredentialLabel, type Environment, type KeyPermissions } from './credential-schema';
import type { PreparedFields } from './field-preparer';

export type { StoreTransaction };

/** A credential from outside (a backup, a .env file): checked fields plus the metadata to restore. */
export interface CredentialImport {
  readonly prepared: PreparedFields;
  /** The label wanted; when it is taken, a suffix makes it free ("Binance main (restored)"). */
  readonly label: string;
  readonly environment: Environment;
  /** Left out: primary when its provider and environment have none yet (as for `create`). */
  readonly isPrimary?: boolean | undefined;
  readonly createdAt?: number | undefined;
  readonly rotatedAt?: number | null | undefined;
  readonly acceptedPermissions?: KeyPermissions | null | undefined;
  /** The expiry date its owner set where it came from: a restriction, kept even when already past. */
  readonly ownExpiresAt?: number | null | undefined;
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

/** Thrown inside a dry-run import's transaction so that SQLite undoes everything it did. */
class DryRunRollback extends Error {}

export class CredentialTransfer {
  readonly #context: CredentialModuleContext;

  constructor(context: CredentialModuleContext) {
    this.#context = context;
  }

  /**
   * Stores many credentials in ONE transaction: all of them, or (on any error) none. A key already
   * in the vault (same fingerprint, revoked ones included) is skipped, never overwritten; a taken
   * label gets a suffix. Imported credentials are `unverified`. With `dryRun`, everything is done
   * and reported, then rolled back.
   */
  importCredentials(items: readonly CredentialImport[], options: CredentialImportOptions): CredentialImportResult[] {
    const { database, vault, clock, events } = this.#context;
    const keyring = vault.requireKeyring();
    const now = clock.now();
    let results: CredentialImportResult[] = [];
    try {
      database.db.transaction((tx) => {
        vault.assertKeyCurrent(tx, keyring);
        results = items.map((item) => this.#importOne(tx, keyring, item, now, options));
        options.alsoInTransaction?.(tx, results);
        if (options.dryRun) throw new DryRunRollback();
      }, { behavior: 'immediate' });
    } catch (error) {
      if (!(error instanceof DryRunRollback)) throw error;
    }
    if (!options.dryRun) {
      for (const result of results) if (result.outcome === 'imported') events.emit('credentials.changed', { id: result.id, change: 'created' });
    }
    return results;
  }

  /**
   * Every credential that is not revoked, with its plaintext fields, read as one consistent snapshot.
   * Only for writing an encrypted backup; like getDecrypted, never return or log what it gives.
   */
  exportAll(): ExportedCredential[] {
    const { database, vault, rows, secrets } = this.#context;
    const keyring = vault.requireKeyring();
    return database.db.transaction((tx) => {
      const toInfo = rows.infoMapper();
      const stored = tx.select().from(credentials).where(ne(credentials.status, 'revoked')).orderBy(asc(credentials.provider), asc(credentials.createdAt)).all();
      for (const row of stored) rows.assertIntact(row);
      return stored.map((row) => ({ info: toInfo(row), acceptedPermissions: row.acceptedPermissions ?? null, secrets: secrets.open(keyring, row) }));
    }, { behavior: 'deferred' });
  }

  #importOne(tx: StoreTransaction, keyring: Keyring, item: CredentialImport, now: number, options: CredentialImportOptions): CredentialImportResult {
    const { clock, rows, secrets } = this.#context;
    const parsedLabel = CredentialLabel.safeParse(item.label);
    if (!parsedLabel.success) {
      throw new KeywardenError('INVALID_INPUT', `An imported key has a label that cannot be used: it ${parsedLabel.error.issues[0]?.message ?? 'is not valid'}.`, { field: 'label' });
    }
    const label = parsedLabel.data;
    const provider = item.prepared.provider.id;
    const existing = rows.holderOf(tx, item.prepared.fingerprint);
    if (existing) return { outcome: 'duplicate', label, existingLabel: existing.label, existingId: existing.id };
    const storedLabel = rows.freeLabel(tx, label, options.renameSuffix);
    const id = rows.freeId(tx, item.id);
    const isPrimary = rows.primaryOf(tx, provider, item.environment) === undefined && (item.isPrimary ?? true);
    tx.insert(credentials).values({
      id,
      ...keyColumns(item.prepared),
      label: storedLabel,
      environment: item.environment,
      isPrimary,
      // Whatever it was where it came from, it has not been checked from here.
      status: 'unverified',
      acceptedPermissions: item.acceptedPermissions ?? null,
      ownExpiresAt: item.ownExpiresAt ?? null,
      createdAt: item.createdAt ?? now,
      rotatedAt: item.rotatedAt ?? null,
      updatedAt: now,
    }).run();
    secrets.seal(tx, keyring, { id, provider, environment: item.environment }, item.prepared.values);
    rows.mac(id);
    appendAudit(tx, clock, { actor: options.actor, action: 'credential.import', subject: id, outcome: 'ok', details: { provider, label: storedLabel, environment: item.environment, fingerprint: item.prepared.fingerprint, signingKind: item.prepared.signingKind, source: options.source } });
    return { outcome: 'imported', label, storedLabel, id, isPrimary };
  }
}
