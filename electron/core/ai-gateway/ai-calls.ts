/**
 * One call through the AI gateway, from the program's request to the recorded use: which local
 * token it came with, which key that token may spend with this provider, whether the key's budget
 * and cap let it through, then the call with the real key in the provider's own header, the answer
 * passed back as it comes, and the tokens and cost recorded for the key and the token. Refusals are
 * answered before anything reaches the provider, in its error shape (gateway-refusals.ts).
 *
 * The key is decrypted for this call only and never leaves this process except in its header to
 * the provider; nothing about the call is logged, and a prompt or an answer is never stored.
 */
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { aiAuthHeaderNames, keyHeaders, type AiKeyFields } from '../ai-providers/ai-check-request';
import { transportFailure } from '../http/bounded-fetch';
import { aiApiBase, aiProviderEntry, type AiProviderEntry } from '../ai-providers/ai-provider-catalogue';
import type { Clock } from '../clock';
import type { CredentialRepository } from '../credentials/credential-repository';
import type { CredentialInfo } from '../credentials/credential-schema';
import { isKeywardenError } from '../errors';
import type { RowGuard } from '../integrity/integrity-guard';
import type { Vault } from '../vault/vault';
import type { GatewayRefusalCounts } from './gateway-schema';
import { refusalAnswer, type Refusal } from './gateway-refusals';
import type { AuthenticatedToken, LocalTokens } from './local-tokens';
import { costMicroUsd } from './price-table';
import { inspectRequest } from './request-inspection';
import { relayAnswer } from './response-relay';
import type { SpendGuard } from './spend-guard';
import { NO_ANSWER_IN_TIME, forwardedHeaders, type UpstreamClient } from './upstream-client';

/** A request as the server took it in: its route split, its body read whole (bounded). */
export interface IncomingCall {
  readonly method: string;
  /** The first path segment: an AI provider id. */
  readonly provider: string;
  /** The rest of the path with its query, appended to the provider's address. */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** Aborted when the program goes away. */
  readonly signal: AbortSignal;
}

export interface AiCallsOptions {
  readonly vault: Vault;
  readonly integrity: RowGuard;
  readonly credentials: CredentialRepository;
  readonly tokens: LocalTokens;
  readonly spendGuard: SpendGuard;
  readonly upstream: UpstreamClient;
  readonly clock: Clock;
  /** Provider id → scheme and host to use instead (KEYWARDEN_SERVICE_URLS: tests and proxies only). */
  readonly serviceUrls: Readonly<Record<string, string>>;
}

/** Query parameters that carry keys (Gemini's ?key=): a local token never travels in a URL. */
const KEY_PARAMETERS = ['key', 'api_key', 'api-key', 'apikey', 'access_token'];

export class AiCalls {
  readonly #options: AiCallsOptions;
  readonly #refused: { -readonly [K in keyof GatewayRefusalCounts]: number } = { unauthorized: 0, budget: 0, rate: 0, other: 0 };
  /** Each key's provider by id (undefined: no such key), which never changes once a key is stored. */
  readonly #providerOf = new Map<string, string | undefined>();

  constructor(options: AiCallsOptions) {
    this.#options = options;
  }

