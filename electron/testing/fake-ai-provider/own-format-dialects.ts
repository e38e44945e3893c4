/**
 * The providers with error formats of their own: Anthropic ({type:"error", error:{type, message}}),
 * Google Gemini (google.rpc.Status with ErrorInfo details), Azure OpenAI ({error:{code, message}})
 * and Cohere ({message}). Threads for each body are cited in core/ai-providers/ai-provider-errors.ts.
 */
import { headerValue } from '../fake-exchange/dialect';
import type { AiDialect, AnswerContext } from './dialect';
import { bearerKey, headerKey, retryAfter } from './dialect';
import type { FakeAnswer } from './types';

const anthropicError = (status: number, type: string, message: string, headers?: Record<string, string>): FakeAnswer => ({
  status,
  body: { type: 'error', error: { type, message }, request_id: 'req_011CbrFTcXhtiMzr3s6EocF7' },
  ...(headers ? { headers } : {}),
});

export const anthropicDialect: AiDialect = {
  checkPath: '/v1/models',
  generation: { format: 'anthropic', prefix: '/v1' },
  keyOf: headerKey('x-api-key'),
  precondition: (request) =>
    headerValue(request.headers, 'anthropic-version') === undefined ? anthropicError(400, 'invalid_request_error', 'anthropic-version: header is required') : undefined,
  ok: () => ({
    status: 200,
    body: {
      data: [
        { type: 'model', id: 'claude-sonnet-4-5', display_name: 'Claude Sonnet 4.5', created_at: '2025-09-29T00:00:00Z' },
        { type: 'model', id: 'claude-haiku-4-5', display_name: 'Claude Haiku 4.5', created_at: '2025-10-15T00:00:00Z' },
      ],
      has_more: false,
      first_id: 'claude-sonnet-4-5',
      last_id: 'claude-haiku-4-5',
    },
  }),
  answers: {
    'missing-key': () => anthropicError(401, 'authentication_error', 'x-api-key header is required'),
    'unknown-key': () => anthropicError(401, 'authentication_error', 'invalid x-api-key'),
    revoked: () => anthropicError(400, 'invalid_request_error', 'This organization has been disabled.'),
    'no-credit': () => anthropicError(400, 'invalid_request_error', 'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.'),
    restricted: () => anthropicError(403, 'permission_error', 'Your API key does not have permission to use the specified resource.'),
    'rate-limited': (context) => anthropicError(429, 'rate_limit_error', 'Number of requests has exceeded your per-minute rate limit.', retryAfter(context)),
    unavailable: () => anthropicError(529, 'overloaded_error', 'Overloaded'),
    'bad-request': () => anthropicError(400, 'invalid_request_error', 'anthropic-version: header is required'),
    'not-found': () => anthropicError(404, 'not_found_error', 'Not found'),
  },
  shows: { revoked: 'revoked', 'no-credit': 'no-credit', restricted: 'restricted', 'rate-limited': 'rate-limited' },
};

const errorInfo = (reason: string, metadata: Record<string, string> = {}): Record<string, unknown> => ({
  '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
  reason,
  domain: 'googleapis.com',
  metadata: { service: 'generativelanguage.googleapis.com', ...metadata },
});

const googleError = (code: number, status: string, message: string, details: readonly unknown[] = []): FakeAnswer => ({
  status: code,
  body: { error: { code, message, status, ...(details.length > 0 ? { details } : {}) } },
});

const keyNotValid = (): FakeAnswer =>
  googleError(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [
    errorInfo('API_KEY_INVALID'),
    { '@type': 'type.googleapis.com/google.rpc.LocalizedMessage', locale: 'en-US', message: 'API key not valid. Please pass a valid API key.' },
  ]);

