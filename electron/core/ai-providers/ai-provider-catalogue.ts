/**
 * The AI providers Keywarden knows (issue 17): where each one's API lives, the fields its keys
 * have, the call that proves a key, and the environment variables programs read it from. The how-to
 * for creating a key is ai-key-guides.ts; the meaning of each answer is ai-provider-errors.ts.
 *
 * The check is always the provider's cheapest authenticated read (a models list, or OpenRouter's
 * key info), never a paid call, with the key in a header only. Sources, confirmed with the search
 * tool unless marked otherwise:
 * - OpenAI: developers.openai.com API reference "List models" (GET /models, Bearer); the
 *   OpenAI-Organization and OpenAI-Project headers from the "Organizations and projects" section
 *   as quoted in songquanpeng/one-api#661 and orhanerday/open-ai#151.
 * - Anthropic: platform.claude.com "List Models" (GET /v1/models); x-api-key with
 *   anthropic-version 2023-06-01 as betterleaks anthropic.go validates keys.
 * - Google: ai.google.dev "models.list" (GET https://generativelanguage.googleapis.com/v1beta/models);
 *   the x-goog-api-key header: the issue and SERVICE-FACTS.md.
 * - OpenRouter: openrouter.ai "Get current API key" (GET /api/v1/key, Bearer); its models list
 *   needs no key, so it proves nothing.
 * - Mistral (api.mistral.ai/v1/models), DeepSeek (api.deepseek.com/models): betterleaks mistral.go,
 *   deepseek.go; Groq (api.groq.com/openai/v1/models): SERVICE-FACTS.md and WiredSwift#44;
 *   Together (api.together.xyz/v1/models): can1357/oh-my-pi#8333; xAI (api.x.ai/v1/models):
 *   SERVICE-FACTS.md, not confirmed further.
 * - Perplexity: docs.perplexity.ai cookbook (GET https://api.perplexity.ai/v1/models, Bearer). Not
 *   confirmed: that this list refuses an unknown key (if it answers anyone, a check proves nothing).
 * - Cohere: GET https://api.cohere.com/v1/models with Bearer. Not confirmed: the path (betterleaks
 *   cohere.go checks keys with /v1/connectors instead).
 * - Azure OpenAI: learn.microsoft.com "Models - List" (GET {endpoint}/openai/models?api-version=
 *   2024-10-21, header api-key).
 * - Environment variables: the official SDKs' defaults as used in public code (OPENAI_ORG_ID and
 *   OPENAI_PROJECT_ID of openai-node, CO_API_KEY of cohere-go per gitleaks cohere.go); the second
 *   names of a field are the ones other tools use. Not confirmed one by one.
 */
import type { AiFieldName } from '../../shared/ai-field-reading';
import { defaultAzureApiVersion } from '../../shared/ai-field-shapes';
import { aiProviderIds, aiProviderNames, type AiProviderId } from '../../shared/ai-providers';

/** How the key travels: always a header, never the URL. */
export type AiAuthStyle = 'bearer' | 'x-api-key' | 'x-goog-api-key' | 'api-key';

export interface AiKeyCheckCall {
  readonly method: 'GET';
  /** Appended to the API base (the default, or the base URL / endpoint the person gave). */
  readonly path: string;
  readonly auth: AiAuthStyle;
  /** Headers every call carries besides the key. */
  readonly headers: Readonly<Record<string, string>>;
  /** The query a call needs, from the key's fields (Azure's api-version); never the key. */
  readonly query: (fields: Readonly<Partial<Record<AiFieldName, string>>>) => Readonly<Record<string, string>>;
  /** What a 200 answer holds: a list of models, or OpenRouter's key info (usage and limit). */
  readonly answer: 'model-list' | 'openrouter-key';
}

export interface AiProviderField {
  readonly name: AiFieldName;
  readonly required: boolean;
  /** Sealed in the vault and never shown; the others are shown as typed. */
  readonly secret: boolean;
}

