/**
 * The AI gateway as the rest of Keywarden sees it (`core.gateway`, issue 17): a local endpoint that
 * programs call with a local token instead of a real key, its tokens, each key's budget and cap,
 * the price table, and its lifecycle. Hosts start it through the runtime (core/runtime): the desktop
 * app with `startIfEnabled()` (it then follows the `enabled` setting), `keywarden proxy` with `start()`.
 */
import type { AuditActor } from '../audit/audit-schema';
import { aiProviderCatalogue } from '../ai-providers/ai-provider-catalogue';
import type { Clock } from '../clock';
import type { CredentialRepository } from '../credentials/credential-repository';
import type { KeyUsage } from '../credentials/key-usage';
import type { RowGuard } from '../integrity/integrity-guard';
import type { OpenedDatabase } from '../store/database';
import type { Vault } from '../vault/vault';
import { AiCalls } from './ai-calls';
import { GatewayConfig } from './gateway-config';
import type { GatewaySettings, GatewaySettingsPatch, GatewayStatus, KeyBudgetLine, ModelPrice, SetKeyBudgetInput, SetModelPriceInput } from './gateway-schema';
import { GatewayServer, defaultGatewayTimeouts, type GatewayTimeouts } from './gateway-server';
import { LocalTokens } from './local-tokens';
import { SpendGuard } from './spend-guard';
import { UpstreamClient } from './upstream-client';

export interface AiGatewayOptions {
  readonly database: OpenedDatabase;
  readonly clock: Clock;
  readonly vault: Vault;
  readonly integrity: RowGuard;
  readonly credentials: CredentialRepository;
  readonly keyUsage: KeyUsage;
  /** Provider id → scheme and host to call instead (KEYWARDEN_SERVICE_URLS: tests and proxies only). */
  readonly serviceUrls: Readonly<Record<string, string>>;
  /** Shorter timeouts for tests. */
  readonly timeouts?: Partial<GatewayTimeouts> | undefined;
}

type Overrides = { readonly host?: string | undefined; readonly port?: number | undefined };

export class AiGateway {
  readonly tokens: LocalTokens;
  readonly config: GatewayConfig;
  readonly #options: AiGatewayOptions;
  readonly #spendGuard: SpendGuard;
  readonly #upstream: UpstreamClient;
  readonly #calls: AiCalls;
  readonly #server: GatewayServer;
  /** True once the desktop app asked the gateway to follow the `enabled` setting. */
  #followEnabled = false;
  /** Host and port given to start() over the stored ones (keywarden proxy --port). */
  #override: Overrides = {};

  constructor(options: AiGatewayOptions) {
    this.#options = options;
    const { database, clock, integrity, credentials, keyUsage, vault } = options;
    const timeouts = { ...defaultGatewayTimeouts, ...options.timeouts };
    this.config = new GatewayConfig({ database, clock, integrity, credentials });
    this.tokens = new LocalTokens({ database, clock, integrity, credentials, keyUsage });
    this.#spendGuard = new SpendGuard({ config: this.config, keyUsage, clock });
    this.#upstream = new UpstreamClient({ answerStartMs: timeouts.answerStartMs, idleMs: timeouts.answerIdleMs });
    this.#calls = new AiCalls({ vault, integrity, credentials, tokens: this.tokens, spendGuard: this.#spendGuard, upstream: this.#upstream, clock, serviceUrls: options.serviceUrls });
    this.#server = new GatewayServer({ calls: this.#calls, settings: () => this.config.settings(), timeouts });
  }

  settings(): GatewaySettings {
    return this.config.settings();
  }

