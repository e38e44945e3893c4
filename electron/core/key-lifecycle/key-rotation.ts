/**
 * Guided key rotation: the new key is verified before it replaces the old one (a failing new key
 * leaves the old one in place and working), then swapped in one transaction. The old key is kept
 * sealed for a day so Keywarden can confirm, once the user deleted it on the exchange, that it
 * really stopped working; then it is destroyed.
 */
import { keyIsDead, keyUnchecked, keyWorks } from '../../shared/verification-outcomes';
import type { AuditActor } from '../audit/audit-schema';
import { RotateCredentialInput, type CredentialInfo } from '../credentials/credential-schema';
import type { CredentialRepository } from '../credentials/credential-repository';
import type { FieldPreparer } from '../credentials/field-preparer';
import type { RotatedKeys } from '../credentials/rotated-keys';
import type { VerificationRecords } from '../credentials/verification-records';
import { KeywardenError } from '../errors';
import type { ExchangeClientCache } from '../exchanges/exchange-client-cache';
import type { KeyVerifier, ProbeResult } from './key-verifier';
import { walletSettingFields } from '../../shared/wallet-providers';
import { exchangeSettingFields } from '../credentials/exchange-proxy-field';
import type { WalletCheckSettings } from './wallet-probe';
import { walletBalancesSummary } from '../wallets/wallet-balances-summary';

export interface RotationResult {
  readonly credential: CredentialInfo;
  /** The new key's verification; null when the user skipped it. */
  readonly verification: { outcome: string; message: string } | null;
  readonly oldFingerprint: string;
  readonly nextSteps: string[];
}

export interface OldKeyCheck {
  /** True when the old key still works on the exchange (it was not deleted there yet). */
  readonly oldKeyWorks: boolean;
  readonly message: string;
}


export class KeyRotation {
  readonly #credentials: CredentialRepository;
  readonly #preparer: FieldPreparer;
  readonly #rotatedKeys: RotatedKeys;
  readonly #records: VerificationRecords;
  readonly #verifier: KeyVerifier;
  readonly #clients: ExchangeClientCache;

  readonly #serviceUrls: Readonly<Record<string, string>>;
  readonly #timeoutMs: number;

  constructor(options: { credentials: CredentialRepository; fieldPreparer: FieldPreparer; rotatedKeys: RotatedKeys; verificationRecords: VerificationRecords; verifier: KeyVerifier; clients: ExchangeClientCache; serviceUrls?: Readonly<Record<string, string>>; timeoutMs?: number }) {
    this.#serviceUrls = options.serviceUrls ?? {};
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#credentials = options.credentials;
    this.#preparer = options.fieldPreparer;
    this.#rotatedKeys = options.rotatedKeys;
    this.#records = options.verificationRecords;
    this.#verifier = options.verifier;
    this.#clients = options.clients;
  }

  async rotate(rawInput: RotateCredentialInput, actor: AuditActor): Promise<RotationResult> {
    const input = RotateCredentialInput.parse(rawInput);
    const current = this.#credentials.get(input.ref);
    if (current.status === 'revoked') throw new KeywardenError('CREDENTIAL_REVOKED', `"${current.label}" was revoked; add a new credential instead of rotating it.`);
    const prepared = await this.#preparer.prepare(current.provider, this.#withSettingsKept(current, input.fields));
    if (prepared.fingerprint === current.fingerprint) {
      throw new KeywardenError('SAME_KEY', current.kind === 'wallet' || current.kind === 'polymarket'
        ? `That is the wallet "${current.label}" already uses. To change its ${current.kind === 'polymarket' ? 'funder or CLOB credentials' : 'network, RPC URL or tokens'}, change its settings instead (keywarden wallet-settings, or Settings on its page).`
        : `That is the key "${current.label}" already uses. Create a new key on the exchange first, then rotate to it.`);
    }

    let probe: ProbeResult | null = null;
    if (!input.skipVerification) {
      const exchange = prepared.provider.name;
      const keepsOldKey = `"${current.label}" keeps its old key, which still works`;
      probe = await this.#verifier.probe(
        { provider: current.provider, environment: current.environment, secrets: prepared.values as Record<string, string> },
        `${keepsOldKey}. If ${exchange} stays unreachable, you can rotate without verifying the new key and verify it later.`,
      );
      if (probe.unreachable) throw probe.unreachable;
      if (!keyWorks(probe.outcome)) {
        const unchecked = keyUnchecked(probe.outcome);
        throw new KeywardenError('ROTATION_VERIFY_FAILED', `${unchecked ? 'The new key could not be checked' : 'The new key did not pass verification'}, so ${keepsOldKey}. ${probe.message}${probe.action ? ` ${probe.action}` : ''}`, { outcome: probe.outcome });
      }
    }

