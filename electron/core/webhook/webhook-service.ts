/**
 * The webhook module as the rest of Keywarden sees it (`core.webhook`): alert sources and their
 * tokens, the listener's settings and lifecycle, the event record, the message generator and the
 * simulator. Hosts start the listener through the runtime (core/runtime): the desktop app with
 * `startIfEnabled()` (the listener then follows the `enabled` setting), `serve` with `start()`.
 */
import { requireTradingKey } from '../credentials/exchange-keys';
import { appendAudit } from '../audit/audit-log';
import type { AuditActor } from '../audit/audit-schema';
import type { Clock } from '../clock';
import type { CredentialInfo } from '../credentials/credential-schema';
import type { CredentialRepository } from '../credentials/credential-repository';
import { isKeywardenError, KeywardenError } from '../errors';
import type { CoreEvents } from '../events';
import type { OpenedDatabase } from '../store/database';
import type { TradingApi } from '../trading/trading-api';
import type { Vault } from '../vault/vault';
import { AlertIntake } from './alert-intake';
import { generateAlertMessage } from './alert-message';
import { simulateAlert } from './alert-simulator';
import { SecretRedactor } from './secret-redactor';
import type { WebhookRefusalCount } from './refusal-count-schema';
import { WebhookEventLog } from './webhook-event-log';
import { WebhookListener, assertListenable } from './webhook-listener';
import type { AlertMessage, AlertMessageRequest, IssuedToken, Simulation, SimulationRequest, SourceScopeInput, WebhookEventInfo, WebhookSettings, WebhookSettingsPatch, WebhookStatus } from './webhook-schema';
import { mergeWebhookSettings, readWebhookSettings, writeWebhookSettings } from './webhook-settings';
import { reclaimSpace } from './event-retention';
import { WebhookSources, type IssuedSourceToken } from './webhook-sources';
import type { RowGuard } from '../integrity/integrity-guard';
import { TunnelService } from './tunnels/tunnel-service';
import type { PositionDrift } from './position-drift';

const PRUNE_EVERY_MS = 86_400_000;

export interface WebhookServiceOptions {
  readonly database: OpenedDatabase;
  readonly clock: Clock;
  readonly events: CoreEvents;
  readonly vault: Vault;
  readonly credentials: CredentialRepository;
  readonly trading: TradingApi;
  readonly integrity: RowGuard;
  /** Position drift, handed to the intake (position-drift.ts). */
  readonly drift?: PositionDrift;
  /** The first restart delay of an exited tunnel client (tests shorten it). */
  readonly tunnelBackoffMs?: number;
}

export class WebhookService {
  readonly sources: WebhookSources;
  /** The tunnel client run with the listener (the `tunnel` setting). */
  readonly tunnel: TunnelService;
  readonly #options: WebhookServiceOptions;
  readonly #log: WebhookEventLog;
  readonly #intake: AlertIntake;
  readonly #listener: WebhookListener;
  /** The stored settings, re-read at most once a second while requests arrive (the CLI may change them). */
  #settings: WebhookSettings;
  #settingsReadAt = 0;
  /** True once the desktop app asked the listener to follow the `enabled` setting. */
  #followEnabled = false;
  /** Host/port given to start() that override the stored ones (the CLI's --host/--port). */
  #override: { host?: string | undefined; port?: number | undefined } = {};
  /** Prunes old refused requests once a day while the listener runs. */
  #pruneTimer: NodeJS.Timeout | undefined;

  constructor(options: WebhookServiceOptions) {
    this.#options = options;
    this.sources = new WebhookSources(options);
    this.#log = new WebhookEventLog(options.database);
    this.#settings = readWebhookSettings(options.database.db, options.integrity);
    this.#intake = new AlertIntake({ ...options, sources: this.sources, log: this.#log, settings: () => this.#currentSettings() });
    this.tunnel = new TunnelService({ ...options, ...(options.tunnelBackoffMs !== undefined ? { backoffMs: options.tunnelBackoffMs } : {}) });
    this.#listener = new WebhookListener({ intake: this.#intake, settings: () => this.#currentSettings(), clock: options.clock, tunnel: () => this.tunnel.runningTool() });
    // Alerts a crash left unsettled are recovered as soon as the keys are available.
    options.events.on('vault.unlocked', () => {
      this.recoverUnsettled();
      void this.#moveToVerifiedAddress().catch(() => undefined);
    });
  }

  /**
   * While locked the listener binds loopback only (its settings cannot be verified then); once the
   * unlock has checked them, a listener that follows the settings moves to the address they give.
   */
  async #moveToVerifiedAddress(): Promise<void> {
    const bound = this.#listener.address;
    if (!bound || this.#override.host !== undefined || this.#override.port !== undefined) return;
    const settings = this.settings();
    if (bound.host === settings.host) return;
    await this.#listener.stop();
    await this.start();
  }

