/** Each provider's dialect, by the provider ids of electron/shared/ai-providers.ts. */
import type { AiProviderId } from '../../shared/ai-providers';
import type { AiDialect } from './dialect';
import {
  deepSeekDialect,
  groqDialect,
  mistralDialect,
  openAiCompatibleDialect,
  openAiDialect,
  openRouterDialect,
  perplexityDialect,
  togetherDialect,
  xAiDialect,
} from './openai-like-dialects';
import { anthropicDialect, azureOpenAiDialect, cohereDialect, googleDialect } from './own-format-dialects';

export const aiDialects: Readonly<Record<AiProviderId, AiDialect>> = {
  openai: openAiDialect,
  anthropic: anthropicDialect,
  google: googleDialect,
  openrouter: openRouterDialect,
  xai: xAiDialect,
  mistral: mistralDialect,
  groq: groqDialect,
  deepseek: deepSeekDialect,
  together: togetherDialect,
  perplexity: perplexityDialect,
  cohere: cohereDialect,
  'openai-compatible': openAiCompatibleDialect,
  'azure-openai': azureOpenAiDialect,
};
