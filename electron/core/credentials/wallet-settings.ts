/**
 * Changing what a wallet or a Polymarket account is set up with, without a new key (issue 18): its
 * chain, RPC URL and tokens, or a Polymarket account's funder and signature type. The new settings
 * are checked by the kind's own rules together with the key they go with (a funder the key cannot
 * sign for is refused here too), sealed in place of the old ones in one transaction, audited by
 * name, and the key is unverified again until checked with them. A new key is a rotation.
 */
import { eq } from 'drizzle-orm';
import { polymarketCredentialFields, walletSettingFields } from '../../shared/wallet-providers';
import { appendAudit } from '../audit/audit-log';
import type { AuditActor } from '../audit/audit-schema';
import { KeywardenError } from '../errors';
import { credentials } from '../store/schema';
import type { CredentialModuleContext } from './credential-rows';
import { keyColumns } from './credential-rows';
import type { CredentialRepository } from './credential-repository';
import type { CredentialFieldName, CredentialInfo } from './credential-schema';
import type { WalletSettingsView } from './wallet-settings-schema';
import type { FieldPreparer } from './field-preparer';
import { exchangeSettingFields } from './exchange-proxy-field';


export class WalletSettings {
  readonly #context: CredentialModuleContext;
  readonly #credentials: CredentialRepository;
  readonly #preparer: FieldPreparer;

  constructor(context: CredentialModuleContext, credentials: CredentialRepository, preparer: FieldPreparer) {
    this.#context = context;
    this.#credentials = credentials;
    this.#preparer = preparer;
  }

  /**
   * A wallet's or Polymarket account's settings as they are now, for the window to show: the public
   * ones in full, the RPC URL only as set or not (it often carries an API key), never the key.
   */
  read(ref: string): WalletSettingsView {
    const info = this.#credentials.get(ref);
    if (info.kind !== 'wallet' && info.kind !== 'polymarket') throw new KeywardenError('INVALID_INPUT', `"${info.label}" is not a wallet or a Polymarket account.`);
    const { secrets } = this.#credentials.getDecrypted(info.id);
    const shown = (field: CredentialFieldName): string | null => secrets[field] ?? null;
    return {
      credentialId: info.id,
      address: secrets.walletAddress ?? '',
      derivationPath: shown('derivationPath'),
      chainId: shown('chainId'),
      cluster: shown('cluster'),
      tokens: (secrets.tokenContracts ?? secrets.tokenMints ?? '').split(',').filter(Boolean),
      rpcUrlSet: secrets.rpcUrl !== undefined,
      funderAddress: shown('funderAddress'),
      signatureType: shown('signatureType'),
      typedCredentials: secrets.apiKey !== undefined,
    };
  }

  /** `changes`: each setting's new text; an empty text removes an optional setting. */
  async change(ref: string, changes: Readonly<Record<string, unknown>>, actor: AuditActor): Promise<CredentialInfo> {
    const info = this.#credentials.get(ref);
    if (info.kind !== 'wallet' && info.kind !== 'polymarket' && info.kind !== 'exchange') throw new KeywardenError('INVALID_INPUT', `"${info.label}" is not a wallet, an exchange account or a Polymarket account: its fields change only by rotating it.`);
    const names = Object.keys(changes);
    // An exchange account's one setting is its outbound proxy (exchange-proxy-field.ts).
    const changeable: readonly string[] = info.kind === 'exchange' ? exchangeSettingFields : info.kind === 'polymarket' ? [...walletSettingFields, ...polymarketCredentialFields] : walletSettingFields;
    const notSettings = names.filter((name) => !changeable.includes(name));
    if (notSettings.length > 0) {
      throw new KeywardenError('UNEXPECTED_FIELD', `Only the settings of ${info.kind === 'polymarket' ? 'a Polymarket account' : info.kind === 'exchange' ? 'an exchange account' : 'a wallet'} change here (${changeable.join(', ')}); ${notSettings.map((name) => JSON.stringify(name.slice(0, 32))).join(', ')} ${notSettings.length === 1 ? 'is' : 'are'} not one. A new key is a rotation.`, { field: (notSettings[0] ?? '').slice(0, 32) });
    }
    if (names.length === 0) throw new KeywardenError('INVALID_INPUT', 'No setting was given to change.');
    const { secrets } = this.#credentials.getDecrypted(info.id);
    const merged: Record<string, unknown> = { ...secrets };
    // A new funder brings its own signature type (worked out from it) unless one is given with it.
    if ('funderAddress' in changes && !('signatureType' in changes)) delete merged.signatureType;
    for (const [name, value] of Object.entries(changes)) {
      if (typeof value === 'string' && value.trim() === '') delete merged[name];
      else merged[name] = value;
    }
    const prepared = await this.#preparer.prepare(info.provider, merged);
    if (prepared.fingerprint !== info.fingerprint) throw new KeywardenError('INTERNAL', 'The wallet\'s key changed while its settings were being changed; nothing was changed.');
    const { vault, clock, rows, secrets: sealed, events } = this.#context;
    const keyring = vault.requireKeyring();
    const changed = names.filter((name) => prepared.values[name as CredentialFieldName] !== secrets[name as CredentialFieldName]);
    if (changed.length === 0) return info;
    this.#context.database.db.transaction((tx) => {
      vault.assertKeyCurrent(tx, keyring);
      const row = rows.resolve(info.id, tx);
      if (row.status === 'revoked') throw new KeywardenError('CREDENTIAL_REVOKED', `"${row.label}" was revoked; its settings no longer matter.`);
      rows.assertIntact(row);
      if (row.fingerprint !== info.fingerprint) throw new KeywardenError('INVALID_INPUT', `"${row.label}" was rotated meanwhile; look at its settings again.`);
      sealed.replaceCurrent(tx, keyring, row, prepared.values);
      // Checked with the old settings: it says nothing about the new node, chain or funder.
      tx.update(credentials).set({ fields: keyColumns(prepared).fields, status: 'unverified', updatedAt: clock.now() }).where(eq(credentials.id, row.id)).run();
      rows.mac(row.id);
      appendAudit(tx, clock, { actor, action: 'credential.settings', subject: row.id, outcome: 'ok', details: { label: row.label, changed: changed.join(',') } });
    }, { behavior: 'immediate' });
    sealed.flushDeletedPages();
    events.emit('credentials.changed', { id: info.id, change: 'updated' });
    return this.#credentials.get(info.id);
  }
}
