/**
 * The table from a provider's error answer to an outcome, and the retry delay of a rate limit,
 * on the real bodies quoted in ai-provider-errors.ts.
 */
import { describe, expect, it } from 'vitest';
import type { AiProviderId } from '../../shared/ai-providers';
import { classifyProviderError, errorFacts, isProviderTrouble, providerCode, retryAfterSeconds } from './ai-provider-errors';

const classify = (provider: AiProviderId, status: number, body: unknown) => classifyProviderError(provider, errorFacts(status, body));

describe('classifyProviderError', () => {
  it('tells OpenAI billing from a rate limit, and both from a restricted key', () => {
    expect(classify('openai', 429, { error: { message: 'You exceeded your current quota, please check your plan and billing details.', type: 'insufficient_quota', code: 'insufficient_quota' } })).toEqual({ outcome: 'no-credit', detail: null });
    expect(classify('openai', 429, { error: { message: 'Rate limit reached for requests', type: 'requests', code: 'rate_limit_exceeded' } })).toEqual({ outcome: 'rate-limited', detail: null });
    expect(classify('openai', 401, { error: { message: 'You have insufficient permissions for this operation. Missing scopes: api.model.read.', type: 'invalid_request_error', code: null } })).toEqual({ outcome: 'permission-missing', detail: null });
    expect(classify('openai', 401, { error: { message: 'No such organization: org-8Xk2mQpL9v.', type: 'invalid_request_error', code: 'invalid_organization' } })).toEqual({ outcome: 'organization-mismatch', detail: null });
    expect(classify('openai', 401, { error: { message: 'You must be a member of an organization to use the API.', type: 'invalid_request_error', code: 'no_organization' } })).toEqual({ outcome: 'revoked', detail: null });
  });

  it("keeps Gemini's \"exceeded your current quota\" a rate limit: it is its per-minute quota", () => {
    expect(classify('google', 429, { error: { code: 429, message: 'You exceeded your current quota, please check your plan and billing details.', status: 'RESOURCE_EXHAUSTED' } })).toEqual({ outcome: 'rate-limited', detail: null });
  });

  it('reads Gemini reasons, an expired key included', () => {
    const expired = { error: { code: 400, message: 'API key expired. Please renew the API key.', status: 'INVALID_ARGUMENT', details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' }] } };
    expect(classify('google', 400, expired)).toEqual({ outcome: 'revoked', detail: 'expired' });
    expect(classify('google', 403, { error: { code: 403, status: 'PERMISSION_DENIED', message: 'Requests to this API are blocked.', details: [{ reason: 'API_KEY_SERVICE_BLOCKED' }] } })).toEqual({ outcome: 'permission-missing', detail: 'google-api-not-allowed' });
  });

  it('knows the Anthropic organization that was disabled and the xAI team without credits', () => {
    expect(classify('anthropic', 400, { type: 'error', error: { type: 'invalid_request_error', message: 'This organization has been disabled.' } })).toEqual({ outcome: 'revoked', detail: null });
    expect(classify('xai', 403, { code: 'The caller does not have permission to execute the specified operation', error: 'Your team has either used all available credits or reached its monthly spending limit.' })).toEqual({ outcome: 'no-credit', detail: null });
  });

  it('leaves provider trouble and unknown answers to the caller', () => {
    expect(isProviderTrouble(529)).toBe(true);
    expect(isProviderTrouble(408)).toBe(true);
    expect(isProviderTrouble(404)).toBe(false);
    expect(classify('openai', 404, { error: { message: 'Invalid URL' } })).toBeNull();
    expect(classify('mistral', 422, 'Unprocessable')).toBeNull();
  });
});

describe('providerCode', () => {
  it('keeps a bare identifier only, never free text', () => {
    expect(providerCode(errorFacts(429, { error: { code: 'insufficient_quota', type: 'insufficient_quota' } }))).toBe('insufficient_quota');
    expect(providerCode(errorFacts(400, { error: { status: 'INVALID_ARGUMENT', details: [{ reason: 'API_KEY_INVALID' }] } }))).toBe('API_KEY_INVALID');
    expect(providerCode(errorFacts(401, { type: 'error', error: { type: 'authentication_error' } }))).toBe('authentication_error');
    expect(providerCode(errorFacts(400, { code: 'Client specified an invalid argument', error: 'Incorrect API key provided: xa***YA.' }))).toBeNull();
    expect(providerCode(errorFacts(401, { error: { message: 'No auth credentials found', code: 401 } }))).toBeNull();
  });
});

describe('retryAfterSeconds', () => {
  const headers = (values: Record<string, string>) => (name: string) => values[name] ?? null;
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('reads retry-after-ms first, then retry-after in seconds or as a date, then Gemini RetryInfo', () => {
    expect(retryAfterSeconds(headers({ 'retry-after-ms': '1500', 'retry-after': '9' }), null, now)).toBe(2);
    expect(retryAfterSeconds(headers({ 'retry-after': '9' }), null, now)).toBe(9);
    expect(retryAfterSeconds(headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }), null, now)).toBe(30);
    expect(retryAfterSeconds(headers({}), { error: { details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '34.2s' }] } }, now)).toBe(35);
    expect(retryAfterSeconds(headers({}), { error: { message: 'slow down' } }, now)).toBeNull();
  });

  it('refuses nonsense and caps a wait at a day', () => {
    expect(retryAfterSeconds(headers({ 'retry-after': 'soon' }), null, now)).toBeNull();
    expect(retryAfterSeconds(headers({ 'retry-after': '-5' }), null, now)).toBeNull();
    expect(retryAfterSeconds(headers({ 'retry-after': '999999999' }), null, now)).toBe(86_400);
  });
});