  /** Calls refused since this gateway started, by reason. */
  refusedCounts(): GatewayRefusalCounts {
    return { ...this.#refused };
  }

  async handle(call: IncomingCall, res: ServerResponse): Promise<void> {
    const entry = aiProviderEntry(call.provider);
    if (entry === undefined) {
      return this.refuse(res, { kind: 'not-found', message: `Keywarden: the gateway's paths start with an AI provider id, as in /openai/v1/… or /anthropic/v1/…; "${printable(call.provider)}" is none (keywarden ai-providers lists them).` });
    }
    const refuse = (refusal: Refusal) => this.refuse(res, refusal, entry);
    if (queryCarriesKey(call.path)) {
      return refuse({ kind: 'bad-request', message: 'Keywarden: give the local token in a header (Authorization: Bearer, x-api-key, x-goog-api-key or api-key), never in the URL, where logs keep it.' });
    }
    const { vault, integrity, tokens, credentials, spendGuard } = this.#options;
    if (!vault.isUnlocked()) return refuse({ kind: 'locked', message: 'Keywarden is locked, so its AI gateway cannot use any key. Unlock Keywarden and try again.' });
    const presented = presentedToken(call.headers);
    const token = presented === undefined ? undefined : tokens.authenticate(presented);
    if (token === undefined) {
      return refuse({ kind: 'unauthorized', message: `Keywarden: ${presented === undefined ? 'no local token was given' : 'this local token is not valid (wrong, revoked, or made by another Keywarden)'}. Give the program a token from: keywarden proxy tokens create --label <label> --key <key>` });
    }
    if (integrity.alarms().length > 0) {
      return refuse({ kind: 'integrity', message: 'Keywarden found keys or settings changed outside it (integrity alarm); its AI gateway refuses every call until you look at it: keywarden integrity status' });
    }
    const keyId = this.#keyIdFor(token, entry);
    if (keyId === undefined) return refuse(this.#noKey(token, entry));
    let key: CredentialInfo;
    let fields: AiKeyFields;
    try {
      ({ info: key, secrets: fields } = credentials.getDecrypted(keyId));
    } catch (error) {
      if (isKeywardenError(error, 'CREDENTIAL_NOT_FOUND')) return refuse(this.#noKey(token, entry));
      if (isKeywardenError(error, 'VAULT_LOCKED')) return refuse({ kind: 'locked', message: 'Keywarden is locked, so its AI gateway cannot use any key. Unlock Keywarden and try again.' });
      return refuse({ kind: 'key-unusable', message: `Keywarden: ${isKeywardenError(error) ? error.message : 'the key could not be read.'}` });
    }
    const why = unusableReason(key, this.#options.clock.now());
    if (why !== undefined) return refuse({ kind: 'key-unusable', message: `Keywarden: the key "${key.label}" ${why}` });
    const base = aiApiBase(entry, fields, this.#options.serviceUrls[entry.id]);
    const origin = originOf(base);
    if (origin === undefined) return refuse({ kind: 'key-unusable', message: `Keywarden: the key "${key.label}" has no usable address for ${entry.name}.` });
    const inspected = inspectRequest(entry.gateway, call.path, call.body);
    const admission = spendGuard.admit({ keyId: key.id, keyLabel: key.label, provider: entry.id, method: call.method, model: inspected.model });
    if (!admission.ok) return refuse(admission.refusal);
    tokens.touch(token.id);

    const record = (ok: boolean, tokensIn: number | null, tokensOut: number | null) => {
      const known = tokensIn !== null || tokensOut !== null;
      const cost = admission.price !== undefined && known ? costMicroUsd(admission.price, tokensIn ?? 0, tokensOut ?? 0) : null;
      try {
        credentials.recordUse(key.id, { source: 'gateway', ok, tokensIn, tokensOut, costMicroUsd: cost, localTokenId: token.id });
      } catch {
        // The core closed while the answer was on its way (quitting): the program got its answer.
      }
      if (cost !== null) spendGuard.spend(key.id, cost);
    };
    // The target keeps the provider's host whatever the path is: "//elsewhere" stays a path.
    const target = new URL(`${origin}${call.path}`);
    let answer;
    try {
      answer = await this.#options.upstream.send(call.method, target, forwardedHeaders(call.headers, keyHeaders(entry, fields), inspected.body.length), inspected.body, call.signal);
    } catch (error) {
      record(false, null, null);
      if (call.signal.aborted) return;
      const reason = (error as { message?: unknown } | null)?.message === NO_ANSWER_IN_TIME ? NO_ANSWER_IN_TIME : transportFailure(error);
      return refuse({ kind: 'upstream-failed', message: `Keywarden: ${entry.name} could not be reached from the gateway (${reason}).` });
    }
    const status = answer.statusCode ?? 502;
    if (status >= 300 && status < 400) {
      // A redirect would send the program (and its local token) somewhere the gateway never checked.
      answer.destroy();
      record(false, null, null);
      return refuse({ kind: 'upstream-failed', message: `Keywarden: ${entry.name} answered with a redirect (${status}), which the gateway does not follow.` });
    }
    const outcome = await relayAnswer(answer, res, { hideUsageChunk: inspected.hideUsageChunk, secrets: [fields.apiKey ?? ''] });
    record(outcome.status < 300 && outcome.completed, outcome.usage.tokensIn, outcome.usage.tokensOut);
  }

  /** Writes a refusal in the provider's error shape (OpenAI's when there is no such provider), and counts it. */
  refuse(res: ServerResponse, refusal: Refusal, provider?: AiProviderEntry | string): void {
    const entry = typeof provider === 'string' ? aiProviderEntry(provider) : provider;
    const bucket = refusal.kind === 'unauthorized' ? 'unauthorized' : refusal.kind === 'over-budget' || refusal.kind === 'price-unknown' ? 'budget' : refusal.kind === 'rate-limited' ? 'rate' : 'other';
    this.#refused[bucket] += 1;
    if (res.headersSent || res.destroyed) return;
    const answer = refusalAnswer(refusal, entry?.gateway.format);
    res.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(answer.body)), 'cache-control': 'no-store', ...answer.headers });
    res.end(answer.body);
  }

  /** The id of the key `token` may use with `entry`'s provider (its providers looked up once: a key's provider never changes). */
  #keyIdFor(token: AuthenticatedToken, entry: AiProviderEntry): string | undefined {
    return token.keyIds.find((id) => {
      if (!this.#providerOf.has(id)) this.#providerOf.set(id, this.#storedKey(id)?.provider);
      return this.#providerOf.get(id) === entry.id;
    });
  }

  #noKey(token: AuthenticatedToken, entry: AiProviderEntry): Refusal {
    const labels = token.keyIds.flatMap((id) => this.#storedKey(id)?.label ?? []);
    return { kind: 'no-key', message: `Keywarden: the local token "${token.label}" may use no ${entry.name} key${labels.length ? ` (it has ${labels.map((label) => `"${label}"`).join(', ')})` : ''}. Make a token for one: keywarden proxy tokens create --label <label> --key <key>` };
  }

  #storedKey(id: string): CredentialInfo | undefined {
    try {
      return this.#options.credentials.get(id);
    } catch (error) {
      if (isKeywardenError(error, 'CREDENTIAL_NOT_FOUND')) return undefined;
      throw error;
    }
  }
}

function unusableReason(key: CredentialInfo, now: number): string | undefined {
  if (key.status === 'revoked') return 'was revoked; nothing can use it any more.';
  if (key.status === 'expired' || (key.expiresAt !== null && key.expiresAt <= now)) return 'has expired. Rotate it (keywarden rotate) before programs use it.';
  if (key.status === 'disabled') return 'is disabled (its provider said so, or it was changed outside Keywarden). Check it: keywarden verify <key>';
  return undefined;
}

/** The local token from the header the program's SDK puts its key in. */
function presentedToken(headers: IncomingHttpHeaders): string | undefined {
  for (const name of aiAuthHeaderNames) {
    const value = headers[name];
    if (typeof value !== 'string' || value.trim() === '') continue;
    return name === 'authorization' ? /^Bearer\s+(\S+)\s*$/i.exec(value)?.[1] : value.trim();
  }
  return undefined;
}

function queryCarriesKey(path: string): boolean {
  const at = path.indexOf('?');
  if (at === -1) return false;
  const query = new URLSearchParams(path.slice(at + 1));
  return KEY_PARAMETERS.some((name) => query.has(name)) || [...query.values()].some((value) => value.startsWith('kwl_'));
}

function originOf(base: string): string | undefined {
  try {
    const url = new URL(base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

function printable(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 40);
}
