/**
 * Backup export and import: every credential that is not revoked (with its decrypted fields and its
 * metadata) and the settings that matter, in one passphrase-encrypted file (backup-format.ts), so
 * keys survive a lost machine or a lost OS keychain.
 *
 * Import is all-or-nothing: the file is fully decrypted and every key checked before anything is
 * written, and the writes are one SQLite transaction. Nothing in the vault is overwritten: a key
 * already stored is skipped, a taken label gets a new one, a setting this vault already has is kept.
 *
 * Neither direction lowers protection (issue 14). Export is a deliberate act: it needs the vault's
 * passphrase, typed for it. A restore brings alert sources back disabled, for review; one whose token
 * was retired here (rotated away or deleted, perhaps because it leaked) comes back without a usable
 * token; listener settings that would let more in are applied only when the person chose them.
 */
import path from 'node:path';
import { appendAudit } from '../audit/audit-log';
import type { AuditActor } from '../audit/audit-schema';
import type { Clock } from '../clock';
import type { CredentialRepository } from '../credentials/credential-repository';
import type { CredentialImportResult, CredentialTransfer, StoreTransaction } from '../credentials/credential-transfer';
import type { FieldPreparer } from '../credentials/field-preparer';
import { KeywardenError } from '../errors';
import type { OpenedDatabase } from '../store/database';
import { assertPassphraseAcceptable } from '../vault/passphrase-policy';
import type { Vault } from '../vault/vault';
import { MAX_BACKUP_BYTES, decodeBackup, encodeBackup } from './backup-format';
import { GLOBAL_SCOPE, readStoredLimits, writeLimits } from '../trading/risk-limits-store';
import type { RiskLimits } from '../trading/trading-schema';
import { listPortableSources, restorePortableSource, sourceAcceptingHash, sourceIdTaken } from '../webhook/webhook-sources';
import type { RowGuard } from '../integrity/integrity-guard';
import { retiredAmong } from '../webhook/retired-tokens';
import { scopeGaps } from '../webhook/source-readiness';
import { generateToken, hashToken } from '../webhook/webhook-token';
import { parsePayload, serialisePayload, type BackupCredential, type BackupLimits, type BackupWebhookSource } from './backup-payload';
import type { BackupExportResult, ExposureChange, ExposureSetting, ImportReport, RestoredSetting } from './backup-schema';
import { readSettingsForBackup, restoreSettings } from './backup-settings';
import { audited } from './audited-operation';
import { buildReport, countResults } from '../imports/import-report';
import { assertWritableTarget, readUserFile, resolveUserFile, writeFileAtomically } from './user-file';

/** The parts of the core a backup needs (the Core object has them all). */
export interface BackupDependencies {
  readonly database: OpenedDatabase;
  readonly vault: Vault;
  readonly credentials: CredentialRepository;
  readonly fieldPreparer: FieldPreparer;
  readonly credentialTransfer: CredentialTransfer;
  readonly clock: Clock;
  /** Told when a restore wrote alert sources past it. */
  readonly webhook: { readonly sources: { forgetCached(): void } };
  /** MACs what a restore writes (limits, sources, listener settings) and checks what an export reads. */
  readonly integrity: RowGuard;
}

/**
 * Writes an encrypted backup of the unlocked vault to `file`. `vaultPassphrase` is the vault's own,
 * typed for this export: an unlocked vault alone is not enough to copy out every key.
 */
