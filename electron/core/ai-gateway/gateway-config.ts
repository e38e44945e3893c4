/**
 * The AI gateway's stored configuration as a person reads and changes it: its settings, each key's
 * budget and calls-per-minute cap, and the price table. All three decide whether money is spent, so
 * each is a MAC'd setting (a value changed outside Keywarden reads as its safe default and raises
 * the alarm, which stops the gateway) and every change is audited in the same transaction. The
 * gateway reads them on every call, through a copy at most a second old (the CLI may change them
 * while the desktop app runs the gateway).
 */
import { appendAudit } from '../audit/audit-log';
import type { AuditActor } from '../audit/audit-schema';
import type { Clock } from '../clock';
import type { CredentialRepository } from '../credentials/credential-repository';
import { KeywardenError } from '../errors';
import type { RowGuard } from '../integrity/integrity-guard';
import { readProtectedSetting, writeProtectedSetting } from '../integrity/protected-setting';
import type { OpenedDatabase } from '../store/database';
import { gatewayBudgetsSetting, gatewayPricesSetting, gatewaySettingsSetting, type SettingDefinition } from '../store/settings-registry';
import { CachedSetting } from '../store/settings-store';
import { isAiProviderId } from '../../shared/ai-providers';
import {
  GatewaySettings,
  GatewaySettingsPatch,
  RemoveModelPriceInput,
  SetKeyBudgetInput,
  SetModelPriceInput,
  type KeyBudget,
  type ModelPrice,
} from './gateway-schema';
import { withPrice, withoutPrice } from './price-table';

export interface GatewayConfigOptions {
  readonly database: OpenedDatabase;
  readonly clock: Clock;
  readonly integrity: RowGuard;
  readonly credentials: CredentialRepository;
}

export class GatewayConfig {
  readonly #options: GatewayConfigOptions;
  readonly #settings: CachedSetting<GatewaySettings>;
  readonly #budgets: CachedSetting<readonly KeyBudget[]>;
  readonly #prices: CachedSetting<readonly ModelPrice[]>;

  constructor(options: GatewayConfigOptions) {
    this.#options = options;
    this.#settings = this.#cached(gatewaySettingsSetting);
    this.#budgets = this.#cached(gatewayBudgetsSetting);
    this.#prices = this.#cached(gatewayPricesSetting);
  }

  /** Works while locked too (the stored value, its MAC checked at the next unlock). */
  settings(): GatewaySettings {
    return this.#settings.get();
  }

  budgets(): readonly KeyBudget[] {
    return this.#budgets.get();
  }

  budgetOf(credentialId: string): KeyBudget | undefined {
    return this.budgets().find((budget) => budget.credentialId === credentialId);
  }

  prices(): readonly ModelPrice[] {
    return this.#prices.get();
  }

  /** Reads all three again at the next use (another writer, a restore). */
  forgetCached(): void {
    for (const cached of [this.#settings, this.#budgets, this.#prices]) cached.invalidate();
  }

  updateSettings(rawPatch: GatewaySettingsPatch, actor: AuditActor): GatewaySettings {
    const patch = GatewaySettingsPatch.parse(rawPatch);
    const next = GatewaySettings.parse({ ...this.#fresh(gatewaySettingsSetting), ...patch });
    this.#store(gatewaySettingsSetting, next, this.#settings, actor, 'gateway.settings', { ...next });
    return next;
  }

  /** Sets or clears a key's budget and cap; a key left with neither drops off the list. */
  setBudget(rawInput: SetKeyBudgetInput, actor: AuditActor): KeyBudget | undefined {
    const input = SetKeyBudgetInput.parse(rawInput);
    const key = this.#options.credentials.get(input.ref);
    if (key.kind !== 'ai') throw new KeywardenError('INVALID_INPUT', `"${key.label}" is not an AI provider key: budgets are for calls through the AI gateway.`, { field: 'ref' });
    const current = this.#fresh(gatewayBudgetsSetting);
    const before = current.find((budget) => budget.credentialId === key.id);
    const next: KeyBudget = {
      credentialId: key.id,
      monthlyUsd: input.monthlyUsd === undefined ? (before?.monthlyUsd ?? null) : input.monthlyUsd,
      requestsPerMinute: input.requestsPerMinute === undefined ? (before?.requestsPerMinute ?? null) : input.requestsPerMinute,
    };
    const kept = current.filter((budget) => budget.credentialId !== key.id);
    const empty = next.monthlyUsd === null && next.requestsPerMinute === null;
    this.#store(gatewayBudgetsSetting, empty ? kept : [...kept, next], this.#budgets, actor, 'gateway.budget', {
      key: key.id,
      label: key.label,
      monthlyUsd: next.monthlyUsd,
      requestsPerMinute: next.requestsPerMinute,
    });
    return empty ? undefined : next;
  }

  setPrice(rawInput: SetModelPriceInput, actor: AuditActor): readonly ModelPrice[] {
    const input = SetModelPriceInput.parse(rawInput);
    const provider = knownProvider(input.provider);
    const entry: ModelPrice = { model: input.model, provider, inputUsdPerMTok: input.inputUsdPerMTok, outputUsdPerMTok: input.outputUsdPerMTok, example: false };
    const next = withPrice(this.#fresh(gatewayPricesSetting), entry);
    this.#store(gatewayPricesSetting, next, this.#prices, actor, 'gateway.price', { model: entry.model, provider, inputUsdPerMTok: entry.inputUsdPerMTok, outputUsdPerMTok: entry.outputUsdPerMTok });
    return next;
  }

  removePrice(rawInput: { model: string; provider?: string | undefined }, actor: AuditActor): readonly ModelPrice[] {
    const input = RemoveModelPriceInput.parse(rawInput);
    const provider = knownProvider(input.provider);
    const current = this.#fresh(gatewayPricesSetting);
    const next = withoutPrice(current, input.model, provider);
    if (next.length === current.length) throw new KeywardenError('INVALID_INPUT', `The price table has no entry for ${input.model}${provider ? ` under ${provider}` : ' (for any provider)'}.`, { field: 'model' });
    this.#store(gatewayPricesSetting, next, this.#prices, actor, 'gateway.price.remove', { model: input.model, provider });
    return next;
  }

  #cached<T>(setting: SettingDefinition<T>): CachedSetting<T> {
    return new CachedSetting(() => this.#fresh(setting), this.#options.clock);
  }

  #fresh<T>(setting: SettingDefinition<T>): T {
    const { database, integrity } = this.#options;
    return readProtectedSetting(database.db, setting, integrity.rowsKeyIfUnlocked(), integrity);
  }

  #store<T>(setting: SettingDefinition<T>, value: T, cache: CachedSetting<T>, actor: AuditActor, action: string, details: Record<string, string | number | boolean | null>): void {
    const { database, clock, integrity } = this.#options;
    const rowsKey = integrity.rowsKey();
    database.db.transaction((tx) => {
      writeProtectedSetting(tx, setting, value, clock.now(), rowsKey);
      appendAudit(tx, clock, { actor, action, outcome: 'ok', details });
    }, { behavior: 'immediate' });
    integrity.rowWritten();
    cache.set(value);
  }
}

function knownProvider(provider: string | undefined): string | null {
  if (provider === undefined) return null;
  const id = provider.trim().toLowerCase();
  if (!isAiProviderId(id)) throw new KeywardenError('UNKNOWN_PROVIDER', `Keywarden does not know the AI provider "${provider.slice(0, 40)}" (keywarden ai-providers lists them).`, { field: 'provider' });
  return id;
}
