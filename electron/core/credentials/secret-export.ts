/**
 * Takes a wallet's private key or recovery phrase out of Keywarden again, for a person moving it to
 * a hardware wallet (issue 18). The one place a secret leaves the vault for a person to read, so it
 * is deliberate: only the secrets the key's kind lists as exportable (exchange and AI keys have
 * none), only after the vault passphrase is typed again (throttled and audited like an unlock),
 * never for a revoked key, and every export is in the audit log (which fields, never their values).
 */
import { recordAudit } from '../audit/audit-log';
import type { AuditActor } from '../audit/audit-schema';
import type { Clock } from '../clock';
import { KeywardenError } from '../errors';
import type { OpenedDatabase } from '../store/database';
import type { Vault } from '../vault/vault';
import type { CredentialRepository } from './credential-repository';
import { fieldLabels, type CredentialFieldName } from './credential-schema';
import { credentialKindOf } from './kinds/credential-kinds';
import type { ExportedSecret } from './secret-export-schema';

export class SecretExport {
  readonly #database: OpenedDatabase;
  readonly #vault: Vault;
  readonly #clock: Clock;
  readonly #credentials: CredentialRepository;

  constructor(options: { database: OpenedDatabase; vault: Vault; clock: Clock; credentials: CredentialRepository }) {
    this.#database = options.database;
    this.#vault = options.vault;
    this.#clock = options.clock;
    this.#credentials = options.credentials;
  }

  async export(ref: string, vaultPassphrase: string, actor: AuditActor): Promise<ExportedSecret> {
    const info = this.#credentials.get(ref);
    const exportable = credentialKindOf(info.provider).exportableFields.filter((field) => info.fields.includes(field));
    if (exportable.length === 0) {
      throw new KeywardenError('INVALID_INPUT', `"${info.label}" has no private key to export: an exchange or AI provider key cannot be taken out of Keywarden. Create a new key on the provider's site instead.`);
    }
    if (info.status === 'revoked') throw new KeywardenError('CREDENTIAL_REVOKED', `"${info.label}" was revoked: its secret was destroyed, so there is nothing to export.`);
    // Typed again, checked against the vault: an unlocked window left alone is not enough.
    await this.#vault.confirmPassphrase(vaultPassphrase, actor);
    const { secrets } = this.#credentials.getDecrypted(info.id);
    const fields: ExportedSecret['fields'] = {};
    for (const field of exportable) {
      const value = secrets[field];
      if (value !== undefined && (field === 'privateKey' || field === 'mnemonic')) fields[field] = value;
    }
    recordAudit(this.#database.db, this.#clock, { actor, action: 'credential.exportSecret', subject: info.id, outcome: 'ok', details: { label: info.label, provider: info.provider, fields: Object.keys(fields).join(',') } });
    const names = Object.keys(fields).map((field) => fieldLabels[field as CredentialFieldName]).join(' and ');
    return {
      credentialId: info.id,
      label: info.label,
      provider: info.provider,
      address: secrets.walletAddress ?? null,
      fields,
      warning: `Anyone who sees this ${names} can take every coin in the wallet. Import it into your hardware wallet, then clear it from your screen and clipboard; never paste it into a website or a chat.`,
    };
  }
}
