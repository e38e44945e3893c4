/**
 * The providers that take a Bearer key and answer like OpenAI, each with the error bodies it really
 * sends (the threads are cited in core/ai-providers/ai-provider-errors.ts; "not confirmed" marks a
 * body written from the provider's documented codes). Bodies that echo part of the key do so here
 * too, so the tests prove Keywarden never passes them on.
 */
import type { AiDialect, AnswerContext } from './dialect';
import { bearerKey, maskedKey, openAiModelList, retryAfter } from './dialect';
import type { FakeAnswer } from './types';

const openAiError = (status: number, message: string, type: string, code: string | null, headers?: Record<string, string>): FakeAnswer => ({
  status,
  body: { error: { message, type, param: null, code } },
  ...(headers ? { headers } : {}),
});

const openAiAnswers: AiDialect['answers'] = {
  'missing-key': () =>
    openAiError(401, "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY). You can obtain an API key from https://platform.openai.com/account/api-keys.", 'invalid_request_error', null),
  'unknown-key': ({ key }) =>
    openAiError(401, `Incorrect API key provided: ${maskedKey(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`, 'invalid_request_error', 'invalid_api_key'),
  revoked: () =>
    openAiError(401, 'The OpenAI account associated with this API key has been deactivated. If you are the developer for this OpenAI app, please check your email for more information.', 'invalid_request_error', 'account_deactivated'),
  'no-credit': () =>
    openAiError(429, 'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.', 'insufficient_quota', 'insufficient_quota'),
  restricted: () =>
    openAiError(401, "You have insufficient permissions for this operation. Missing scopes: api.model.read. Check that you have the correct role in your organization (Reader, Writer, Owner) and project (Member, Owner), and if you're using a restricted API key, that it has the necessary scopes.", 'invalid_request_error', null),
  'organization-mismatch': () => openAiError(401, 'OpenAI-Organization header should match organization for API key', 'invalid_request_error', 'mismatched_organization'),
  'project-mismatch': () => openAiError(401, 'OpenAI-Project header should match project for API key', 'invalid_request_error', 'mismatched_project'),
  'rate-limited': (context) => openAiError(429, 'Rate limit reached for requests. Please try again later.', 'requests', 'rate_limit_exceeded', retryAfter(context)),
  unavailable: () => openAiError(503, 'The server had an error while processing your request. Sorry about that!', 'server_error', null),
  'not-found': () => openAiError(404, 'Invalid URL (GET /v1/unknown)', 'invalid_request_error', null),
};

export const openAiDialect: AiDialect = {
  checkPath: '/v1/models',
  generation: { format: 'openai', prefix: '/v1' },
  keyOf: bearerKey,
  checksOrganization: true,
  ok: () => openAiModelList(['gpt-4o', 'gpt-4o-mini', 'text-embedding-3-small'], 'system'),
  answers: openAiAnswers,
  shows: { revoked: 'revoked', 'no-credit': 'no-credit', restricted: 'restricted', 'rate-limited': 'rate-limited' },
};

/** A local or self-hosted server speaking OpenAI's API (vLLM, LM Studio, LiteLLM…): OpenAI's bodies, no billing, no scopes. */
export const openAiCompatibleDialect: AiDialect = {
  checkPath: '/v1/models',
  generation: { format: 'openai', prefix: '/v1' },
  keyOf: bearerKey,
  ok: () => openAiModelList(['llama-3.1-8b-instruct'], 'local'),
  answers: openAiAnswers,
  shows: { 'rate-limited': 'rate-limited' },
};