/**
 * How the AI gateway speaks with a provider (docs/ai-gateway.md). `format`: whose request, usage
 * and error shapes its API uses — OpenAI's (which most providers copy), Anthropic's or Google's.
 * `streamUsageOption`: it is known to honour OpenAI's `stream_options.include_usage`, so the gateway
 * may ask a stream for its usage; Groq refused the field with a 400 (vercel/ai#1578), and for the
 * others it is not confirmed, so they are never sent it.
 */
export interface AiGatewayTraits {
  readonly format: 'openai' | 'anthropic' | 'google';
  readonly streamUsageOption: boolean;
}

export interface AiProviderEntry {
  readonly id: AiProviderId;
  readonly name: string;
  /**
   * Scheme, host and path prefix of the API. Null for the providers whose address the person
   * gives (the `baseUrl` of a compatible server; Azure's `endpoint` + /openai).
   */
  readonly defaultBaseUrl: string | null;
  readonly fields: readonly AiProviderField[];
  readonly check: AiKeyCheckCall;
  /** Variable names programs and .env files use for each field, the most common first. */
  readonly env: Readonly<Partial<Record<AiFieldName, readonly string[]>>>;
  readonly gateway: AiGatewayTraits;
}

const apiKey: AiProviderField = { name: 'apiKey', required: true, secret: true };
const noQuery = (): Readonly<Record<string, string>> => ({});
const bearerModels: AiKeyCheckCall = { method: 'GET', path: '/models', auth: 'bearer', headers: {}, query: noQuery, answer: 'model-list' };
const openAiLike: AiGatewayTraits = { format: 'openai', streamUsageOption: false };

/** A provider whose API is at a fixed address, checked with GET <base>/models and a Bearer key. */
function bearerProvider(id: AiProviderId, defaultBaseUrl: string, env: readonly string[]): AiProviderEntry {
  return { id, name: aiProviderNames[id], defaultBaseUrl, fields: [apiKey], check: bearerModels, env: { apiKey: env }, gateway: openAiLike };
}