  /** See AlertIntake.recoverUnsettled. */
  recoverUnsettled(): { settled: number; placed: number; failed: number } {
    return this.#intake.recoverUnsettled();
  }

  settings(): WebhookSettings {
    this.#settings = readWebhookSettings(this.#options.database.db, this.#options.integrity);
    this.#settingsReadAt = performance.now();
    return this.#settings;
  }

  /** Changes some settings; a running listener moves to a new host or port, and follows `enabled` in the app. */
  async updateSettings(patch: WebhookSettingsPatch, actor: AuditActor): Promise<WebhookSettings> {
    const before = this.settings();
    const next = mergeWebhookSettings(before, patch);
    const moved = next.host !== before.host || next.port !== before.port;
    const followsSettings = this.#override.host === undefined && this.#override.port === undefined;
    const willListen = (this.#listener.address !== undefined && followsSettings) || (this.#followEnabled && next.enabled);
    // A port that cannot be listened on is refused before anything is saved: the listener stays where it is.
    if (next.port !== before.port && next.port !== 0 && willListen) await assertListenable(next.host, next.port);
    this.#options.database.db.transaction((tx) => {
      writeWebhookSettings(tx, next, this.#options.clock, this.#options.integrity);
      appendAudit(tx, this.#options.clock, { actor, action: 'webhook.settings', outcome: 'ok', details: flatSettings(next) });
    }, { behavior: 'immediate' });
    this.#settings = next;
    this.#intake.resetLimits();
    if (this.#followEnabled && !next.enabled) await this.stop();
    else if (this.#followEnabled && next.enabled && !this.#listener.address) await this.start();
    else if (moved && this.#listener.address && followsSettings) {
      await this.#listener.stop();
      await this.start();
    }
    if (next.tunnel !== before.tunnel) await this.tunnel.follow(next.tunnel, this.#listener.address?.port);
    return next;
  }

  createSource(input: { label: string; scope?: SourceScopeInput | undefined }, actor: AuditActor): IssuedToken {
    return this.#issued(this.sources.create(input, actor));
  }

  rotateToken(ref: string, options: { graceMinutes?: number | undefined }, actor: AuditActor): IssuedToken {
    return this.#issued(this.sources.rotate(ref, options, actor));
  }

  /** Recorded requests, newest first. */
  events(query: { limit: number; source?: string | undefined; beforeId?: number | undefined }): WebhookEventInfo[] {
    this.#options.vault.requireKeyring();
    const sourceId = query.source ? this.sources.get(query.source).id : undefined;
    return this.#log.list({ limit: query.limit, sourceId, beforeId: query.beforeId });
  }

  /** Refusals counted instead of recorded one by one (no valid token, or rate-limited), over the last `hours`. */
  refusalCounts(query: { hours: number }): WebhookRefusalCount[] {
    this.#options.vault.requireKeyring();
    return this.#log.refusalCounts(this.#options.clock.now() - query.hours * 3_600_000);
  }

  /** Starts the listener (host and port from the settings unless given). */
  async start(overrides: { host?: string | undefined; port?: number | undefined } = {}): Promise<WebhookStatus> {
    if (overrides.host !== undefined || overrides.port !== undefined) this.#override = overrides;
    const settings = this.settings();
    if (!this.#listener.address) await this.#listener.start(this.#override.host ?? settings.host, this.#override.port ?? settings.port);
    await this.tunnel.follow(settings.tunnel, this.#listener.address?.port);
    this.recoverUnsettled();
    this.#pruneEvents();
    this.#pruneTimer ??= setInterval(() => this.#pruneEvents({ allowFullVacuum: true }), PRUNE_EVERY_MS).unref();
    return this.status();
  }

  /** For the desktop app: run the listener whenever the `enabled` setting is on, from now on. */
  async startIfEnabled(): Promise<WebhookStatus> {
    this.#followEnabled = true;
    if (this.settings().enabled) await this.start();
    return this.status();
  }

  /** Undoes startIfEnabled: stops the listener, and a later `enabled` setting no longer starts it. */
  async stopFollowingEnabled(): Promise<void> {
    this.#followEnabled = false;
    await this.stop();
  }

  async stop(): Promise<void> {
    this.#stopPruning();
    await this.tunnel.stop();
    await this.#listener.stop();
    await this.#intake.whenIdle();
    this.#log.flush();
  }

  status(): WebhookStatus {
    const settings = this.settings();
    const address = this.#listener.address;
    const host = address?.host ?? this.#override.host ?? settings.host;
    const port = address?.port ?? this.#override.port ?? settings.port;
    return {
      running: address !== undefined,
      enabled: settings.enabled,
      host,
      port,
      localUrl: address ? `http://${hostForUrl(address.host)}:${address.port}` : null,
      publicWebhookUrlPrefix: this.#publicBase(settings) ? `${this.#publicBase(settings)}/webhook/` : null,
      sources: this.sources.count(),
      paused: this.#options.trading.isPaused(),
    };
  }

  /** The TradingView alert message and URL for one account (or several) and a symbol. */
  message(request: AlertMessageRequest): AlertMessage {
    const accounts = (request.accounts ?? [request.account ?? '']).map((ref) => {
      const account = requireTradingKey(this.#options.credentials.get(ref));
      return { id: account.id, label: account.label, kind: account.kind };
    });
    const first = accounts[0];
    if (!first) throw new KeywardenError('INVALID_INPUT', 'Name an account.');
    return generateAlertMessage(request, { account: first, ...(request.accounts ? { accounts } : {}), settings: { ...this.settings(), publicBaseUrl: this.#publicBase(this.settings()) }, localUrl: this.status().localUrl });
  }

  /** What a message would do when TradingView sends it; places nothing. */
  async simulate(request: SimulationRequest): Promise<Simulation> {
    this.#options.vault.requireKeyring();
    const source = request.source ? this.sources.get(request.source) : undefined;
    const { trading, vault } = this.#options;
    return simulateAlert(request, {
      now: this.#options.clock.now(),
      maxAlertAgeSeconds: this.settings().maxAlertAgeSeconds,
      source,
      isPaused: () => trading.isPaused(),
      isUnlocked: () => vault.isUnlocked(),
      account: (ref) => this.#account(ref),
      preview: (intent, context) => trading.preview(intent, context),
      redactor: new SecretRedactor(this.sources.knownTokenHashes()),
    });
  }

  /** Resolves when every accepted alert has settled and been recorded. */
  whenIdle(): Promise<void> {
    return this.#intake.whenIdle();
  }

  /** Synchronous stop for the core's close(): no new requests, buffered events written. */
  close(): void {
    this.#stopPruning();
    this.tunnel.stopNow();
    this.#listener.stopNow();
    this.#log.close();
  }

  /**
   * See WebhookEventLog.prune, then the space goes back to the file (event-retention.ts). The one
   * full VACUUM an older file needs runs only from the daily timer and with no alert in flight.
   * Never throws: a busy database is pruned next time.
   */
  #pruneEvents(options: { readonly allowFullVacuum: boolean } = { allowFullVacuum: false }): void {
    try {
      this.#log.prune(this.#options.clock.now(), this.#currentSettings());
      if (!options.allowFullVacuum) reclaimSpace(this.#options.database.sqlite, { allowFullVacuum: false });
      // Runs in the same turn whenIdle resolves (no request is read in between): no alert waits behind the VACUUM.
      else void this.#intake.whenIdle().then(() => reclaimSpace(this.#options.database.sqlite, { allowFullVacuum: true }), () => undefined);
    } catch {
      // Housekeeping only: the next run catches up.
    }
  }

  #stopPruning(): void {
    clearInterval(this.#pruneTimer);
    this.#pruneTimer = undefined;
  }

  /** The live tunnel's address while one runs, else the person's own (reverse proxy). */
  #publicBase(settings: WebhookSettings): string | null {
    return this.tunnel.publicUrl() ?? settings.publicBaseUrl;
  }

  #currentSettings(): WebhookSettings {
    return performance.now() - this.#settingsReadAt > 1000 ? this.settings() : this.#settings;
  }

  #issued(issued: IssuedSourceToken): IssuedToken {
    const status = this.status();
    const publicUrl = status.publicWebhookUrlPrefix;
    return {
      source: issued.source,
      oneTimeToken: issued.token,
      urlPrefix: publicUrl ?? `${status.localUrl ?? `http://${hostForUrl(status.host)}:${status.port}`}/webhook/`,
      publicUrl: publicUrl !== null,
    };
  }

  #account(ref: string): CredentialInfo | undefined {
    try {
      return this.#options.credentials.get(ref);
    } catch (error) {
      if (isKeywardenError(error, 'CREDENTIAL_NOT_FOUND')) return undefined;
      throw error;
    }
  }
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

function flatSettings(settings: WebhookSettings): Record<string, string | number | boolean | null> {
  const { rateLimits, ...rest } = settings;
  return { ...rest, ...Object.fromEntries(Object.entries(rateLimits).map(([key, value]) => [`rateLimits.${key}`, value])) };
}