/** Groq: OpenAI's shape under /openai/v1 (resume-commentor#4); a restricted organization is a 400 (one-api#271, not confirmed as a body). */
export const groqDialect: AiDialect = {
  checkPath: '/openai/v1/models',
  generation: { format: 'openai', prefix: '/openai/v1' },
  keyOf: bearerKey,
  ok: () => openAiModelList(['llama-3.3-70b-versatile', 'whisper-large-v3'], 'Meta'),
  answers: {
    'unknown-key': () => openAiError(401, 'Invalid API Key', 'invalid_request_error', 'invalid_api_key'),
    revoked: () => openAiError(400, 'Organization has been restricted. Please reach out to support if you believe this was in error.', 'invalid_request_error', 'organization_restricted'),
    'rate-limited': (context) => openAiError(429, 'Rate limit reached for model in organization on requests per minute (RPM). Please try again in 7s.', 'requests', 'rate_limit_exceeded', retryAfter(context)),
    unavailable: () => openAiError(503, 'Service Unavailable', 'internal_server_error', 'service_unavailable'),
  },
  shows: { revoked: 'revoked', 'rate-limited': 'rate-limited' },
};

/** Together: OpenAI's error shape (LawGPT#4); the models list is a bare array; 402 when credit runs out (not confirmed as a body). */
export const togetherDialect: AiDialect = {
  checkPath: '/v1/models',
  keyOf: bearerKey,
  ok: () => ({ status: 200, body: [{ id: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', object: 'model', type: 'chat' }, { id: 'BAAI/bge-large-en-v1.5', object: 'model', type: 'embedding' }] }),
  answers: {
    'unknown-key': () => openAiError(401, 'Invalid API key provided. You can find your API key at https://api.together.xyz/settings/api-keys.', 'invalid_request_error', 'invalid_api_key'),
    'no-credit': () => openAiError(402, 'Credit limit exceeded. Please add credits to continue.', 'credit_limit', 'credit_limit_exceeded'),
    'rate-limited': (context) => openAiError(429, 'You have exceeded the rate limit.', 'rate_limit', 'rate_limit_exceeded', retryAfter(context)),
    unavailable: () => openAiError(503, 'The server is overloaded.', 'server_error', null),
  },
  shows: { 'no-credit': 'no-credit', 'rate-limited': 'rate-limited' },
};

/** DeepSeek: 402 "Insufficient Balance" (continue#9942); its 401 body is not confirmed. */
export const deepSeekDialect: AiDialect = {
  checkPath: '/models',
  generation: { format: 'openai', prefix: '' },
  keyOf: bearerKey,
  ok: () => openAiModelList(['deepseek-chat', 'deepseek-reasoner'], 'deepseek'),
  answers: {
    'unknown-key': ({ key }) => openAiError(401, `Authentication Fails, Your api key: ****${key.slice(-4)} is invalid`, 'authentication_error', 'invalid_request_error'),
    'no-credit': () => openAiError(402, 'Insufficient Balance', 'unknown_error', 'invalid_request_error'),
    'rate-limited': (context) => openAiError(429, 'Rate Limit Reached', 'rate_limit_error', 'invalid_request_error', retryAfter(context)),
    unavailable: () => openAiError(503, 'Server overloaded', 'server_error', 'invalid_request_error'),
  },
  shows: { 'no-credit': 'no-credit', 'rate-limited': 'rate-limited' },
};

/** xAI's own shape {code, error} (continue#10778, griptape-nodes-engine#1079); its restricted-key wording is not confirmed. */
const xAiError = (status: number, code: string, error: string, headers?: Record<string, string>): FakeAnswer => ({ status, body: { code, error }, ...(headers ? { headers } : {}) });
const xAiDenied = 'The caller does not have permission to execute the specified operation';

export const xAiDialect: AiDialect = {
  checkPath: '/v1/models',
  keyOf: bearerKey,
  ok: () => openAiModelList(['grok-4', 'grok-3-mini'], 'xai'),
  answers: {
    'unknown-key': ({ key }) => xAiError(400, 'Client specified an invalid argument', `Incorrect API key provided: ${key.slice(0, 2)}***${key.slice(-2)}. You can obtain an API key from https://console.x.ai.`),
    'no-credit': () => xAiError(403, xAiDenied, "Your newly created team doesn't have any credits yet. You can purchase credits on https://console.x.ai/team/00000000-0000-4000-8000-000000000000."),
    restricted: () => xAiError(403, xAiDenied, 'The API key is not allowed to access this endpoint.'),
    'rate-limited': (context) => xAiError(429, 'Too many requests', 'You have reached the request rate limit for this team.', retryAfter(context)),
    unavailable: () => xAiError(503, 'Service unavailable', 'The service is temporarily unavailable.'),
  },
  shows: { 'no-credit': 'no-credit', restricted: 'restricted', 'rate-limited': 'rate-limited' },
};

/** Mistral: {message:"Unauthorized", request_id} (cline#1734). */
export const mistralDialect: AiDialect = {
  checkPath: '/v1/models',
  keyOf: bearerKey,
  ok: () => openAiModelList(['mistral-large-latest', 'codestral-latest'], 'mistralai'),
  answers: {
    'unknown-key': () => ({ status: 401, body: { message: 'Unauthorized', request_id: 'c61f2f15feca71626a990e3740f99245' } }),
    'rate-limited': (context: AnswerContext) => ({ status: 429, body: { message: 'Requests rate limit exceeded' }, headers: retryAfter(context) }),
    unavailable: () => ({ status: 503, body: { message: 'Service unavailable' } }),
  },
  shows: { 'rate-limited': 'rate-limited' },
};

/** Perplexity: its 401 is an HTML page from the proxy in front of the API (perplexityai/api-discussion#281). */
export const perplexityDialect: AiDialect = {
  checkPath: '/v1/models',
  keyOf: bearerKey,
  ok: () => openAiModelList(['sonar', 'sonar-pro', 'sonar-reasoning-pro'], 'perplexity'),
  answers: {
    'unknown-key': () => ({
      status: 401,
      body: '<html>\n<head><title>401 Authorization Required</title></head>\n<body>\n<center><h1>401 Authorization Required</h1></center>\n<hr><center>openresty/1.27.4</center>\n</body>\n</html>\n',
      headers: { 'content-type': 'text/html' },
    }),
    'rate-limited': (context) => openAiError(429, 'Rate limit exceeded', 'rate_limit_exceeded', null, retryAfter(context)),
    unavailable: () => openAiError(503, 'Service temporarily unavailable', 'server_error', null),
  },
  shows: { 'rate-limited': 'rate-limited' },
};

/** OpenRouter's key info (openrouter.ai "Get current API key"): its label echoes the key; errors are {error:{message, code}}. */
const openRouterError = (status: number, message: string, headers?: Record<string, string>): FakeAnswer => ({ status, body: { error: { message, code: status } }, ...(headers ? { headers } : {}) });

export const openRouterDialect: AiDialect = {
  checkPath: '/api/v1/key',
  keyOf: bearerKey,
  ok: (spec) => ({
    status: 200,
    body: {
      data: {
        label: `${spec.key.slice(0, 12)}...${spec.key.slice(-3)}`,
        limit: spec.state === 'no-credit' ? 10 : null,
        limit_remaining: spec.state === 'no-credit' ? 0 : null,
        limit_reset: null,
        usage: spec.state === 'no-credit' ? 10 : 0.42,
        is_free_tier: false,
        is_provisioning_key: false,
        rate_limit: { requests: 1000, interval: '1h', note: 'This field is deprecated and safe to ignore.' },
      },
    },
  }),
  answers: {
    'missing-key': () => openRouterError(401, 'No auth credentials found'),
    'unknown-key': () => openRouterError(401, 'User not found.'),
    'rate-limited': (context) => openRouterError(429, 'Rate limit exceeded: free-models-per-min.', retryAfter(context)),
    unavailable: () => openRouterError(502, 'Provider returned error'),
  },
  // A key whose own limit is used up still answers 200 here; the limit is in the body.
  shows: { 'no-credit': 'ok', 'rate-limited': 'rate-limited' },
};
