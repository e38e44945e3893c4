/**
 * Builds the Keywarden core: database, vault, credential store, audit log. Runs under plain Node;
 * everything Electron-specific (safeStorage, the native-module build to use) is passed in, so the
 * desktop app, the CLI, the tests and the benchmarks all run this same code.
 */
import { attachAuditSigner } from './audit/audit-keeper';
import { listAudit, recordAudit, type AuditQuery } from './audit/audit-log';
import type { AuditChainReport, AuditRecord } from './audit/audit-schema';
import { verifyAuditChain } from './audit/audit-verify';
import { systemClock, type Clock } from './clock';
import { CredentialStore } from './credentials/credential-store';
import { CoreEvents } from './events';
import { IntegrityGuard } from './integrity/integrity-guard';
import { vaultSettingAccess } from './integrity/protected-setting';
import { ExchangeClientCache } from './exchanges/exchange-client-cache';
import { KeyRotation } from './key-lifecycle/key-rotation';
import { KeyVerifier } from './key-lifecycle/key-verifier';
import { VerificationScheduler } from './key-lifecycle/verification-scheduler';
import { openDatabase, type OpenedDatabase } from './store/database';
import { KeyRetirement } from './key-lifecycle/key-retirement';
import { Trading } from './trading/trading';
import type { OsKeychainOptions } from './vault/os-keychain-protector';
import type { ScryptCost } from './vault/passphrase-protector';
import { Vault } from './vault/vault';
import { WebhookService } from './webhook/webhook-service';

export interface CoreOptions {
  /** The data folder. */
  readonly home: string;
  /** drizzle/ folder with the SQL migrations. */
  readonly migrationsFolder: string;
  readonly clock?: Clock;
  readonly osKeychain?: OsKeychainOptions;
  readonly scryptCost?: ScryptCost;
  readonly nativeBinding?: string;
  /** Exchange id → base URL (from KEYWARDEN_EXCHANGE_URLS; tests and proxies only, never from the UI). */
  readonly exchangeUrlOverrides?: Readonly<Record<string, string>>;
  /** Per-request timeout for exchange calls. */
  readonly exchangeTimeoutMs?: number;
}

export interface Core {
  readonly home: string;
  readonly database: OpenedDatabase;
  readonly events: CoreEvents;
  readonly clock: Clock;
  readonly vault: Vault;
  readonly credentials: CredentialStore;
  readonly exchangeClients: ExchangeClientCache;
  readonly verifier: KeyVerifier;
  readonly rotation: KeyRotation;
  readonly scheduler: VerificationScheduler;
  readonly trading: Trading;
  /** Revoking or deleting a key: its open orders first. */
  readonly keyRetirement: KeyRetirement;
  readonly webhook: WebhookService;
  /** MACs of what decides whether money moves, and the alarm when one fails. */
  readonly integrity: IntegrityGuard;
  readonly audit: {
    list(query: AuditQuery): AuditRecord[];
    verify(): AuditChainReport;
  };
  /** Zeroes the vault key and closes the database. */
  close(): void;
}

export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock;
  const events = new CoreEvents();
  const database = openDatabase({ home: options.home, migrationsFolder: options.migrationsFolder, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  if (database.tightened.length > 0) {
    // Other users could read the data folder (made by something else, or copied in): it is private again.
    recordAudit(database.db, clock, { actor: 'system', action: 'store.permissionsTightened', outcome: 'ok', details: { paths: database.tightened.join(', ') } });
  }
  const vault = new Vault({ database, clock, events, osKeychain: options.osKeychain, scryptCost: options.scryptCost });
  const auditSigner = attachAuditSigner({ database, clock, events, integrityRoot: () => (vault.isUnlocked() ? vault.requireKeyring().integrityKey : undefined), integrityRootIsNew: () => vault.integrityRootIsNew() });
  // Subscribed to vault.unlocked before the services below: rows are adopted and checked first.
  const integrity = new IntegrityGuard({ database, vault, clock, events });
  vault.useSettingIntegrity(vaultSettingAccess(integrity));
  const credentials = new CredentialStore({ database, vault, clock, events, integrity });
  const exchangeClients = new ExchangeClientCache({ events, urlOverrides: options.exchangeUrlOverrides ?? {}, timeoutMs: options.exchangeTimeoutMs ?? 10_000 });
  const verifier = new KeyVerifier({ credentials, clients: exchangeClients, clock });
  const rotation = new KeyRotation({ credentials, verifier, clients: exchangeClients });
  const scheduler = new VerificationScheduler({ database, vault, credentials, verifier, clock, integrity });
  const trading = new Trading({ database, vault, credentials, clients: exchangeClients, clock, events, integrity });
  const keyRetirement = new KeyRetirement({ database, clock, credentials, trading });
  const webhook = new WebhookService({ database, clock, events, vault, credentials, trading, integrity });
  let closed = false;
  return {
    home: options.home,
    database,
    events,
    clock,
    vault,
    credentials,
    exchangeClients,
    verifier,
    rotation,
    scheduler,
    trading,
    keyRetirement,
    webhook,
    integrity,
    audit: {
      list: (query) => listAudit(database.db, query),
      verify: () => verifyAuditChain(database, auditSigner.key),
    },
    close() {
      if (closed) return;
      closed = true;
      webhook.close();
      scheduler.stop();
      exchangeClients.clear();
      vault.shutdown();
      database.close();
    },
  };
}
