/**
 * The AI gateway's values (issue 17, docs/ai-gateway.md): its settings, its status, local tokens,
 * per-key budgets and the price table. Pure zod: the contract and the settings registry import it.
 * No value here holds a secret, except `localToken` of a token just created, shown that once.
 */
import { z } from 'zod';
import { isLoopbackHost } from '../../shared/loopback-host';
import { CredentialLabel, CredentialRef } from '../credentials/credential-schema';

/** Highest price a person can give: far above any model's list price, low enough to stay exact in micro-dollars. */
export const MAX_USD_PER_MTOK = 100_000;
/** Highest monthly budget of one key. */
export const MAX_MONTHLY_USD = 1_000_000_000;

const loopbackHost = z
  .string()
  .trim()
  .refine(isLoopbackHost, 'must be a loopback address such as 127.0.0.1 or ::1: the gateway serves programs on this computer only');

export const GatewaySettings = z.strictObject({
  /** Run the gateway while the desktop app runs. */
  enabled: z.boolean(),
  host: loopbackHost,
  port: z.number().int().min(0).max(65_535),
  /** Largest request body taken in (a chat request with images or a file upload). */
  maxBodyBytes: z.number().int().min(1024).max(64 * 1024 * 1024),
  /** Calls forwarded at the same time; more wait for none: they are answered "busy". */
  maxConcurrent: z.number().int().min(1).max(1024),
});
export type GatewaySettings = z.infer<typeof GatewaySettings>;

export const GatewaySettingsPatch = GatewaySettings.partial();
export type GatewaySettingsPatch = z.input<typeof GatewaySettingsPatch>;

/** Calls refused before they reached a provider, counted since the gateway started (never stored). */
export const GatewayRefusalCounts = z.object({
  unauthorized: z.number().int(),
  budget: z.number().int(),
  rate: z.number().int(),
  other: z.number().int(),
});
export type GatewayRefusalCounts = z.infer<typeof GatewayRefusalCounts>;

export const GatewayStatus = z.object({
  running: z.boolean(),
  enabled: z.boolean(),
  host: z.string(),
  port: z.number().int(),
  /** http://host:port of the running gateway; null when stopped. */
  localUrl: z.string().nullable(),
  /** The base URL to give each provider's official SDK, while running (docs/ai-gateway.md "Routes"). */
  sdkBaseUrls: z.array(z.object({ provider: z.string(), name: z.string(), baseUrl: z.string() })),
  inFlight: z.number().int(),
  refused: GatewayRefusalCounts,
});
export type GatewayStatus = z.infer<typeof GatewayStatus>;

/** What one local token did through the gateway in the current calendar month (UTC). */
export const LocalTokenUsage = z.object({
  calls: z.number().int(),
  failed: z.number().int(),
  tokensIn: z.number().int(),
  tokensOut: z.number().int(),
  /** Null when no call had a price. */
  costUsd: z.number().nullable(),
});

export const LocalTokenInfo = z.object({
  id: z.string(),
  label: z.string(),
  /** The AI keys it may use, one per provider. */
  keys: z.array(z.object({ id: z.string(), label: z.string(), provider: z.string() })),
  createdAt: z.number(),
  lastUsedAt: z.number().nullable(),
  revokedAt: z.number().nullable(),
  thisMonth: LocalTokenUsage,
});
export type LocalTokenInfo = z.infer<typeof LocalTokenInfo>;

export const CreateLocalTokenInput = z.strictObject({
  /** What the token is for ("research bot"); the same rules as a key's label. */
  label: CredentialLabel,
  /** The AI keys it may use, by id or label: at most one per provider. */
  keys: z.array(CredentialRef).min(1, 'must name at least one AI key').max(20),
});
export type CreateLocalTokenInput = z.input<typeof CreateLocalTokenInput>;

export const LocalTokenRef = z.string().trim().min(1, 'must name a local token by id or label').max(100);

/** A token just made: `localToken` is shown this once; only its hash is kept. */
export const IssuedLocalToken = z.object({
  localToken: z.string(),
  info: LocalTokenInfo,
});
export type IssuedLocalToken = z.infer<typeof IssuedLocalToken>;

/** A key's limits in the gateway: null is no limit. */
export const KeyBudget = z.strictObject({
  credentialId: z.string(),
  monthlyUsd: z.number().positive().max(MAX_MONTHLY_USD).nullable(),
  requestsPerMinute: z.number().int().min(1).max(100_000).nullable(),
});
export type KeyBudget = z.infer<typeof KeyBudget>;

export const KeyBudgets = z.array(KeyBudget).max(1000);

/** A key's limits with what it spent this calendar month (UTC) through the gateway. */
export const KeyBudgetLine = z.object({
  credentialId: z.string(),
  label: z.string(),
  provider: z.string(),
  monthlyUsd: z.number().nullable(),
  requestsPerMinute: z.number().int().nullable(),
  spentUsd: z.number(),
});
export type KeyBudgetLine = z.infer<typeof KeyBudgetLine>;

export const SetKeyBudgetInput = z.strictObject({
  ref: CredentialRef,
  /** US dollars per calendar month (UTC); null removes the budget. */
  monthlyUsd: z.number().positive('must be more than 0 (or null for no budget)').max(MAX_MONTHLY_USD, `must be at most ${MAX_MONTHLY_USD} (US dollars)`).nullable().optional(),
  /** Calls per minute; null removes the cap. */
  requestsPerMinute: z.number().int('must be a whole number').min(1, 'must be at least 1 (or null for no cap)').max(100_000).nullable().optional(),
});
export type SetKeyBudgetInput = z.input<typeof SetKeyBudgetInput>;

const ModelName = z.string().trim().min(1, 'must name a model').max(200);
const Usd = z.number().min(0, 'must be 0 or more').max(MAX_USD_PER_MTOK, `must be at most ${MAX_USD_PER_MTOK} (US dollars per million tokens)`);

/** One model's price, in US dollars per million tokens. `provider` null: the model under any provider. */
export const ModelPrice = z.strictObject({
  model: ModelName,
  provider: z.string().nullable(),
  inputUsdPerMTok: Usd,
  outputUsdPerMTok: Usd,
  /** One of Keywarden's starting examples, not checked by the person: check it against the provider's price list. */
  example: z.boolean(),
});
export type ModelPrice = z.infer<typeof ModelPrice>;

export const PriceTable = z.array(ModelPrice).max(500);

export const SetModelPriceInput = z.strictObject({
  model: ModelName,
  /** An AI provider id, when the price holds under that provider only. */
  provider: z.string().trim().min(1).max(40).optional(),
  inputUsdPerMTok: Usd,
  outputUsdPerMTok: Usd,
});
export type SetModelPriceInput = z.input<typeof SetModelPriceInput>;

export const RemoveModelPriceInput = z.strictObject({
  model: ModelName,
  provider: z.string().trim().min(1).max(40).optional(),
});
