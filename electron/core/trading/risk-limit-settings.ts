/**
 * The risk limits as a person sees and changes them: the global ones and each account's own, with
 * what has been used of them today. Every change is MAC'd and audited in one transaction.
 */
import { requireTradingKey, tradingKinds } from '../credentials/exchange-keys';
import type { AuditActor } from '../audit/audit-schema';
import { appendAudit } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { CredentialRepository } from '../credentials/credential-repository';
import type { IntegrityGuard } from '../integrity/integrity-guard';
import type { OpenedDatabase } from '../store/database';
import type { Vault } from '../vault/vault';
import type { LimitsChange, LimitsOverview } from './limits-schema';
import { limitChanges } from './limit-changes';
import { GLOBAL_SCOPE, deleteLimits, noAccountLimits, readAccountLimits, readGlobalLimits, readUsage, writeLimits } from './risk-limits-store';

export interface RiskLimitSettingsOptions {
  readonly database: OpenedDatabase;
  readonly vault: Vault;
  readonly credentials: CredentialRepository;
  readonly clock: Clock;
  readonly integrity: IntegrityGuard;
}

export class RiskLimitSettings {
  readonly #options: RiskLimitSettingsOptions;

  constructor(options: RiskLimitSettingsOptions) {
    this.#options = options;
  }

  /** Limits and today's usage, globally and for every account that is not revoked. Needs the vault unlocked. */
  overview(): LimitsOverview {
    const { database, vault, credentials, clock, integrity } = this.#options;
    vault.requireKeyring();
    const now = clock.now();
    return {
      global: { limits: readGlobalLimits(database.db, integrity), usage: readUsage(database, null, false, now), paperUsage: readUsage(database, null, true, now) },
      accounts: credentials.list().filter((c) => c.status !== 'revoked' && tradingKinds.includes(c.kind)).map((c) => ({
        credentialId: c.id,
        label: c.label,
        provider: c.provider,
        limits: readAccountLimits(database.db, c.id, integrity),
        usage: readUsage(database, c.id, false, now),
      })),
    };
  }

  /** Changes the global limits or one account's (or clears an account's own); answers the new overview. */
  change(request: LimitsChange, actor: AuditActor): LimitsOverview {
    const { database, vault, credentials, clock, integrity } = this.#options;
    vault.requireKeyring();
    const { scope: scopeRef, clear, ...changes } = request;
    const scope = scopeRef === 'global' ? GLOBAL_SCOPE : requireTradingKey(credentials.get(scopeRef)).id;
    const current = scope === GLOBAL_SCOPE ? readGlobalLimits(database.db, integrity) : readAccountLimits(database.db, scope, integrity) ?? noAccountLimits;
    database.db.transaction((tx) => {
      if (clear && scope !== GLOBAL_SCOPE) deleteLimits(tx, scope, clock.now(), integrity);
      else writeLimits(tx, scope, { ...current, ...changes }, clock.now(), integrity);
      appendAudit(tx, clock, { actor, action: 'limits.set', subject: scope, outcome: 'ok', details: { cleared: Boolean(clear), ...limitChanges(current, clear ? null : changes) } });
    }, { behavior: 'immediate' });
    return this.overview();
  }
}
