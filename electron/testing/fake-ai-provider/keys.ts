/**
 * Made-up keys in each provider's format of today (electron/shared/ai-key-shapes.ts), random per
 * call: they open nothing but the fakes.
 */
import { randomBytes } from 'node:crypto';
import type { AiProviderId } from '../../shared/ai-providers';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomText(length: number, alphabet = ALNUM): string {
  return [...randomBytes(length)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

const hex = (length: number): string => randomBytes(Math.ceil(length / 2)).toString('hex').slice(0, length);

export function makeFakeAiKey(provider: AiProviderId): string {
  switch (provider) {
    case 'openai':
      return `sk-proj-${randomText(74, `${ALNUM}-_`)}T3BlbkFJ${randomText(74, `${ALNUM}-_`)}`;
    case 'anthropic':
      return `sk-ant-api03-${randomText(93, `${ALNUM}-_`)}AA`;
    case 'google':
      return `AIza${randomText(35, `${ALNUM}-_`)}`;
    case 'openrouter':
      return `sk-or-v1-${hex(64)}`;
    case 'xai':
      return `xai-${randomText(80)}`;
    case 'mistral':
      return randomText(32);
    case 'groq':
      return `gsk_${randomText(52)}`;
    case 'deepseek':
      return `sk-${hex(32)}`;
    case 'together':
      return `tgp_v1_${randomText(43, `${ALNUM}-_`)}`;
    case 'perplexity':
      return `pplx-${randomText(48)}`;
    case 'cohere':
      return randomText(40);
    case 'openai-compatible':
      return `sk-local-${randomText(24)}`;
    case 'azure-openai':
      return hex(32);
  }
}