export async function exportBackup(deps: BackupDependencies, request: { file: string; vaultPassphrase: string; passphrase: string; overwrite: boolean }, actor: AuditActor): Promise<BackupExportResult> {
  deps.vault.requireKeyring();
  const file = resolveUserFile(request.file);
  return audited(deps, actor, 'backup.export', { file: path.basename(file) }, async () => {
    // No OS re-authentication is reachable from here; a keychain-only vault adds a passphrase first.
    if (!(await deps.vault.status()).protectors.some((protector) => protector.kind === 'passphrase')) {
      throw new KeywardenError('PASSPHRASE_REQUIRED', 'Writing a backup needs the vault passphrase, and this vault has none (it opens with the OS keychain). Add a passphrase in Settings → Passphrase, then write the backup.');
    }
    await deps.vault.confirmPassphrase(request.vaultPassphrase, actor);
    assertPassphraseAcceptable(request.passphrase);
    // Before the slow KDF: a taken name or a missing folder should not cost the user a second.
    assertWritableTarget(file, request.overwrite, () => fileExists(file));
    const exported = deps.credentialTransfer.exportAll();
    const credentials: BackupCredential[] = exported.map(({ info, secrets, acceptedPermissions }) => ({
      id: info.id,
      provider: info.provider,
      label: info.label,
      environment: info.environment,
      isPrimary: info.isPrimary,
      createdAt: info.createdAt,
      rotatedAt: info.rotatedAt,
      acceptedPermissions,
      ownExpiresAt: info.ownExpiresAt,
      fields: Object.fromEntries(Object.entries(secrets).filter((entry): entry is [string, string] => entry[1] !== undefined)),
    }));
    const backupSettings = readSettingsForBackup(deps.database.db, deps.integrity);
    const db = deps.database.db;
    const limits: BackupLimits = {
      global: readStoredLimits(db, GLOBAL_SCOPE, deps.integrity),
      accounts: exported.flatMap(({ info }, credential) => {
        const stored = readStoredLimits(db, info.id, deps.integrity);
        return stored ? [{ credential, limits: stored }] : [];
      }),
    };
    // A scope's accounts by their place in the backup; one that is not in it (revoked) is left out,
    // which narrows the scope, never widens it.
    const placeOf = new Map(exported.map(({ info }, place) => [info.id, place] as const));
    const webhookSources: BackupWebhookSource[] = listPortableSources(db, deps.integrity).map((source) => ({
      ...source,
      scope: { ...source.scope, accounts: source.scope.accounts?.flatMap((id) => placeOf.get(id) ?? []) ?? null },
    }));
    const plaintext = serialisePayload({ createdAt: deps.clock.now(), credentials, settings: backupSettings, limits, webhookSources });
    let bytes: Buffer;
    try {
      bytes = await encodeBackup(plaintext, request.passphrase);
    } finally {
      plaintext.fill(0);
    }
    writeFileAtomically(file, bytes, request.overwrite, () => fileExists(file));
    const result = { file, credentials: credentials.length, bytes: bytes.length };
    return { result, details: { credentials: result.credentials, bytes: result.bytes, overwrite: request.overwrite } };
  });
}

/** Restores a backup into the unlocked vault (see the module comment for the rules). */
export async function importBackup(deps: BackupDependencies, request: { file: string; passphrase: string; dryRun: boolean; applySettings?: readonly ExposureSetting[] | undefined }, actor: AuditActor): Promise<ImportReport> {
  deps.vault.requireKeyring();
  const file = resolveUserFile(request.file);
  const run = async () => {
    const bytes = readUserFile(file, MAX_BACKUP_BYTES, () => new KeywardenError('BACKUP_INVALID', `${file} is far too large to be a Keywarden backup. Nothing was changed.`));
    const plaintext = await decodeBackup(bytes, request.passphrase);
    let parsed: ReturnType<typeof parsePayload>;
    try {
      parsed = parsePayload(plaintext);
    } finally {
      plaintext.fill(0);
    }
    const { payload, unknownSections } = parsed;
    const entries = payload.sections.credentials;
    const prepared = await deps.fieldPreparer.prepareMany(entries.map((entry) => ({ provider: entry.provider, fields: entry.fields, name: `The key "${entry.label}" in the backup` })));
    let settingsReport: RestoredSetting[] = [];
    let listenerExposure: ExposureChange[] = [];
    const results = deps.credentialTransfer.importCredentials(
      entries.map((entry, i) => ({
        prepared: prepared[i]!,
        label: entry.label,
        environment: entry.environment,
        isPrimary: entry.isPrimary,
        createdAt: entry.createdAt,
        rotatedAt: entry.rotatedAt,
        acceptedPermissions: entry.acceptedPermissions,
        ownExpiresAt: entry.ownExpiresAt ?? null,
        id: entry.id,
      })),
      {
        actor,
        source: 'backup',
        renameSuffix: 'restored',
        dryRun: request.dryRun,
        alsoInTransaction: (tx, imported) => {
          const restoredSettings = restoreSettings(tx, deps.clock, payload.sections.settings, new Set(request.applySettings ?? []), deps.integrity);
          listenerExposure = restoredSettings.exposure;
          settingsReport = [
            ...restoredSettings.report,
            ...restoreLimits(tx, deps.clock, payload.sections.limits, entries, imported, deps.integrity),
            ...restoreSources(tx, deps.clock, payload.sections.webhookSources, imported, actor, deps.integrity),
          ];
          const counts = countResults(imported);
          appendAudit(tx, deps.clock, { actor, action: 'backup.import', outcome: 'ok', details: { file: path.basename(file), ...counts, settings: settingsReport.filter((s) => s.result === 'restored').map((s) => s.name).join(','), widened: listenerExposure.filter((c) => c.applied).map((c) => c.setting).join(',') } });
        },
      },
    );
    if (!request.dryRun) {
      // Restored settings were written in the transaction above, past the in-memory caches.
      deps.vault.settingsChanged();
      deps.credentials.settingsChanged();
      deps.webhook.sources.forgetCached();
    }
    const report = buildReport({ source: 'backup', file, dryRun: request.dryRun, backupCreatedAt: payload.createdAt, results, entries, settings: settingsReport, listenerExposure, ignored: unknownSections });
    return { result: report, details: null };
  };
  // A dry run changes nothing and is not recorded; a refused import is.
  if (request.dryRun) return (await run()).result;
  return audited(deps, actor, 'backup.import', { file: path.basename(file) }, run);
}

