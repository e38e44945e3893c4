/**
 * What a key rotation leaves behind: the swap itself (the new key in, the old one out, in one
 * transaction), the old key kept sealed for a day so Keywarden can check that it really stopped
 * working on the exchange (then it is destroyed), and the history of the fingerprints a credential used.
 */
import { desc, eq, sql } from 'drizzle-orm';
import { appendAudit } from '../audit/audit-log';
import type { AuditActor } from '../audit/audit-schema';
import { KeywardenError } from '../errors';
import { credentialKeyHistory, credentials } from '../store/schema';
import type { CredentialModuleContext } from './credential-rows';
import type { DecryptedCredential } from './credential-repository';
import type { CredentialInfo, CredentialStatus, KeyPermissions, TradingBlock } from './credential-schema';
import type { PreparedFields } from './field-preparer';

/** How long a rotated-away key is kept (sealed) so its revocation on the exchange can be checked. */
export const RETIRED_KEY_KEEP_MS = 24 * 3600_000;

export class RotatedKeys {
  readonly #context: CredentialModuleContext;

  constructor(context: CredentialModuleContext) {
    this.#context = context;
  }

  get #db() {
    return this.#context.database.db;
  }

  /**
   * Swaps in a new key in one transaction: the new fields are sealed, the old ones move to the
   * retired slot, the key history keeps the old fingerprint and dates. Clients using the old key
   * finish what they are doing; the next request uses the new one.
   */
  swapKey(id: string, prepared: PreparedFields, after: { status: CredentialStatus; permissions: KeyPermissions | null; tradingBlock: TradingBlock | null }, actor: AuditActor): CredentialInfo {
    const { vault, clock, rows, secrets, events, alwaysApprovals } = this.#context;
    const keyring = vault.requireKeyring();
    const now = clock.now();
    this.#db.transaction((tx) => {
      vault.assertKeyCurrent(tx, keyring);
      const row = rows.resolve(id, tx);
      if (row.status === 'revoked') throw new KeywardenError('CREDENTIAL_REVOKED', `"${row.label}" was revoked; add a new credential instead of rotating it.`);
      rows.assertIntact(row);
      if (prepared.fingerprint === row.fingerprint) {
        throw new KeywardenError('SAME_KEY', `That is the key "${row.label}" already uses. Create a new key on the exchange first, then rotate to it.`);
      }
      rows.assertNotStored(tx, prepared, row.id);
      secrets.swap(tx, keyring, row, prepared.values);
      // A new key: a program allowed to read the old one is asked again.
      alwaysApprovals.forget(tx, row.id);
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
      rows.mac(row.id);
      appendAudit(tx, clock, { actor, action: 'credential.rotate', subject: row.id, outcome: 'ok', details: { label: row.label, oldFingerprint: row.fingerprint, newFingerprint: prepared.fingerprint, verified: after.permissions !== null } });
    }, { behavior: 'immediate' });
    events.emit('credentials.changed', { id, change: 'updated' });
    return rows.info(id);
  }

  /** The key a rotation replaced, while it is still kept for the revocation check. */
  getRetiredDecrypted(ref: string): DecryptedCredential {
    const { vault, clock, rows, secrets } = this.#context;
    const keyring = vault.requireKeyring();
    const row = rows.resolve(ref);
    rows.assertIntact(row);
    const kept = row.retiredSecretsExpireAt !== null && row.retiredSecretsExpireAt > clock.now() ? secrets.open(keyring, row, 'retired') : {};
    if (Object.keys(kept).length === 0) {
      throw new KeywardenError('NO_RETIRED_KEY', `"${row.label}" has no previous key kept: it was never rotated, the check was done, or the day to check it has passed.`);
    }
    return { info: rows.infoMapper()(row), secrets: kept };
  }

  /** Destroys a kept old key (after its revocation was confirmed, or when its day has passed). */
  destroyRetired(id: string, actor: AuditActor, reason: 'confirmed-dead' | 'expired' | 'discarded'): void {
    const { clock, secrets } = this.#context;
    this.#db.transaction((tx) => {
      const removed = secrets.destroyRetired(tx, id);
      tx.update(credentials).set({ retiredSecretsExpireAt: null }).where(eq(credentials.id, id)).run();
      if (removed > 0) appendAudit(tx, clock, { actor, action: 'credential.destroyOldKey', subject: id, outcome: 'ok', details: { reason } });
    }, { behavior: 'immediate' });
    secrets.flushDeletedPages();
  }

  /** Destroys every kept old key whose day has passed. Returns how many credentials had one. */
  purgeExpiredRetired(actor: AuditActor): number {
    const due = this.#db.select({ id: credentials.id }).from(credentials).where(sql`${credentials.retiredSecretsExpireAt} <= ${this.#context.clock.now()}`).all();
    for (const { id } of due) this.destroyRetired(id, actor, 'expired');
    return due.length;
  }

  /** The keys the credential used before, newest first: fingerprints and dates, never key material. */
  keyHistory(ref: string): { fingerprint: string; activeFrom: number; retiredAt: number }[] {
    const { vault, rows } = this.#context;
    vault.requireKeyring();
    const row = rows.resolve(ref);
    return this.#db.select({ fingerprint: credentialKeyHistory.fingerprint, activeFrom: credentialKeyHistory.activeFrom, retiredAt: credentialKeyHistory.retiredAt })
      .from(credentialKeyHistory).where(eq(credentialKeyHistory.credentialId, row.id)).orderBy(desc(credentialKeyHistory.retiredAt)).all();
  }
}
