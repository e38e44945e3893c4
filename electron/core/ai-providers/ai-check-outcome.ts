/**
 * What checking an AI key can find (issue 17), and the words a person reads for each: what happened
 * and what to do, in Keywarden's words. A provider's own message is never passed on: several echo
 * part of the key ("Incorrect API key provided: sk-proj-****abcd", Gemini's "Consumer
 * 'api_key:AIza…' has been suspended", OpenRouter's key label), and they name settings in terms
 * Keywarden can say more plainly.
 */
import { unreachableConsequence, unreachableMessage } from '../exchanges/exchange-unreachable';

export type AiKeyCheckOutcome =
  | 'ok'
  | 'invalid-key'
  | 'revoked'
  | 'no-credit'
  | 'rate-limited'
  | 'permission-missing'
  | 'organization-mismatch'
  | 'unavailable';

/** A finer cause, where the provider tells one, that changes what the person should do. */
export type AiFailureDetail =
  /** Gemini: the key's Cloud project has not enabled the Generative Language API, or the key is restricted to other APIs. */
  | 'google-api-not-allowed'
  /** Gemini: the key has expired. */
  | 'expired'
  /** OpenRouter: the key's own credit limit is used up (the account may still have credit). */
  | 'key-limit'
  /** Azure: a wrong key and a key of another resource's endpoint answer the same. */
  | 'azure-key-or-endpoint';

interface FailureFields {
  readonly message: string;
  /** The HTTP status the provider answered; null when nothing was answered. */
  readonly httpStatus: number | null;
  /** The provider's error code or reason (`insufficient_quota`, `API_KEY_INVALID`), for the audit log; never free text. */
  readonly providerCode: string | null;
}

export type AiKeyCheckResult =
  | { readonly outcome: 'ok'; readonly message: string; /** Models the key can see; null where the check call lists none (OpenRouter). */ readonly models: number | null }
  | (FailureFields & { readonly outcome: 'rate-limited'; readonly retryAfterSeconds: number | null })
  | (FailureFields & { readonly outcome: 'unavailable'; /** Short, for the parentheses: "answered 503", "connection refused". */ readonly reason: string })
  | (FailureFields & { readonly outcome: Exclude<AiKeyCheckOutcome, 'ok' | 'rate-limited' | 'unavailable'>; readonly detail: AiFailureDetail | null });

export type AiKeyVerdict = Exclude<AiKeyCheckOutcome, 'ok' | 'rate-limited' | 'unavailable'>;

export function okMessage(name: string, models: number | null): string {
  if (models === null) return `${name} accepted the key.`;
  return `${name} accepted the key; it can use ${models} model${models === 1 ? '' : 's'}.`;
}

/** The sentence for a verdict about the key itself. */
export function verdictMessage(name: string, verdict: AiKeyVerdict, detail: AiFailureDetail | null): string {
  switch (verdict) {
    case 'invalid-key':
      if (detail === 'azure-key-or-endpoint') {
        return `${name} refused the key: it is wrong, or it belongs to another resource than this endpoint. Copy both again from the resource's "Keys and Endpoint" page.`;
      }
      return `${name} does not accept this key: it is mistyped, or it was deleted. Copy it again from ${name}'s API keys page, or create a new one.`;
    case 'revoked':
      if (detail === 'expired') return `${name} says this key has expired. Create a new key, then rotate it in Keywarden.`;
      return `${name} says this key, or the account or organization it belongs to, has been disabled. Check the account with ${name}, create a new key, then rotate it in Keywarden.`;
    case 'no-credit':
      if (detail === 'key-limit') return `${name} accepted the key, but its own credit limit is used up. Raise the key's limit in ${name}'s key settings, or use another key.`;
      return `${name} accepted the key, but the account has no credit left or billing is not set up. Add credit or a payment method in ${name}'s billing settings, then check again.`;
    case 'permission-missing':
      if (detail === 'google-api-not-allowed') {
        return `${name} accepted the key, but it may not use the Gemini API: the Generative Language API is not enabled in the key's Google Cloud project, or the key is restricted to other APIs. Enable it, or allow it in the key's API restrictions.`;
      }
      return `${name} accepted the key, but it may not list models (a restricted key, or a role without access). Give the key read access to Models and only what your programs need, then check again.`;
    case 'organization-mismatch':
      return `${name} refused the organization or project ID given with the key: the key does not belong to it. Correct the ID, or leave it empty to use the key's own.`;
  }
}

export function rateLimitedMessage(name: string, retryAfterSeconds: number | null): string {
  const when = retryAfterSeconds === null ? 'in a minute' : `in ${retryAfterSeconds} s`;
  return `${name} is rate-limiting this key right now, so it was not checked; the key's status is unchanged. Try again ${when}.`;
}

/** "OpenAI could not be reached (answered 503); the key's status is unchanged." — the one form of exchange-unreachable.ts. */
export function unavailableMessage(name: string, reason: string): string {
  return unreachableMessage(name, reason, unreachableConsequence.statusUnchanged);
}

/** An answer none of the rules knows: neither the key's fault nor provably the provider's. */
export function unrecognisedMessage(name: string, status: number): string {
  return `${name} answered ${status}, which Keywarden does not recognise, so the key was not checked; its status is unchanged. Check the address if you set one, and try again later.`;
}

/** A redirect is never followed: it could carry the key's header to another host. */
export function redirectedMessage(name: string): string {
  return `${name} answered with a redirect to another address, which Keywarden does not follow with a key; the key's status is unchanged. Check the address (http or https, the path up to /v1).`;
}
