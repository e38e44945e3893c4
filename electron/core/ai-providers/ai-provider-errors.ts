/**
 * What an AI provider's error answer means for the key: one table from (provider, HTTP status,
 * error body) to an outcome, first matching row wins. Each row quotes the body it was written for,
 * with the public issue thread where a real one was seen (found with the search tool); rows marked
 * "not confirmed" follow the provider's documented status codes without a real body to match.
 *
 * Bodies are read only to classify. Their text is matched in lower case and thrown away; what
 * leaves this file is an outcome, a detail from a fixed list and at most the provider's error
 * code when it is a bare identifier.
 */
import { aiProviderIds, type AiProviderId } from '../../shared/ai-providers';
import type { AiFailureDetail, AiKeyVerdict } from './ai-check-outcome';

/** The parts of an error answer the rules look at. */
export interface ProviderErrorFacts {
  readonly status: number;
  /** `error.code` (OpenAI family, Azure, OpenRouter), as text. */
  readonly code: string | null;
  /** `error.type` (OpenAI family, Anthropic). */
  readonly type: string | null;
  /** Gemini's `error.status` (INVALID_ARGUMENT, PERMISSION_DENIED, RESOURCE_EXHAUSTED). */
  readonly googleStatus: string | null;
  /** Gemini's `error.details[].reason` (API_KEY_INVALID, SERVICE_DISABLED, …). */
  readonly reasons: readonly string[];
  /** The human message, lower-cased: only ever matched, never shown or stored. */
  readonly text: string;
}

type Classified = { readonly outcome: AiKeyVerdict | 'rate-limited'; readonly detail: AiFailureDetail | null };

interface ErrorRule {
  readonly providers: readonly AiProviderId[] | 'any';
  readonly statuses: readonly number[];
  readonly when?: (facts: ProviderErrorFacts) => boolean;
  readonly outcome: Classified['outcome'];
  readonly detail?: AiFailureDetail;
}

const allBut = (excluded: AiProviderId): readonly AiProviderId[] => aiProviderIds.filter((id) => id !== excluded);
const googleReason = (...reasons: string[]) => (facts: ProviderErrorFacts): boolean => facts.reasons.some((reason) => reasons.includes(reason));