  /** Changes settings; a running gateway moves to a new port, and in the app follows `enabled`. */
  async updateSettings(patch: GatewaySettingsPatch, actor: AuditActor): Promise<GatewaySettings> {
    const before = this.config.settings();
    const next = this.config.updateSettings(patch, actor);
    const followsSettings = this.#override.host === undefined && this.#override.port === undefined;
    if (this.#followEnabled && !next.enabled) await this.stop();
    else if (this.#followEnabled && next.enabled && !this.#server.address) await this.start();
    else if ((next.host !== before.host || next.port !== before.port) && this.#server.address && followsSettings) {
      await this.#server.stop();
      await this.start();
    }
    return next;
  }

  /** Every AI key that is not revoked, with its budget, cap and this month's spend through the gateway. */
  budgets(): KeyBudgetLine[] {
    return this.#options.credentials
      .list()
      .filter((key) => key.kind === 'ai' && key.status !== 'revoked')
      .map((key) => this.#budgetLine(key.id, key.label, key.provider));
  }

  setBudget(input: SetKeyBudgetInput, actor: AuditActor): KeyBudgetLine {
    this.config.setBudget(input, actor);
    const key = this.#options.credentials.get(input.ref);
    return this.#budgetLine(key.id, key.label, key.provider);
  }

  prices(): readonly ModelPrice[] {
    this.#options.vault.requireKeyring();
    return this.config.prices();
  }

  setPrice(input: SetModelPriceInput, actor: AuditActor): readonly ModelPrice[] {
    return this.config.setPrice(input, actor);
  }

  removePrice(input: { model: string; provider?: string | undefined }, actor: AuditActor): readonly ModelPrice[] {
    return this.config.removePrice(input, actor);
  }

  /** Starts the gateway (host and port from the settings unless given). */
  async start(overrides: Overrides = {}): Promise<GatewayStatus> {
    if (overrides.host !== undefined || overrides.port !== undefined) this.#override = overrides;
    const settings = this.config.settings();
    if (!this.#server.address) await this.#server.start(this.#override.host ?? settings.host, this.#override.port ?? settings.port);
    return this.status();
  }

  /** For the desktop app: run the gateway whenever the `enabled` setting is on, from now on. */
  async startIfEnabled(): Promise<GatewayStatus> {
    this.#followEnabled = true;
    if (this.config.settings().enabled) await this.start();
    return this.status();
  }

  /** Undoes startIfEnabled: stops the gateway, and a later `enabled` setting no longer starts it. */
  async stopFollowingEnabled(): Promise<void> {
    this.#followEnabled = false;
    await this.stop();
  }

  async stop(): Promise<void> {
    await this.#server.stop();
  }

  status(): GatewayStatus {
    const settings = this.config.settings();
    const address = this.#server.address;
    const localUrl = address ? `http://${address.host.includes(':') ? `[${address.host}]` : address.host}:${address.port}` : null;
    return {
      running: address !== undefined,
      enabled: settings.enabled,
      host: address?.host ?? this.#override.host ?? settings.host,
      port: address?.port ?? this.#override.port ?? settings.port,
      localUrl,
      sdkBaseUrls: localUrl === null ? [] : sdkBaseUrls(localUrl),
      inFlight: this.#server.inFlight,
      refused: this.#calls.refusedCounts(),
    };
  }

  /** Synchronous stop for the core's close(). */
  close(): void {
    this.#server.stopNow();
    this.#upstream.close();
  }

  #budgetLine(credentialId: string, label: string, provider: string): KeyBudgetLine {
    const budget = this.config.budgetOf(credentialId);
    return {
      credentialId,
      label,
      provider,
      monthlyUsd: budget?.monthlyUsd ?? null,
      requestsPerMinute: budget?.requestsPerMinute ?? null,
      spentUsd: this.#spendGuard.spentMicroUsd(credentialId) / 1e6,
    };
  }
}

/**
 * What to give each official SDK: the provider's usual base URL with its scheme and host replaced
 * by the gateway's and the provider id (docs/ai-gateway.md "Routes"). Anthropic's and Google's SDKs
 * add the version to the path themselves. Providers whose address comes with the key are left out.
 */
function sdkBaseUrls(localUrl: string): GatewayStatus['sdkBaseUrls'] {
  return aiProviderCatalogue.flatMap((entry) => {
    if (entry.defaultBaseUrl === null) return [];
    const path = entry.gateway.format === 'openai' ? new URL(entry.defaultBaseUrl).pathname.replace(/\/+$/, '') : '';
    return [{ provider: entry.id, name: entry.name, baseUrl: `${localUrl}/${entry.id}${path}` }];
  });
}
