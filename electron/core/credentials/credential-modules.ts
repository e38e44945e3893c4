/**
 * Builds the credential modules around one shared view of the rows and the sealed secrets, hands
 * the vault the re-sealer its key rotation needs (the vault cannot import the credentials: they
 * depend on it), and at each unlock rewrites the previews older versions cut from a secret.
 */
import type { Clock } from '../clock';
import type { CoreEvents } from '../events';
import type { RowGuard } from '../integrity/integrity-guard';
import type { OpenedDatabase } from '../store/database';
import type { Vault } from '../vault/vault';
import { AlwaysApprovals } from './always-approvals';
import { CredentialRepository } from './credential-repository';
import { CredentialRows } from './credential-rows';
import { CredentialSecrets } from './credential-secrets';
import { CredentialTransfer } from './credential-transfer';
import { FieldPreparer } from './field-preparer';
import { KeyRelease } from './key-release';
import { KeyUsage } from './key-usage';
import { rewriteSecretPreviews } from './preview-rewrite';
import { ReleaseApprovals } from './release-approvals';
import { RotatedKeys } from './rotated-keys';
import { VerificationRecords } from './verification-records';
import { WalletSettings } from './wallet-settings';

export interface CredentialModules {
  /** Add, list, change, delete, revoke; the plaintext for signing. */
  readonly credentials: CredentialRepository;
  /** Checks new key material by its kind's rules (add, rotate, test, import). */
  readonly fieldPreparer: FieldPreparer;
  /** Rotation swaps, the old key kept for a day, the history of rotated-away keys. */
  readonly rotatedKeys: RotatedKeys;
  /** Verification results and the risks the user accepted. */
  readonly verificationRecords: VerificationRecords;
  /** Bulk import (backup restore, .env file) and export (backup). */
  readonly credentialTransfer: CredentialTransfer;
  /** Hands programs (`keywarden run`) the fields of keys allowed for them. */
  readonly keyRelease: KeyRelease;
  /** Asks a person before a program reads a key, when the host can (the desktop app). */
  readonly releaseApprovals: ReleaseApprovals;
  /** The usage report: uses by source and outcome, AI tokens and cost, unused keys. */
  readonly keyUsage: KeyUsage;
  /** A wallet's or Polymarket account's settings (chain, RPC URL, tokens, funder), changed without a new key. */
  readonly walletSettings: WalletSettings;
}

export function createCredentialModules(options: { database: OpenedDatabase; vault: Vault; clock: Clock; events: CoreEvents; integrity: RowGuard }): CredentialModules {
  const { database, vault, clock, events, integrity } = options;
  const secrets = new CredentialSecrets(database);
  vault.useSecretResealer(secrets);
  const alwaysApprovals = new AlwaysApprovals({ db: database.db, integrity, clock });
  const context = { database, vault, clock, events, secrets, alwaysApprovals, rows: new CredentialRows({ database, vault, clock, integrity }) };
  // Subscribed after the integrity guard (createCore builds it first): secrets are in their current context by then.
  events.on('vault.unlocked', () => {
    if (vault.isUnlocked()) rewriteSecretPreviews(context);
  });
  const fieldPreparer = new FieldPreparer(vault);
  const credentials = new CredentialRepository(context, fieldPreparer);
  const releaseApprovals = new ReleaseApprovals(context, alwaysApprovals);
  return {
    credentials,
    fieldPreparer,
    rotatedKeys: new RotatedKeys(context),
    verificationRecords: new VerificationRecords(context),
    credentialTransfer: new CredentialTransfer(context),
    keyRelease: new KeyRelease(context, credentials, releaseApprovals),
    releaseApprovals,
    keyUsage: new KeyUsage(context, credentials),
    walletSettings: new WalletSettings(context, credentials, fieldPreparer),
  };
}