    // A wallet's funds stay at its old address: what is there is read before the swap, for the reminder.
    const oldFunds = prepared.kind === 'wallet' ? await this.#walletFunds(current.id) : null;
    const permissions = probe?.permissions ?? null;
    const info = this.#rotatedKeys.swapKey(current.id, prepared, {
      status: probe ? 'active' : 'unverified',
      permissions,
      tradingBlock: permissions?.withdraw === true ? 'withdraw-enabled' : null,
    }, actor);
    this.#clients.drop(current.id);
    if (probe) {
      // The new key's check is its first entry in the verification history.
      this.#records.applyVerification(current.id, { outcome: probe.outcome, message: probe.message, latencyMs: probe.latencyMs, exchangeCode: probe.exchangeCode, checked: true, status: 'active', permissions, tradingBlock: info.tradingBlock }, actor);
    }
    const exchange = prepared.provider.name;
    const verification = probe ? { outcome: probe.outcome, message: probe.message } : null;
    if (oldFunds !== null) {
      const newAddress = prepared.values.walletAddress ?? '';
      return {
        credential: info,
        verification,
        oldFingerprint: current.fingerprint,
        nextSteps: [
          `Move the funds left in the old wallet ${oldFunds.address} (${oldFunds.summary}) to the new wallet ${newAddress}. Keywarden never moves funds itself.`,
          `Programs given "${current.label}" get the new key from now on; restart the bots that still hold the old one.`,
          'Keywarden keeps the old key sealed for 24 hours, so you can still use it to move the funds; then it is destroyed. Export it first if you need it longer (keywarden export-key needs the current key: move the funds instead).',
        ],
      };
    }
    return {
      credential: info,
      verification,
      oldFingerprint: current.fingerprint,
      nextSteps: [
        `Delete the old key (fingerprint ${current.fingerprint}) on ${exchange}, in its API settings, now.`,
        'Then let Keywarden check that the old key stopped working. It keeps the old key for 24 hours for this check; after that it is destroyed anyway.',
      ],
    };
  }

  /**
   * Tries the kept old key once: if it fails, it is destroyed; if it still works, says so. A
   * wallet's old key cannot be switched off anywhere: what is checked is whether funds are left
   * at its address.
   */
  async checkOldKey(ref: string, actor: AuditActor): Promise<OldKeyCheck> {
    const retired = this.#rotatedKeys.getRetiredDecrypted(ref);
    if (retired.info.kind === 'wallet') {
      const { checkStoredWallet } = await import('./wallet-probe');
      const check = await checkStoredWallet(retired.info.provider, retired.secrets as Record<string, string>, this.#walletSettings(retired.info.provider));
      const address = retired.secrets.walletAddress ?? 'the old wallet';
      const holds = check.outcome === 'ok' ? `holds ${walletBalancesSummary(check)}` : check.message;
      return { oldKeyWorks: true, message: `The old wallet ${address} of "${retired.info.label}" ${check.outcome === 'ok' ? holds : `: ${holds}`}. Move what is left to the new wallet; Keywarden destroys the old key when its day is over, or now with keywarden check-old-key "${retired.info.label}" --discard.` };
    }
    const probe = await this.#verifier.probe(
      { provider: retired.info.provider, environment: retired.info.environment, secrets: retired.secrets as Record<string, string> },
      'Keywarden still holds the old key. Check again later.',
    );
    if (probe.unreachable) throw probe.unreachable;
    if (keyIsDead(probe.outcome)) {
      this.#rotatedKeys.destroyRetired(retired.info.id, actor, 'confirmed-dead');
      return { oldKeyWorks: false, message: `The old key of "${retired.info.label}" no longer works on the exchange. Keywarden destroyed its copy.` };
    }
    if (keyWorks(probe.outcome)) {
      return { oldKeyWorks: true, message: `The old key of "${retired.info.label}" STILL WORKS on the exchange. Delete it in the exchange's API settings, then check again.` };
    }
    throw new KeywardenError('EXCHANGE_CHECK_FAILED', `Could not check the old key: ${probe.message}`, { outcome: probe.outcome });
  }

  /**
   * A wallet's or Polymarket account's settings (its chain, RPC URL, tokens, funder) stay what they
   * were unless the rotation gives new ones: a new key for the same use.
   */
  #withSettingsKept(current: CredentialInfo, fields: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
    if (current.kind !== 'wallet' && current.kind !== 'polymarket' && current.kind !== 'exchange') return fields;
    const { secrets } = this.#credentials.getDecrypted(current.id);
    const kept: Record<string, unknown> = {};
    // An exchange account keeps its outbound proxy: the new key is bound to the same fixed IP.
    for (const field of current.kind === 'exchange' ? exchangeSettingFields : walletSettingFields) {
      const given = fields[field];
      if ((given === undefined || (typeof given === 'string' && given.trim() === '')) && secrets[field] !== undefined) kept[field] = secrets[field];
    }
    return { ...fields, ...kept };
  }

  /** The funds at a wallet's current address, read before a rotation moves the key away from it. */
  async #walletFunds(id: string): Promise<{ address: string; summary: string }> {
    const { info, secrets } = this.#credentials.getDecrypted(id);
    const { checkStoredWallet } = await import('./wallet-probe');
    const check = await checkStoredWallet(info.provider, secrets as Record<string, string>, this.#walletSettings(info.provider));
    return { address: secrets.walletAddress ?? '', summary: check.outcome === 'ok' ? walletBalancesSummary(check) : check.outcome === 'no-rpc' ? 'its balances are unknown: no RPC URL is set' : 'its balances could not be read just now' };
  }

  #walletSettings(provider: string): WalletCheckSettings {
    return { rpcUrlOverride: this.#serviceUrls[provider], timeoutMs: this.#timeoutMs };
  }

  /** Destroys the kept old key without checking it. */
  discardOldKey(ref: string, actor: AuditActor): CredentialInfo {
    const info = this.#credentials.get(ref);
    this.#rotatedKeys.destroyRetired(info.id, actor, 'discarded');
    return this.#credentials.get(info.id);
  }
}
