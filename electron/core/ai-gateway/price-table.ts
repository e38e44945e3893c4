/**
 * What a call through the AI gateway costs: the model's price from the person's price table (USD
 * per million tokens), times the tokens the provider reported. USD per million tokens times tokens
 * is exactly millionths of a dollar, the unit key_uses stores.
 */
import type { ModelPrice } from './gateway-schema';

/** A provider's dated snapshot of a model: gpt-4o-2024-08-06, claude-sonnet-4-5-20250929. */
const SNAPSHOT_SUFFIX = /^-(\d{4}-\d{2}-\d{2}|\d{8})$/;

/**
 * The price of `model` under `provider`: an entry for exactly that model (one for this provider
 * before one for any provider), else one the model is a dated snapshot of. Undefined when the
 * table has none: the cost is unknown.
 */
export function priceOf(table: readonly ModelPrice[], provider: string, model: string): ModelPrice | undefined {
  const name = model.trim().toLowerCase();
  const applies = table.filter((entry) => entry.provider === null || entry.provider === provider);
  const ranked = [...applies.filter((entry) => entry.provider === provider), ...applies.filter((entry) => entry.provider === null)];
  const exact = ranked.find((entry) => entry.model.toLowerCase() === name);
  if (exact) return exact;
  return ranked.find((entry) => {
    const base = entry.model.toLowerCase();
    return name.startsWith(base) && SNAPSHOT_SUFFIX.test(name.slice(base.length));
  });
}

/** Millionths of a US dollar for these tokens at this price, rounded up (never less than what was spent). */
export function costMicroUsd(price: Pick<ModelPrice, 'inputUsdPerMTok' | 'outputUsdPerMTok'>, tokensIn: number, tokensOut: number): number {
  const exact = tokensIn * price.inputUsdPerMTok + tokensOut * price.outputUsdPerMTok;
  // Binary fractions (0.15 × 1000 = 150.00000000000003) must not round a whole number up.
  return Math.max(0, Math.ceil(exact - 1e-6));
}

/** The table with `entry` in place of any entry for the same model and provider. */
export function withPrice(table: readonly ModelPrice[], entry: ModelPrice): ModelPrice[] {
  return [...withoutPrice(table, entry.model, entry.provider), entry];
}

/** The table without the entry for this model and provider (null: the one for any provider). */
export function withoutPrice(table: readonly ModelPrice[], model: string, provider: string | null): ModelPrice[] {
  const name = model.trim().toLowerCase();
  return table.filter((other) => other.model.toLowerCase() !== name || other.provider !== provider);
}
