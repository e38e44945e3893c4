/**
 * How often keys are re-verified and when a key is due for rotation, as a person reads and changes
 * them: MAC'd and audited in one transaction, and the credential store told at once.
 */
import type { AuditActor } from '../audit/audit-schema';
import { appendAudit } from '../audit/audit-log';
import type { Clock } from '../clock';
import { readCredentialSettings, writeCredentialSettings, type CredentialSettings } from '../credentials/credential-settings';
import type { IntegrityGuard } from '../integrity/integrity-guard';
import type { OpenedDatabase } from '../store/database';
import type { Vault } from '../vault/vault';

export interface KeyCheckSettingsOptions {
  readonly database: OpenedDatabase;
  readonly vault: Vault;
  readonly clock: Clock;
  readonly integrity: IntegrityGuard;
  /** Called after a change is stored, so cached copies are dropped. */
  readonly changed: () => void;
}

export class KeyCheckSettings {
  readonly #options: KeyCheckSettingsOptions;

  constructor(options: KeyCheckSettingsOptions) {
    this.#options = options;
  }

  /** Needs the vault unlocked: the settings are MAC'd with its key. */
  get(): CredentialSettings {
    this.#options.vault.requireKeyring();
    return readCredentialSettings(this.#options.database.db, this.#options.integrity);
  }

  change(patch: Partial<CredentialSettings>, actor: AuditActor): CredentialSettings {
    const { database, clock, integrity } = this.#options;
    const next = { ...this.get(), ...patch };
    database.db.transaction((tx) => {
      writeCredentialSettings(tx, next, clock, integrity);
      appendAudit(tx, clock, { actor, action: 'credentials.setSettings', outcome: 'ok', details: next });
    }, { behavior: 'immediate' });
    this.#options.changed();
    return next;
  }
}
