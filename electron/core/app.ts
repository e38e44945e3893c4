/**
 * Builds the Keywarden core: database, vault, credentials, audit log. Runs under plain Node;
 * everything Electron-specific (safeStorage, the native-module build to use) is passed in, so the
 * desktop app, the CLI, the tests and the benchmarks all run this same code.
 */
import type { ReversalWaitOptions } from './trading/reversal-wait';
import { PolymarketVenue } from './trading/polymarket-venue';
import { FuturesService } from './trading/futures/futures-service';
import { FuturesVenue } from './trading/futures/futures-venue';
import { PositionModes } from './trading/futures/position-mode';
import { DerivedCredentials } from './polymarket/derived-credentials';
import { SecretExport } from './credentials/secret-export';
import { AiGateway } from './ai-gateway/ai-gateway';
import type { GatewayTimeouts } from './ai-gateway/gateway-server';
import { attachAuditSigner } from './audit/audit-keeper';
import { listAudit, recordAudit, type AuditQuery } from './audit/audit-log';
import { AuditReader } from './audit/audit-reader';
import type { AuditChainReport, AuditRecord } from './audit/audit-schema';
import { verifyAuditChain } from './audit/audit-verify';
import { systemClock, type Clock } from './clock';
import { createCredentialModules, type CredentialModules } from './credentials/credential-modules';
import { Backups } from './backup/backups';
import { CoreEvents } from './events';
import { EnvImporter } from './imports/env-importer';
import { IntegrityGuard } from './integrity/integrity-guard';
import { vaultSettingAccess } from './integrity/protected-setting';
import { ExchangeClientCache } from './exchanges/exchange-client-cache';
import { KeyRotation } from './key-lifecycle/key-rotation';
import { KeyVerifier } from './key-lifecycle/key-verifier';
import { AccountConnections } from './key-lifecycle/account-connection';
import { VerificationScheduler } from './key-lifecycle/verification-scheduler';
import { openDatabase, type OpenedDatabase } from './store/database';
import { KeyCheckSettings } from './key-lifecycle/key-check-settings';
import { KeyRetirement } from './key-lifecycle/key-retirement';
import { RiskLimitSettings } from './trading/risk-limit-settings';
import { Trading } from './trading/trading';
import type { OsKeychainOptions } from './vault/os-keychain-protector';
import type { ScryptCost } from './vault/passphrase-protector';
import { Vault } from './vault/vault';
import { WebhookService } from './webhook/webhook-service';
import { ListenerWatch } from './webhook/listener-watch';
import { PositionDrift } from './webhook/position-drift';

export interface CoreOptions {
  /** The data folder. */
  readonly home: string;
  /** drizzle/ folder with the SQL migrations. */
  readonly migrationsFolder: string;
  readonly clock?: Clock;
  readonly osKeychain?: OsKeychainOptions;
  readonly scryptCost?: ScryptCost;
  readonly nativeBinding?: string;
  /** Provider id → base URL, for exchanges and AI providers (KEYWARDEN_SERVICE_URLS or KEYWARDEN_EXCHANGE_URLS; tests and proxies only, never from the UI). */
  readonly exchangeUrlOverrides?: Readonly<Record<string, string>>;
  /** Per-request timeout for exchange calls and AI key checks. */
  readonly exchangeTimeoutMs?: number;
  /** The AI gateway's timeouts, shorter in tests. */
  readonly gatewayTimeouts?: Partial<GatewayTimeouts>;
  /** How long a tunnel client that exited waits before its first restart (doubling up to 30 s); shorter in tests. */
  readonly tunnelBackoffMs?: number;
  /** How long an alert that reverses a position waits for the previous order to settle; shorter in tests. */
  readonly reversalWait?: ReversalWaitOptions;
}

