/**
 * The AI providers whose keys Keywarden keeps (issue 17), by id, and the names people know them by.
 * One list for the core's catalogue (core/ai-providers/ai-provider-catalogue.ts), the key shapes
 * checked while a key is typed (ai-key-shapes.ts) and the window's forms.
 *
 * The ids double as keys of KEYWARDEN_EXCHANGE_URLS (DESIGN.md "Verification"), so the providers
 * with a fixed host use lowercase letters only; the two whose address the person gives
 * (`openai-compatible`, `azure-openai`) need no override.
 *
 * This file is the shared pure tier: it imports nothing.
 */

export const aiProviderIds = [
  'openai',
  'anthropic',
  'google',
  'openrouter',
  'xai',
  'mistral',
  'groq',
  'deepseek',
  'together',
  'perplexity',
  'cohere',
  'openai-compatible',
  'azure-openai',
] as const;

export type AiProviderId = (typeof aiProviderIds)[number];

export const aiProviderNames: Readonly<Record<AiProviderId, string>> = {
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  google: 'Google Gemini',
  openrouter: 'OpenRouter',
  xai: 'xAI',
  mistral: 'Mistral',
  groq: 'Groq',
  deepseek: 'DeepSeek',
  together: 'Together AI',
  perplexity: 'Perplexity',
  cohere: 'Cohere',
  'openai-compatible': 'OpenAI-compatible server',
  'azure-openai': 'Azure OpenAI',
};

export function isAiProviderId(value: string): value is AiProviderId {
  return (aiProviderIds as readonly string[]).includes(value);
}
