/** Prices and costs of the gateway: exact and dated model names, provider-specific entries first, micro-dollars rounded up. */
import { describe, expect, it } from 'vitest';
import { examplePrices } from './example-prices';
import type { ModelPrice } from './gateway-schema';
import { costMicroUsd, priceOf, withPrice, withoutPrice } from './price-table';

const price = (model: string, provider: string | null, input: number, output: number): ModelPrice => ({ model, provider, inputUsdPerMTok: input, outputUsdPerMTok: output, example: false });

describe('the price table', () => {
  const table = [price('gpt-4o', 'openai', 2.5, 10), price('gpt-4o-mini', 'openai', 0.15, 0.6), price('llama-3.3-70b', null, 0.6, 0.8), price('llama-3.3-70b', 'groq', 0.59, 0.79)];

  it('finds a model by its name, a dated snapshot of it, and the provider\'s own entry before one for any provider', () => {
    expect(priceOf(table, 'openai', 'GPT-4o-mini')?.inputUsdPerMTok).toBe(0.15);
    expect(priceOf(table, 'openai', 'gpt-4o-2024-08-06')?.inputUsdPerMTok).toBe(2.5);
    expect(priceOf(table, 'openai', 'gpt-4o-mini-2024-07-18')?.inputUsdPerMTok).toBe(0.15);
    expect(priceOf(table, 'openai', 'gpt-4o-audio-preview')).toBeUndefined();
    expect(priceOf(table, 'groq', 'llama-3.3-70b')?.inputUsdPerMTok).toBe(0.59);
    expect(priceOf(table, 'together', 'llama-3.3-70b')?.inputUsdPerMTok).toBe(0.6);
    expect(priceOf(table, 'anthropic', 'gpt-4o')).toBeUndefined();
    expect(priceOf(examplePrices, 'anthropic', 'claude-sonnet-4-5-20250929')?.model).toBe('claude-sonnet-4-5');
  });

  it('counts millionths of a dollar, rounded up but never past a whole number by a binary fraction', () => {
    expect(costMicroUsd(price('m', null, 0.15, 0.6), 1000, 0)).toBe(150);
    expect(costMicroUsd(price('m', null, 0.15, 0.6), 21, 7)).toBe(8);
    expect(costMicroUsd(price('m', null, 3, 15), 1_000_000, 1_000_000)).toBe(18_000_000);
    expect(costMicroUsd(price('m', null, 0, 0), 5, 5)).toBe(0);
  });

  it('replaces and removes an entry of one model and provider only', () => {
    const replaced = withPrice(table, price('gpt-4o', 'openai', 3, 12));
    expect(replaced.filter((entry) => entry.model === 'gpt-4o')).toEqual([price('gpt-4o', 'openai', 3, 12)]);
    expect(withoutPrice(table, 'llama-3.3-70b', 'groq')).toEqual(table.filter((entry) => entry.provider !== 'groq'));
    expect(examplePrices.every((entry) => entry.example)).toBe(true);
  });
});
