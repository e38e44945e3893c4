/**
 * What verifications found, kept on the credential: its status and permissions, the history of
 * checks, and the risks the user accepted (a key that can withdraw trades only once accepted).
 */
import { desc, eq } from 'drizzle-orm';
import { appendAudit } from '../audit/audit-log';
import type { AuditActor } from '../audit/audit-schema';
import { KeywardenError } from '../errors';
import type { VerificationRecord } from '../key-lifecycle/verification-schema';
import { preparedInsert, preparedUpdate } from '../store/statement-cache';
import { credentials, verifications, type CredentialRow } from '../store/schema';
import type { CredentialModuleContext } from './credential-rows';
import type { CredentialInfo, CredentialStatus, KeyPermissions, TradingBlock } from './credential-schema';

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

// A verify-all records twenty results at once: each write is built once (statement-cache.ts).
const updateCredential = preparedUpdate(credentials, credentials.id);
const insertVerification = preparedInsert(verifications);

export class VerificationRecords {
  readonly #context: CredentialModuleContext;

  constructor(context: CredentialModuleContext) {
    this.#context = context;
  }

  get #db() {
    return this.#context.database.db;
  }

  /** Records one verification: the row's status and permissions, its history, and the audit log. */
  applyVerification(id: string, update: VerificationUpdate, actor: AuditActor): CredentialInfo {
    const { clock, rows, events } = this.#context;
    const now = clock.now();
    const db = this.#db;
    // The root handle's prepared queries run inside this transaction (one connection; statement-cache.ts).
    db.transaction(() => {
      const row = rows.resolve(id);
      // A verification keeps provider, environment and accepted risks: never on a row changed outside Keywarden.
      rows.assertIntact(row);
      const changes: Partial<CredentialRow> = { status: update.status, tradingBlock: update.tradingBlock, updatedAt: now };
      if (update.checked) {
        changes.permissions = update.permissions;
        changes.expiresAt = update.permissions?.expiresAt ?? null;
        if (update.status === 'active') changes.lastVerifiedAt = now;
      }
      updateCredential(db, row.id, changes);
      rows.mac(row.id);
      insertVerification(db, { credentialId: row.id, at: now, outcome: update.outcome, message: update.message, permissions: update.checked ? update.permissions : null, latencyMs: update.latencyMs });
      appendAudit(db, clock, {
        actor,
        action: 'credential.verify',
        subject: row.id,
        outcome: update.outcome === 'ok' ? 'ok' : update.checked ? 'denied' : 'error',
        details: {
          // The label as it was: the Audit page names the key even after it is deleted.
          label: row.label,
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
    events.emit('credentials.changed', { id, change: 'verified' });
    return rows.info(id);
  }

  /** The user accepts the key's current permissions (withdraw on, or widened): trading is unblocked. */
  acceptRisk(ref: string, actor: AuditActor): CredentialInfo {
    const { vault, clock, rows, events } = this.#context;
    vault.requireKeyring();
    const id = this.#db.transaction((tx) => {
      const row = rows.resolve(ref, tx);
      if (row.status === 'revoked') throw new KeywardenError('CREDENTIAL_REVOKED', `"${row.label}" was revoked.`);
      rows.assertIntact(row);
      if (!row.permissions) {
        throw new KeywardenError('PERMISSIONS_UNKNOWN', `"${row.label}" has not been verified yet, so there is nothing to accept. Verify it first.`);
      }
      tx.update(credentials).set({ acceptedPermissions: row.permissions, tradingBlock: null, updatedAt: clock.now() }).where(eq(credentials.id, row.id)).run();
      rows.mac(row.id);
      appendAudit(tx, clock, { actor, action: 'credential.acceptRisk', subject: row.id, outcome: 'ok', details: { label: row.label, withdraw: row.permissions.withdraw, previousBlock: row.tradingBlock } });
      return row.id;
    }, { behavior: 'immediate' });
    events.emit('credentials.changed', { id, change: 'updated' });
    return rows.info(id);
  }

  /** The permissions the user accepted, if any (for the widened-permissions check). */
  acceptedPermissions(id: string): KeyPermissions | null {
    return this.#context.rows.byId(id)?.acceptedPermissions ?? null;
  }

  verificationHistory(ref: string, limit: number): VerificationRecord[] {
    const { vault, rows } = this.#context;
    vault.requireKeyring();
    const row = rows.resolve(ref);
    const records = this.#db.select({ at: verifications.at, outcome: verifications.outcome, message: verifications.message, permissions: verifications.permissions, latencyMs: verifications.latencyMs })
      .from(verifications).where(eq(verifications.credentialId, row.id)).orderBy(desc(verifications.at), desc(verifications.id)).limit(limit).all();
    return records.map((record) => ({ ...record, outcome: record.outcome as VerificationRecord['outcome'] }));
  }
}