const rules: readonly ErrorRule[] = [
  // OpenAI 401 {error:{message:"OpenAI-Organization header should match organization for API key", type:"invalid_request_error",
  // code:"mismatched_organization"}} (openai/codex#1000, microsoft/foundry-dev-tools#262); the project twin, code
  // "mismatched_project" (seen in public test code); an unknown one, "No such organization: org-…", code "invalid_organization".
  {
    providers: ['openai'],
    statuses: [401],
    when: (f) => ['mismatched_organization', 'mismatched_project', 'invalid_organization'].includes(f.code ?? '') || /should match (organization|project)|no such organization/.test(f.text),
    outcome: 'organization-mismatch',
  },
  // OpenAI 401 code "account_deactivated": "This key is associated with a deactivated account…" (ChatGPTNextWeb/NextChat#2782,
  // nat/openplayground#143); code "no_organization": "You must be a member of an organization to use the API" (OpenHands#2562).
  { providers: ['openai'], statuses: [401], when: (f) => f.code === 'account_deactivated' || f.code === 'no_organization', outcome: 'revoked' },
  // OpenAI restricted key: 401 {error:{message:"You have insufficient permissions for this operation. Missing scopes:
  // api.model.read. …", type:"invalid_request_error", code:null}} (continuedev/continue#10059; 401, not the 403 one might expect).
  { providers: ['openai', 'azure-openai', 'openai-compatible'], statuses: [401, 403], when: (f) => /missing scopes|insufficient permissions/.test(f.text), outcome: 'permission-missing' },
  // OpenAI 429 {error:{message:"You exceeded your current quota, please check your plan and billing details…", type:
  // "insufficient_quota", code:"insufficient_quota"}} (intitni/CopilotForXcode#573) — billing, not a rate limit. Gemini says
  // "You exceeded your current quota" of its per-minute limits too (with a retryDelay), so its 429s stay rate limits.
  { providers: allBut('google'), statuses: [429], when: (f) => f.code === 'insufficient_quota' || f.type === 'insufficient_quota' || /exceeded your current quota|no credits remaining/.test(f.text), outcome: 'no-credit' },
  // Anthropic 400 {type:"error", error:{type:"invalid_request_error", message:"Your credit balance is too low to access the
  // Anthropic API. Please go to Plans & Billing to upgrade or purchase credits."}} (anthropics/claude-code#4684).
  { providers: ['anthropic'], statuses: [400], when: (f) => f.text.includes('credit balance is too low'), outcome: 'no-credit' },
  // Anthropic 400 invalid_request_error "This organization has been disabled." (anthropics/claude-code#54311); a disabled
  // key's own wording ("…key … disabled") is not confirmed.
  { providers: ['anthropic'], statuses: [400, 401, 403], when: (f) => /organization has been disabled|key (has been|is) disabled/.test(f.text), outcome: 'revoked' },
  // Groq 400 "Organization has been restricted. Please reach out to support if you believe this was in error." (one-api#271).
  { providers: ['groq'], statuses: [400, 401, 403], when: (f) => f.text.includes('organization has been restricted'), outcome: 'revoked' },
  // Anthropic 403 {type:"error", error:{type:"permission_error", …}} (documented error types; not confirmed with a real body).
  { providers: ['anthropic'], statuses: [403], when: (f) => f.type === 'permission_error', outcome: 'permission-missing' },
  // Gemini 400 {error:{code:400, message:"API key not valid. Please pass a valid API key.", status:"INVALID_ARGUMENT", details:
  // [{reason:"API_KEY_INVALID", domain:"googleapis.com", …}]}} (continuedev/continue#8516; "API Key not found." in
  // google-gemini/gemini-cli#25198). An expired key's "API key expired. Please renew the API key." is not confirmed.
  { providers: ['google'], statuses: [400], when: (f) => googleReason('API_KEY_INVALID')(f) && f.text.includes('expired'), outcome: 'revoked', detail: 'expired' },
  { providers: ['google'], statuses: [400], when: googleReason('API_KEY_INVALID'), outcome: 'invalid-key' },
  // Gemini 403 PERMISSION_DENIED reason CONSUMER_SUSPENDED: "Permission denied: Consumer 'api_key:AIza…' has been suspended."
  // (google/generative-ai-docs#356 — the message echoes the key).
  { providers: ['google'], statuses: [403], when: googleReason('CONSUMER_SUSPENDED'), outcome: 'revoked' },
  // Gemini 403 reason SERVICE_DISABLED "Generative Language API has not been used in project … or it is disabled"
  // (deprecated-generative-ai-python#10), API_KEY_SERVICE_BLOCKED "Requests to this API … are blocked." (continue#12781).
  { providers: ['google'], statuses: [403], outcome: 'permission-missing', detail: 'google-api-not-allowed' },
  // xAI 400 {code:"Client specified an invalid argument", error:"Incorrect API key provided: xa***YA. You can obtain an API
  // key from https://console.x.ai."} (continuedev/continue#10778, i-am-bee/beeai-framework#447) — 400, not 401.
  { providers: ['xai'], statuses: [400], when: (f) => /incorrect api key|invalid api key/.test(f.text), outcome: 'invalid-key' },
  // xAI 403 {code:"The caller does not have permission to execute the specified operation", error:"Your newly created team
  // doesn't have any credits yet…"} (griptape-nodes-engine#1079); "…has either used all available credits or reached its
  // monthly spending limit…" (warpdotdev/warp#14863).
  { providers: ['xai'], statuses: [403], when: (f) => /credits|spending limit/.test(f.text), outcome: 'no-credit' },
  // 402 Payment Required: DeepSeek {error:{message:"Insufficient Balance", type:"unknown_error", code:"invalid_request_error"}}
  // (continuedev/continue#9942, 1Panel-dev/MaxKB#3797); OpenRouter {error:{message:"Insufficient credits. …", code:402}}
  // (Gitlawb/openclaude#43). Others use 402 the same way where they use it at all.
  { providers: 'any', statuses: [402], outcome: 'no-credit' },
  // Azure 401 {error:{code:"401", message:"Access denied due to invalid subscription key or wrong API endpoint. …"}}
  // (SciSharp/BotSharp#386): a wrong key and another resource's endpoint look the same.
  { providers: ['azure-openai'], statuses: [401], outcome: 'invalid-key', detail: 'azure-key-or-endpoint' },
  // Everyone's rate limit: OpenAI code "rate_limit_exceeded", Anthropic type "rate_limit_error", Gemini status
  // "RESOURCE_EXHAUSTED" (google-gemini/gemini-cli#14811), Groq and the rest OpenAI-like.
  { providers: 'any', statuses: [429], outcome: 'rate-limited' },
  // Everyone's "who are you": OpenAI, Groq (resume-commentor#4), Together (LawGPT#4) code "invalid_api_key"; Anthropic type
  // "authentication_error", "invalid x-api-key" (claude-task-master#222); Mistral {message:"Unauthorized", request_id} or
  // {detail:"Unauthorized"} (cline#1734, nextcloud/integration_openai#332); Cohere {message:"invalid api token"}
  // (cohere-toolkit#857); OpenRouter {error:{message:"No auth credentials found", code:401}} (claude-code-router#227);
  // Perplexity an HTML "401 Authorization Required" page (perplexityai/api-discussion#281).
  { providers: 'any', statuses: [401], outcome: 'invalid-key' },
  // A 403 from the others: the key was recognised and refused this call (not confirmed per provider).
  { providers: 'any', statuses: [403], outcome: 'permission-missing' },
];

