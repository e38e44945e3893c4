/**
 * Public types of the offline fake AI provider (issue 17; DESIGN.md "Testing"): what a test
 * configures, and what it can inspect afterwards.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { AiProviderId } from '../../shared/ai-providers';
import type { FakeFaultOptions, FakeLatency, FaultKind } from '../fake-exchange/types';

/** What a key is like on the provider's side. */
export type FakeAiKeyState =
  | 'ok'
  /** Deleted, disabled, or its account or organization disabled. */
  | 'revoked'
  /** The account has no credit or no billing (OpenRouter: the key's own limit is used up). */
  | 'no-credit'
  /** A restricted key that may not list models, or a project that has not enabled the API. */
  | 'restricted'
  /** Over its rate limit: answered 429 with a retry delay. */
  | 'rate-limited';

export interface FakeAiKeySpec {
  readonly key: string;
  readonly state?: FakeAiKeyState;
  /** OpenAI: the organization and project the key belongs to; another one in the headers is refused. */
  readonly organization?: string;
  readonly project?: string;
}

/** The situations a provider answers, each with its own real status, headers and body. */
export type FakeAiSituation =
  | 'ok'
  | 'missing-key'
  | 'unknown-key'
  | 'revoked'
  | 'no-credit'
  | 'restricted'
  | 'organization-mismatch'
  | 'project-mismatch'
  | 'rate-limited'
  | 'unavailable'
  | 'bad-request'
  | 'key-in-url'
  | 'not-found'
  /** A paid call answered (generation.ts). */
  | 'generated';

export interface FakeAnswer {
  readonly status: number;
  /** Sent as JSON, or as text (an HTML error page) when a string. */
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface FakeAiRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
}

export interface FakeAiProviderOptions {
  readonly provider: AiProviderId;
  readonly keys?: readonly FakeAiKeySpec[];
  readonly latencyMs?: FakeLatency;
  readonly faults?: FakeFaultOptions;
  /** The wait a rate-limited answer asks for, in seconds (default 7). */
  readonly retryAfterSeconds?: number;
  /** The server stops itself after this long (default 10 minutes), so a forgotten fake never outlives a run. */
  readonly maxLifetimeMs?: number;
  /** The tokens a paid call reports using (generation.ts); default 21 in, 7 out. */
  readonly usage?: { readonly tokensIn: number; readonly tokensOut: number };
  /** Pause between two events of a streamed answer (default none). */
  readonly streamChunkDelayMs?: number;
  /** Values no request may carry (a gateway's local token): each request records whether its URL, a header or its body held one. */
  readonly forbidden?: readonly string[];
}

/** One request as the fake saw it: header names, never their values. */
export interface RecordedAiRequest {
  readonly at: number;
  readonly method: string;
  readonly path: string;
  readonly headerNames: readonly string[];
  /** True when a key (a known one, or the one sent) appeared anywhere in the URL, or a key= parameter did. */
  readonly keyInUrl: boolean;
  /** HTTP status answered; 0 when an injected fault sent nothing. */
  readonly status: number;
  readonly situation: FakeAiSituation | undefined;
  readonly fault: FaultKind | undefined;
  /** A paid call that was answered: its model, whether it streamed, whether it asked a stream for usage. */
  readonly generation?: { readonly model: string; readonly stream: boolean; readonly usageAsked: boolean };
  /** Whether the URL, a header value or the body held one of the `forbidden` values. */
  readonly forbiddenSeen: boolean;
}

export interface FakeAiProvider {
  /** Base URL, e.g. http://127.0.0.1:41234 (the provider's own paths follow, as with KEYWARDEN_EXCHANGE_URLS). */
  readonly url: string;
  readonly provider: AiProviderId;
  readonly requests: readonly RecordedAiRequest[];
  /** Whether any request so far carried a key in its URL. */
  keyEverInUrl(): boolean;
  addKey(spec: FakeAiKeySpec): void;
  /** From now on, records whether a request carries this value (see `forbidden`). */
  forbid(value: string): void;
  setKeyState(key: string, state: FakeAiKeyState): void;
  setLatency(latency: FakeLatency): void;
  /** The next `count` requests fail as `kind`: '5xx' is the provider's own "unavailable" answer, 'drop' resets the connection, 'timeout' never answers. */
  failNext(count: number, kind: FaultKind): void;
  /** Closes the listener and every open connection; safe to call twice. */
  stop(): Promise<void>;
}