const entries: readonly AiProviderEntry[] = [
  {
    id: 'openai',
    name: aiProviderNames.openai,
    defaultBaseUrl: 'https://api.openai.com/v1',
    fields: [apiKey, { name: 'organization', required: false, secret: false }, { name: 'project', required: false, secret: false }],
    check: bearerModels,
    env: { apiKey: ['OPENAI_API_KEY'], organization: ['OPENAI_ORG_ID', 'OPENAI_ORGANIZATION'], project: ['OPENAI_PROJECT_ID'] },
    gateway: { format: 'openai', streamUsageOption: true },
  },
  {
    id: 'anthropic',
    name: aiProviderNames.anthropic,
    defaultBaseUrl: 'https://api.anthropic.com/v1',
    fields: [apiKey],
    check: { method: 'GET', path: '/models', auth: 'x-api-key', headers: { 'anthropic-version': '2023-06-01' }, query: noQuery, answer: 'model-list' },
    env: { apiKey: ['ANTHROPIC_API_KEY'] },
    gateway: { format: 'anthropic', streamUsageOption: false },
  },
  {
    id: 'google',
    name: aiProviderNames.google,
    defaultBaseUrl: 'https://generativelanguage.googleapis.com/v1beta',
    fields: [apiKey],
    check: { method: 'GET', path: '/models', auth: 'x-goog-api-key', headers: {}, query: noQuery, answer: 'model-list' },
    env: { apiKey: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'] },
    gateway: { format: 'google', streamUsageOption: false },
  },
  {
    id: 'openrouter',
    name: aiProviderNames.openrouter,
    defaultBaseUrl: 'https://openrouter.ai/api/v1',
    fields: [apiKey],
    check: { method: 'GET', path: '/key', auth: 'bearer', headers: {}, query: noQuery, answer: 'openrouter-key' },
    env: { apiKey: ['OPENROUTER_API_KEY'] },
    gateway: openAiLike,
  },
  bearerProvider('xai', 'https://api.x.ai/v1', ['XAI_API_KEY']),
  bearerProvider('mistral', 'https://api.mistral.ai/v1', ['MISTRAL_API_KEY']),
  bearerProvider('groq', 'https://api.groq.com/openai/v1', ['GROQ_API_KEY']),
  bearerProvider('deepseek', 'https://api.deepseek.com', ['DEEPSEEK_API_KEY']),
  bearerProvider('together', 'https://api.together.xyz/v1', ['TOGETHER_API_KEY']),
  bearerProvider('perplexity', 'https://api.perplexity.ai/v1', ['PERPLEXITY_API_KEY', 'PPLX_API_KEY']),
  bearerProvider('cohere', 'https://api.cohere.com/v1', ['COHERE_API_KEY', 'CO_API_KEY']),
  {
    id: 'openai-compatible',
    name: aiProviderNames['openai-compatible'],
    defaultBaseUrl: null,
    fields: [{ name: 'baseUrl', required: true, secret: false }, apiKey],
    check: bearerModels,
    // The OpenAI SDKs' own names: a .env with OPENAI_BASE_URL set to another server is this kind.
    env: { baseUrl: ['OPENAI_BASE_URL', 'OPENAI_API_BASE'], apiKey: ['OPENAI_API_KEY'] },
    gateway: openAiLike,
  },
  {
    id: 'azure-openai',
    name: aiProviderNames['azure-openai'],
    defaultBaseUrl: null,
    fields: [
      { name: 'endpoint', required: true, secret: false },
      { name: 'deployment', required: false, secret: false },
      apiKey,
      { name: 'apiVersion', required: false, secret: false },
    ],
    check: { method: 'GET', path: '/models', auth: 'api-key', headers: {}, query: (fields) => ({ 'api-version': fields.apiVersion ?? defaultAzureApiVersion }), answer: 'model-list' },
    env: {
      apiKey: ['AZURE_OPENAI_API_KEY'],
      endpoint: ['AZURE_OPENAI_ENDPOINT'],
      apiVersion: ['OPENAI_API_VERSION', 'AZURE_OPENAI_API_VERSION'],
      deployment: ['AZURE_OPENAI_DEPLOYMENT', 'AZURE_OPENAI_DEPLOYMENT_NAME'],
    },
    gateway: openAiLike,
  },
];

const byId: ReadonlyMap<AiProviderId, AiProviderEntry> = new Map(entries.map((entry) => [entry.id, entry]));

/** Every provider, in the order of `aiProviderIds`. */
export const aiProviderCatalogue: readonly AiProviderEntry[] = aiProviderIds.map((id) => byId.get(id)!);

/** The entry of `providerId`, or undefined when it is no AI provider Keywarden knows. */
export function aiProviderEntry(providerId: string): AiProviderEntry | undefined {
  return byId.get(providerId as AiProviderId);
}

/**
 * Where `entry`'s API is for a key with `fields`: the default address, with its scheme and host
 * replaced by `originOverride` (KEYWARDEN_EXCHANGE_URLS, for tests and proxies; the path is kept as
 * for exchanges), or the address the person gave. Fields are the cleaned ones (ai-field-shapes).
 */
export function aiApiBase(entry: AiProviderEntry, fields: Readonly<Partial<Record<AiFieldName, string>>>, originOverride?: string): string {
  if (entry.id === 'azure-openai') return `${fields.endpoint ?? ''}/openai`;
  if (entry.defaultBaseUrl === null) return fields.baseUrl ?? '';
  if (originOverride === undefined) return entry.defaultBaseUrl;
  const path = new URL(entry.defaultBaseUrl).pathname.replace(/\/+$/, '');
  return `${new URL(originOverride).origin}${path}`;
}
