/**
 * Checks an AI provider key with one real, authenticated call — the provider's cheapest read, never
 * a paid one (ai-provider-catalogue.ts) — and says what the answer means for the key
 * (ai-provider-errors.ts) in words a person can act on (ai-check-outcome.ts).
 *
 * The key travels in a header only. Redirects are refused, not followed: fetch would carry the
 * same headers to wherever the redirect points. Nothing the provider sends back is passed on, and
 * nothing thrown from here holds the key: input problems are KeywardenErrors in the shared rules'
 * words, and every transport failure becomes an `unavailable` outcome.
 */
import { KeywardenError } from '../errors';
import { boundedFetch, parsedBody } from '../http/bounded-fetch';
import {
  okMessage,
  rateLimitedMessage,
  redirectedMessage,
  unavailableMessage,
  unrecognisedMessage,
  verdictMessage,
  type AiKeyCheckResult,
} from './ai-check-outcome';
import { aiCheckRequest, readAiKeyFields } from './ai-check-request';
import { aiProviderEntry, type AiProviderEntry } from './ai-provider-catalogue';
import { classifyProviderError, errorFacts, isProviderTrouble, providerCode, retryAfterSeconds } from './ai-provider-errors';

export interface AiKeyCheckOptions {
  /** An AI provider id (`openai`, `anthropic`, …); anything else is UNKNOWN_PROVIDER. */
  readonly provider: string;
  /** The key's fields as typed or stored (apiKey, organization, baseUrl, …). */
  readonly fields: Readonly<Record<string, string | undefined>>;
  /** Scheme and host to use instead of the provider's (KEYWARDEN_EXCHANGE_URLS, tests, proxies). */
  readonly baseUrl?: string;
  readonly fetch?: typeof fetch;
  /** How long the whole call may take; default 10 s. */
  readonly timeoutMs?: number;
  /** Stops the call early (the app quits, the person cancels): the outcome is `unavailable`. */
  readonly signal?: AbortSignal;
  /** The clock for HTTP-date Retry-After values; default Date.now. */
  readonly now?: () => number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
/** Far more than any models list (Gemini's first page, OpenAI's ~100 models) or error page. */
const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

export async function checkAiKey(options: AiKeyCheckOptions): Promise<AiKeyCheckResult> {
  const entry = aiProviderEntry(options.provider);
  if (entry === undefined) throw new KeywardenError('UNKNOWN_PROVIDER', 'Keywarden does not know this AI provider.');
  const fields = readAiKeyFields(entry, options.fields);
  if (options.baseUrl !== undefined && !/^https?:\/\/[^/?#@]+\/?$/i.test(options.baseUrl)) {
    // Messages never repeat a URL: one could carry user:password@.
    throw new KeywardenError('CONFIG_INVALID', `The address override for ${entry.name} must be a bare http(s) address, such as http://127.0.0.1:9001.`);
  }
  const request = aiCheckRequest(entry, fields, options.baseUrl);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  const answer = await boundedFetch(request.url, { method: entry.check.method, headers: request.headers }, { fetch: options.fetch, timeoutMs, signal: options.signal, maxBytes: MAX_ANSWER_BYTES });
  if (answer.kind === 'failed') {
    const message = answer.reason === 'redirected elsewhere' ? redirectedMessage(entry.name) : unavailableMessage(entry.name, answer.reason);
    return { outcome: 'unavailable', reason: answer.reason, message, httpStatus: null, providerCode: null };
  }
  // A larger answer than any real one is cut off and read as no body.
  const headers = answer.kind === 'answer' ? answer.headers : new Headers();
  return interpret(entry, { status: answer.status, headers }, answer.kind === 'answer' ? parsedBody(answer.text) : null, options.now ?? Date.now);
}

function interpret(entry: AiProviderEntry, response: { readonly status: number; readonly headers: Headers }, body: unknown, now: () => number): AiKeyCheckResult {
  const status = response.status;
  if (status >= 200 && status < 300) return success(entry, body);
  const facts = errorFacts(status, body);
  const code = providerCode(facts);
  const classified = isProviderTrouble(status) ? null : classifyProviderError(entry.id, facts);
  if (classified === null) {
    const reason = `answered ${status}`;
    const message = isProviderTrouble(status) ? unavailableMessage(entry.name, reason) : unrecognisedMessage(entry.name, status);
    return { outcome: 'unavailable', reason, message, httpStatus: status, providerCode: code };
  }
  if (classified.outcome === 'rate-limited') {
    const wait = retryAfterSeconds((name) => response.headers.get(name), body, now());
    return { outcome: 'rate-limited', retryAfterSeconds: wait, message: rateLimitedMessage(entry.name, wait), httpStatus: status, providerCode: code };
  }
  const { outcome, detail } = classified;
  return { outcome, detail, message: verdictMessage(entry.name, outcome, detail), httpStatus: status, providerCode: code };
}

/** A 200: the models the key can see, or (OpenRouter) whether its own credit limit is used up. */
function success(entry: AiProviderEntry, body: unknown): AiKeyCheckResult {
  if (entry.check.answer === 'openrouter-key') {
    // openrouter.ai "Get current API key": data.limit_remaining is null without a limit. data.label echoes the key: never read.
    const data = (body as { data?: { limit_remaining?: unknown } } | null)?.data;
    const remaining = data?.limit_remaining;
    if (typeof remaining === 'number' && remaining <= 0) {
      return { outcome: 'no-credit', detail: 'key-limit', message: verdictMessage(entry.name, 'no-credit', 'key-limit'), httpStatus: 200, providerCode: null };
    }
    return { outcome: 'ok', models: null, message: okMessage(entry.name, null) };
  }
  const models = modelCount(body);
  return { outcome: 'ok', models, message: okMessage(entry.name, models) };
}

/** OpenAI-likes, Anthropic and Azure answer {data: […]}, Gemini and Cohere {models: […]}, Together a bare array. */
function modelCount(body: unknown): number | null {
  if (Array.isArray(body)) return body.length;
  const list = body !== null && typeof body === 'object' ? ((body as { data?: unknown }).data ?? (body as { models?: unknown }).models) : undefined;
  return Array.isArray(list) ? list.length : null;
}