/**
 * Restores the global limits, and each account's limits onto the credential it became here (a new
 * one, or the one already holding the same key), unless this vault set its own; reports every one.
 */
function restoreLimits(tx: StoreTransaction, clock: Clock, backup: BackupLimits, entries: readonly BackupCredential[], imported: readonly CredentialImportResult[], guard: RowGuard): RestoredSetting[] {
  const report: RestoredSetting[] = [];
  const restore = (name: string, scope: string, wanted: RiskLimits) => {
    const current = readStoredLimits(tx, scope, guard);
    if (current === null) {
      writeLimits(tx, scope, wanted, clock.now(), guard);
      report.push({ name, result: 'restored' });
    } else {
      report.push({ name, result: JSON.stringify(current) === JSON.stringify(wanted) ? 'unchanged' : 'kept' });
    }
  };
  if (backup.global) restore('risk limits (global)', GLOBAL_SCOPE, backup.global);
  for (const { credential, limits } of backup.accounts) {
    const result = imported[credential];
    const entry = entries[credential];
    if (!result || !entry) continue;
    const scope = result.outcome === 'imported' ? result.id : result.existingId;
    restore(`risk limits for "${entry.label}"`, scope, limits);
  }
  return report;
}

/**
 * Restores each alert source, disabled, for the person to review and enable; its accounts become the
 * credentials their keys became here. It keeps its token's hash, so the URL pasted in TradingView
 * works again once enabled, unless that hash was retired here: then it gets a hash no token matches
 * and needs a new token. A source this vault still accepts the token of is left as it is.
 */
function restoreSources(tx: StoreTransaction, clock: Clock, sources: readonly BackupWebhookSource[], imported: readonly CredentialImportResult[], actor: AuditActor, guard: RowGuard): RestoredSetting[] {
  const retired = retiredAmong(tx, sources.map((source) => source.tokenHash));
  return sources.map((source) => {
    const accounts = source.scope.accounts?.flatMap((place) => {
      const result = imported[place];
      if (!result) return [];
      return [result.outcome === 'imported' ? result.id : result.existingId];
    }) ?? null;
    const tokenRetired = retired.has(source.tokenHash) && !sourceAcceptingHash(tx, source.tokenHash);
    const name = `alert source "${source.label}"`;
    // Rotated away here: the source is still here, with its new token. Nothing to bring back.
    if (tokenRetired && sourceIdTaken(tx, source.id)) return { name, result: 'kept' as const };
    // The replacement's token is never shown to anyone: nothing can authenticate as this source until it is rotated.
    const tokenHash = tokenRetired ? hashToken(generateToken()) : source.tokenHash;
    const scope = { ...source.scope, accounts };
    const { result, storedAs } = restorePortableSource(tx, clock, { ...source, tokenHash, enabled: false, scope }, actor, guard);
    const shownAs = `${name}${storedAs !== source.label && result === 'restored' ? ` (as "${storedAs}")` : ''}`;
    if (result !== 'restored') return { name: shownAs, result };
    return { name: shownAs, result, review: sourceReview(storedAs, tokenRetired, scopeGaps(scope).length > 0) };
  });
}

/** What to do before a restored (disabled) source trades again. */
function sourceReview(label: string, tokenRetired: boolean, needsScope: boolean): string {
  const steps = [
    ...(tokenRetired ? [`its token was retired here (rotated or deleted since this backup), so it has none: issue a new one (Rotate token on the Webhook page, or keywarden webhook rotate-token "${label}") and paste the new URL into TradingView`] : []),
    ...(needsScope ? ['it needs an account and a per-order cap'] : []),
    'check its accounts, symbols and cap, then enable it',
  ];
  return `disabled: ${steps.join('; ')}.`;
}

function fileExists(file: string): KeywardenError {
  return new KeywardenError('BACKUP_EXISTS', `${file} already exists. Choose another file name, or allow replacing it (--force in the CLI).`, { file });
}