export const googleDialect: AiDialect = {
  checkPath: '/v1beta/models',
  keyOf: headerKey('x-goog-api-key'),
  ok: () => ({
    status: 200,
    body: {
      models: [
        { name: 'models/gemini-2.5-flash', version: '001', displayName: 'Gemini 2.5 Flash', inputTokenLimit: 1048576, outputTokenLimit: 65536, supportedGenerationMethods: ['generateContent', 'countTokens'] },
        { name: 'models/gemini-2.5-pro', version: '2.5', displayName: 'Gemini 2.5 Pro', inputTokenLimit: 1048576, outputTokenLimit: 65536, supportedGenerationMethods: ['generateContent', 'countTokens'] },
        { name: 'models/text-embedding-004', version: '004', displayName: 'Text Embedding 004', inputTokenLimit: 2048, outputTokenLimit: 1, supportedGenerationMethods: ['embedContent'] },
      ],
    },
  }),
  answers: {
    'missing-key': () =>
      googleError(403, 'PERMISSION_DENIED', "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API."),
    'unknown-key': keyNotValid,
    // The real service accepts ?key=; the fake refuses it, so a key in a URL fails a test loudly.
    'key-in-url': keyNotValid,
    revoked: ({ key }) =>
      googleError(403, 'PERMISSION_DENIED', `Permission denied: Consumer 'api_key:${key}' has been suspended.`, [errorInfo('CONSUMER_SUSPENDED', { consumer: 'projects/578829824020' })]),
    restricted: () =>
      googleError(403, 'PERMISSION_DENIED', 'Generative Language API has not been used in project 411082643095 before or it is disabled. Enable it by visiting https://console.developers.google.com/apis/api/generativelanguage.googleapis.com/overview?project=411082643095 then retry.', [
        errorInfo('SERVICE_DISABLED', { consumer: 'projects/411082643095' }),
      ]),
    // No Retry-After header: the wait is in the body (google.rpc.RetryInfo).
    'rate-limited': (context: AnswerContext) =>
      googleError(429, 'RESOURCE_EXHAUSTED', 'You exceeded your current quota, please check your plan and billing details.', [
        { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests', quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier' }] },
        { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${context.retryAfterSeconds}s` },
      ]),
    unavailable: () => googleError(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.'),
    'not-found': () => googleError(404, 'NOT_FOUND', 'Requested entity was not found.'),
  },
  shows: { revoked: 'revoked', restricted: 'restricted', 'rate-limited': 'rate-limited' },
};

const azureError = (status: number, message: string, headers?: Record<string, string>): FakeAnswer => ({ status, body: { error: { code: String(status), message } }, ...(headers ? { headers } : {}) });

/** Azure OpenAI: key in `api-key`, `api-version` required (SciSharp/BotSharp#386; the 403 and 404 wordings are not confirmed). */
export const azureOpenAiDialect: AiDialect = {
  checkPath: '/openai/models',
  keyOf: headerKey('api-key'),
  precondition: (request) => (request.query.get('api-version') === null ? azureError(404, 'Resource not found') : undefined),
  ok: () => ({
    status: 200,
    body: {
      data: [
        { id: 'gpt-4o', status: 'succeeded', object: 'model', created_at: 1_715_558_400, lifecycle_status: 'generally-available', capabilities: { chat_completion: true, completion: false, embeddings: false, fine_tune: false, inference: true } },
        { id: 'text-embedding-3-small', status: 'succeeded', object: 'model', created_at: 1_705_968_000, lifecycle_status: 'generally-available', capabilities: { chat_completion: false, completion: false, embeddings: true, fine_tune: false, inference: true } },
      ],
      object: 'list',
    },
  }),
  answers: {
    'unknown-key': () => azureError(401, 'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.'),
    restricted: () => azureError(403, 'Access denied due to Virtual Network/Firewall rules.'),
    'rate-limited': (context) => azureError(429, `Requests to the Models_List Operation have exceeded the rate limit of your current pricing tier. Please retry after ${context.retryAfterSeconds} seconds.`, retryAfter(context)),
    unavailable: () => azureError(503, 'The service is temporarily unable to process your request. Please try again later.'),
    'not-found': () => azureError(404, 'Resource not found'),
  },
  shows: { restricted: 'restricted', 'rate-limited': 'rate-limited' },
};

/** Cohere: {message} bodies (cohere-toolkit#857); the rate-limit wording is not confirmed. */
export const cohereDialect: AiDialect = {
  checkPath: '/v1/models',
  keyOf: bearerKey,
  ok: () => ({
    status: 200,
    body: { models: [{ name: 'command-r-plus', endpoints: ['chat'], context_length: 128000 }, { name: 'embed-english-v3.0', endpoints: ['embed'], context_length: 512 }], next_page_token: null },
  }),
  answers: {
    'unknown-key': () => ({ status: 401, body: { message: 'invalid api token' } }),
    'rate-limited': (context) => ({ status: 429, body: { message: 'You are using a Trial key, which is limited to 10 API calls / minute.' }, headers: retryAfter(context) }),
    unavailable: () => ({ status: 503, body: { message: 'service unavailable' } }),
  },
  shows: { 'rate-limited': 'rate-limited' },
};
