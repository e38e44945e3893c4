/**
 * The price table a new vault starts with: list prices of a few well-known models, in US dollars per
 * million tokens (input, output), as published by the providers in 2025. They are EXAMPLES, marked
 * so everywhere they are shown: prices change, cached and batch calls cost less, and long prompts
 * cost more on some models. The person checks them against the provider's price page and sets
 * their own (keywarden proxy prices set …). Pure data.
 */
import type { ModelPrice } from './gateway-schema';

const example = (provider: string, model: string, inputUsdPerMTok: number, outputUsdPerMTok: number): ModelPrice => ({ model, provider, inputUsdPerMTok, outputUsdPerMTok, example: true });

export const examplePrices: readonly ModelPrice[] = [
  example('openai', 'gpt-4o', 2.5, 10),
  example('openai', 'gpt-4o-mini', 0.15, 0.6),
  example('openai', 'gpt-4.1', 2, 8),
  example('openai', 'gpt-4.1-mini', 0.4, 1.6),
  example('openai', 'gpt-4.1-nano', 0.1, 0.4),
  example('openai', 'gpt-5', 1.25, 10),
  example('openai', 'gpt-5-mini', 0.25, 2),
  example('anthropic', 'claude-sonnet-4-5', 3, 15),
  example('anthropic', 'claude-haiku-4-5', 1, 5),
  example('anthropic', 'claude-opus-4-1', 15, 75),
  example('google', 'gemini-2.5-flash', 0.3, 2.5),
  example('google', 'gemini-2.5-pro', 1.25, 10),
];