/** The credential modules (credential-modules.ts) are members too: credentials, fieldPreparer, rotatedKeys, … */
export interface Core extends CredentialModules {
  readonly home: string;
  readonly events: CoreEvents;
  readonly clock: Clock;
  readonly vault: Vault;
  readonly exchangeClients: ExchangeClientCache;
  readonly verifier: KeyVerifier;
  /** An exchange account's outbound proxy as shown, and "Test proxy" (issue 20). */
  readonly connections: AccountConnections;
  readonly rotation: KeyRotation;
  readonly scheduler: VerificationScheduler;
  readonly trading: Trading;
  /** Polymarket markets and positions (its orders go through `trading`). */
  readonly polymarket: PolymarketVenue;
  /** Perpetual futures: positions, leverage a person sets, closing, panic's positions (orders go through `trading`). */
  readonly futures: FuturesService;
  /** The risk limits a person sets, with today's usage. */
  readonly limits: RiskLimitSettings;
  /** Re-verification interval and rotation reminder age. */
  readonly keyCheckSettings: KeyCheckSettings;
  /** Revoking or deleting a key: its open orders first. */
  readonly keyRetirement: KeyRetirement;
  readonly webhook: WebhookService;
  /** Whether a lock refuses alerts (issue 19); the idle lock asks it when "keep unlocked" is on. */
  readonly listenerWatch: ListenerWatch;
  /** Position drift of alerts that carry the strategy's position (issue 19). */
  readonly drift: PositionDrift;
  /** The local AI gateway: local tokens, budgets, prices, and the endpoint programs call. */
  readonly gateway: AiGateway;
  /** MACs of what decides whether money moves, and the alarm when one fails. */
  readonly integrity: IntegrityGuard;
  /** Encrypted backups: export and restore. */
  readonly backups: Backups;
  /** Keys from a .env file. */
  readonly envImporter: EnvImporter;
  /** A wallet's private key or recovery phrase, taken out again after the passphrase is typed again. */
  readonly secretExport: SecretExport;
  readonly audit: {
    list(query: AuditQuery): AuditRecord[];
    verify(): AuditChainReport;
    /** Sentences with key labels, filtered and searched (audit-reader.ts); CSV export. */
    readonly reader: AuditReader;
  };
  /** Resolves once what was committed so far is synced to disk (a failed sync is retried in the background). */
  flushed(): Promise<void>;
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
  const credentialModules = createCredentialModules({ database, vault, clock, events, integrity });
  const { credentials, fieldPreparer, rotatedKeys, verificationRecords } = credentialModules;
  const exchangeClients = new ExchangeClientCache({ events, urlOverrides: options.exchangeUrlOverrides ?? {}, timeoutMs: options.exchangeTimeoutMs ?? 10_000, storeVersion: () => database.dataVersion() });
  // Polymarket credentials derived from keys: in memory only, forgotten at every lock.
  const derivedCredentials = new DerivedCredentials();
  events.on('vault.locked', () => derivedCredentials.clear());
  const verifier = new KeyVerifier({ credentials, verificationRecords, fieldPreparer, clients: exchangeClients, clock, serviceUrls: options.exchangeUrlOverrides ?? {}, timeoutMs: options.exchangeTimeoutMs ?? 10_000, derivedCredentials });
  const rotation = new KeyRotation({ credentials, fieldPreparer, rotatedKeys, verificationRecords, verifier, clients: exchangeClients, serviceUrls: options.exchangeUrlOverrides ?? {}, timeoutMs: options.exchangeTimeoutMs ?? 10_000 });
  const scheduler = new VerificationScheduler({ database, vault, rotatedKeys, verifier, clock, integrity });
  const polymarket = new PolymarketVenue({ credentials, connection: { baseUrl: options.exchangeUrlOverrides?.polymarket, timeoutMs: options.exchangeTimeoutMs ?? 10_000 }, derived: derivedCredentials, clock });
  // One position-mode cache for the orders and for the positions a person looks at (issue 20).
  const positionModes = new PositionModes(clock);
  const futuresVenue = new FuturesVenue(positionModes);
  const trading = new Trading({ database, vault, credentials, clients: exchangeClients, clock, events, integrity, polymarket, futures: futuresVenue, ...(options.reversalWait ? { reversalWait: options.reversalWait } : {}) });
  const futures = new FuturesService({ database, credentials, clients: exchangeClients, trading, venue: futuresVenue, modes: positionModes, clock, integrity });
  const limits = new RiskLimitSettings({ database, vault, credentials, clock, integrity });
  const keyCheckSettings = new KeyCheckSettings({ database, vault, clock, integrity, changed: () => credentials.settingsChanged() });
  const keyRetirement = new KeyRetirement({ database, clock, credentials, trading });
  const drift = new PositionDrift({ database, clock, events, credentials, clients: exchangeClients, trading });
  const webhook = new WebhookService({ database, clock, events, vault, credentials, trading, integrity, drift, ...(options.tunnelBackoffMs !== undefined ? { tunnelBackoffMs: options.tunnelBackoffMs } : {}) });
  const listenerWatch = new ListenerWatch({ webhook, vault });
  vault.useListenerServing(() => listenerWatch.serving());
  const gateway = new AiGateway({ database, clock, vault, integrity, credentials, keyUsage: credentialModules.keyUsage, serviceUrls: options.exchangeUrlOverrides ?? {}, timeouts: options.gatewayTimeouts });
  const fileDependencies = { database, vault, ...credentialModules, clock, webhook, integrity };
  const backups = new Backups(fileDependencies);
  const envImporter = new EnvImporter(fileDependencies);
  const secretExport = new SecretExport({ database, vault, clock, credentials });
  let closed = false;
  const core: Core = {
    home: options.home,
    events,
    clock,
    vault,
    ...credentialModules,
    exchangeClients,
    verifier,
    connections: new AccountConnections(credentials, verifier),
    rotation,
    scheduler,
    trading,
    polymarket,
    futures,
    limits,
    keyCheckSettings,
    keyRetirement,
    webhook,
    listenerWatch,
    drift,
    gateway,
    integrity,
    backups,
    envImporter,
    secretExport,
    audit: {
      list: (query) => listAudit(database.db, query),
      verify: () => verifyAuditChain(database, auditSigner.key),
      reader: new AuditReader(database.db, credentials),
    },
    flushed: () => database.flushed(),
    close() {
      if (closed) return;
      closed = true;
      webhook.close();
      gateway.close();
      scheduler.stop();
      exchangeClients.clear();
      vault.shutdown();
      database.close();
    },
  };
  databases.set(core, database);
  return core;
}

/**
 * Tables belong to the core's services, so `Core` has no database for a caller to query. Tests and
 * benchmarks, which inspect the file and tamper with it, reach it here (electron/testing re-exports it).
 */
const databases = new WeakMap<Core, OpenedDatabase>();

export function databaseOf(core: Core): OpenedDatabase {
  const database = databases.get(core);
  if (!database) throw new Error('not a core made by createCore');
  return database;
}