/**
 * The outcome of an error answer from `provider`, or null when it is not about the key: the provider
 * is down or busy (5xx, 529 overloaded, 408), or no rule knows the answer.
 */
export function classifyProviderError(provider: AiProviderId, facts: ProviderErrorFacts): Classified | null {
  const rule = rules.find(
    (candidate) =>
      (candidate.providers === 'any' || candidate.providers.includes(provider)) &&
      candidate.statuses.includes(facts.status) &&
      (candidate.when === undefined || candidate.when(facts)),
  );
  return rule === undefined ? null : { outcome: rule.outcome, detail: rule.detail ?? null };
}

/** 5xx, Anthropic's 529 "overloaded_error", a gateway's 408: the provider's trouble, not the key's. */
export function isProviderTrouble(status: number): boolean {
  return status >= 500 || status === 408;
}

/** Reads the facts out of an error body (parsed JSON, or text such as an HTML error page). */
export function errorFacts(status: number, body: unknown): ProviderErrorFacts {
  const root = record(body);
  const error = record(root?.error);
  const details = Array.isArray(error?.details) ? error.details : [];
  const reasons = details.map((detail) => record(detail)?.reason).filter((reason): reason is string => typeof reason === 'string');
  // Messages live in error.message (most), message (Mistral, Cohere), detail (Mistral), or error itself (xAI).
  const messages = [error?.message, root?.message, root?.detail, typeof root?.error === 'string' ? root.error : undefined, typeof body === 'string' ? body : undefined];
  return {
    status,
    code: scalarText(error?.code),
    type: scalarText(error?.type),
    googleStatus: scalarText(error?.status),
    reasons,
    text: messages.filter((message): message is string => typeof message === 'string').join(' ').toLowerCase(),
  };
}

/** The provider's code fit for the audit log: a bare identifier (`insufficient_quota`, `API_KEY_INVALID`), else null. */
export function providerCode(facts: ProviderErrorFacts): string | null {
  const candidates = [facts.reasons[0], facts.code, facts.type !== 'error' ? facts.type : null, facts.googleStatus];
  return candidates.find((candidate): candidate is string => typeof candidate === 'string' && /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(candidate)) ?? null;
}

/** Longest wait Keywarden repeats; a larger value is a provider's mistake or a day-long quota. */
const MAX_RETRY_AFTER_SECONDS = 24 * 60 * 60;

/**
 * How long a rate-limited caller should wait, in whole seconds: `retry-after-ms` (OpenAI's SDKs read
 * it first), `retry-after` in seconds or as an HTTP date (Anthropic, OpenAI, Groq), or Gemini's
 * body `details[].retryDelay` ("34s", google.rpc.RetryInfo). Null when none is given.
 */
export function retryAfterSeconds(header: (name: string) => string | null, body: unknown, now: number): number | null {
  const clamp = (seconds: number): number | null => (Number.isFinite(seconds) && seconds >= 0 ? Math.min(Math.ceil(seconds), MAX_RETRY_AFTER_SECONDS) : null);
  const ms = header('retry-after-ms');
  if (ms !== null && /^\d+(\.\d+)?$/.test(ms.trim())) return clamp(Number(ms) / 1000);
  const after = header('retry-after')?.trim();
  if (after !== undefined && after !== '') {
    if (/^\d+(\.\d+)?$/.test(after)) return clamp(Number(after));
    const at = Date.parse(after);
    if (!Number.isNaN(at)) return clamp((at - now) / 1000);
  }
  const details = record(record(body)?.error)?.details;
  for (const detail of Array.isArray(details) ? details : []) {
    const delay = record(detail)?.retryDelay;
    if (typeof delay === 'string' && /^\d+(\.\d+)?s$/.test(delay)) return clamp(Number(delay.slice(0, -1)));
  }
  return null;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function scalarText(value: unknown): string | null {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}
