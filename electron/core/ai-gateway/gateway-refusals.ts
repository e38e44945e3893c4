/**
 * How the gateway says no, in the error shape and status of the provider the program thinks it is
 * talking to, so its SDK raises its usual error class (OpenAI's AuthenticationError, RateLimitError,
 * Anthropic's RateLimitError …) with Keywarden's message in it. Every message starts with
 * "Keywarden" so nobody mistakes a gateway refusal for the provider's. No message holds a key or a
 * token; none repeats what the program sent.
 *
 * Shapes: OpenAI {"error":{"message","type","param","code"}} (and every OpenAI-like provider);
 * Anthropic {"type":"error","error":{"type","message"}}; Google {"error":{"code","message","status"}}.
 */
import type { AiGatewayTraits } from '../ai-providers/ai-provider-catalogue';

export type RefusalKind =
  | 'unauthorized'
  | 'no-key'
  | 'key-unusable'
  | 'over-budget'
  | 'price-unknown'
  | 'rate-limited'
  | 'busy'
  | 'locked'
  | 'integrity'
  | 'not-found'
  | 'too-large'
  | 'bad-request'
  | 'upstream-failed';

export interface Refusal {
  readonly kind: RefusalKind;
  readonly message: string;
  /** Seconds until trying again makes sense (rate limits, a spent budget). */
  readonly retryAfterSeconds?: number;
}

export interface RefusalAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

interface KindShape {
  readonly status: number;
  readonly openAi: { readonly type: string; readonly code: string };
  readonly anthropic: string;
  readonly google: string;
}

const shapes: Readonly<Record<RefusalKind, KindShape>> = {
  unauthorized: { status: 401, openAi: { type: 'invalid_request_error', code: 'invalid_api_key' }, anthropic: 'authentication_error', google: 'UNAUTHENTICATED' },
  'no-key': { status: 403, openAi: { type: 'invalid_request_error', code: 'keywarden_no_key' }, anthropic: 'permission_error', google: 'PERMISSION_DENIED' },
  'key-unusable': { status: 403, openAi: { type: 'invalid_request_error', code: 'keywarden_key_unusable' }, anthropic: 'permission_error', google: 'PERMISSION_DENIED' },
  // The brief's and the SDKs' reading: a spent budget is OpenAI's billing refusal, not a rate limit.
  'over-budget': { status: 429, openAi: { type: 'insufficient_quota', code: 'insufficient_quota' }, anthropic: 'rate_limit_error', google: 'RESOURCE_EXHAUSTED' },
  // A 403, not a 429: retrying cannot help until the person adds a price.
  'price-unknown': { status: 403, openAi: { type: 'invalid_request_error', code: 'keywarden_price_unknown' }, anthropic: 'permission_error', google: 'PERMISSION_DENIED' },
  'rate-limited': { status: 429, openAi: { type: 'rate_limit_exceeded', code: 'rate_limit_exceeded' }, anthropic: 'rate_limit_error', google: 'RESOURCE_EXHAUSTED' },
  busy: { status: 503, openAi: { type: 'server_error', code: 'keywarden_busy' }, anthropic: 'overloaded_error', google: 'UNAVAILABLE' },
  locked: { status: 503, openAi: { type: 'server_error', code: 'keywarden_locked' }, anthropic: 'api_error', google: 'UNAVAILABLE' },
  integrity: { status: 503, openAi: { type: 'server_error', code: 'keywarden_integrity_alarm' }, anthropic: 'api_error', google: 'UNAVAILABLE' },
  'not-found': { status: 404, openAi: { type: 'invalid_request_error', code: 'keywarden_not_found' }, anthropic: 'not_found_error', google: 'NOT_FOUND' },
  'too-large': { status: 413, openAi: { type: 'invalid_request_error', code: 'keywarden_body_too_large' }, anthropic: 'request_too_large', google: 'INVALID_ARGUMENT' },
  'bad-request': { status: 400, openAi: { type: 'invalid_request_error', code: 'keywarden_bad_request' }, anthropic: 'invalid_request_error', google: 'INVALID_ARGUMENT' },
  'upstream-failed': { status: 502, openAi: { type: 'server_error', code: 'keywarden_provider_unreachable' }, anthropic: 'api_error', google: 'UNAVAILABLE' },
};

const retryable: ReadonlySet<RefusalKind> = new Set(['rate-limited', 'busy', 'upstream-failed']);

/** The answer that carries `refusal` in `format`'s shape (OpenAI's where the provider is unknown). */
export function refusalAnswer(refusal: Refusal, format: AiGatewayTraits['format'] = 'openai'): RefusalAnswer {
  const shape = shapes[refusal.kind];
  const body =
    format === 'anthropic'
      ? { type: 'error', error: { type: shape.anthropic, message: refusal.message } }
      : format === 'google'
        ? { error: { code: shape.status, message: refusal.message, status: shape.google } }
        : { error: { message: refusal.message, type: shape.openAi.type, param: null, code: shape.openAi.code } };
  // x-should-retry: the OpenAI and Anthropic SDKs (Stainless) obey it over their own retry rules, so a
  // spent budget or a wrong token is not tried again three times.
  const headers: Record<string, string> = { 'x-keywarden-refusal': refusal.kind, 'x-should-retry': retryable.has(refusal.kind) ? 'true' : 'false' };
  if (refusal.retryAfterSeconds !== undefined) headers['retry-after'] = String(Math.max(1, Math.ceil(refusal.retryAfterSeconds)));
  return { status: shape.status, headers, body: JSON.stringify(body) };
}
