/**
 * The seam between the fake's transport (server.ts: sockets, faults, recording) and one provider's
 * ways (openai-like-dialects.ts, own-format-dialects.ts): where its check call lives, how it reads
 * the key, and the exact answers it gives.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { headerValue } from '../fake-exchange/dialect';
import type { FakeAiKeySpec, FakeAiKeyState, FakeAiRequest, FakeAiSituation, FakeAnswer } from './types';

/** What an answer may need to say: the key (several providers echo part of it) and the wait asked for. */
export interface AnswerContext {
  readonly key: string;
  readonly retryAfterSeconds: number;
}

export interface AiDialect {
  /** The path of the provider's check call, without the query. */
  readonly checkPath: string;
  /** The key as the provider reads it, or undefined when the request carries none. */
  keyOf(headers: IncomingHttpHeaders): string | undefined;
  /** A refusal of a request that lacks what the provider requires besides the key (a version header or parameter). */
  precondition?(request: FakeAiRequest): FakeAnswer | undefined;
  /** OpenAI only: the OpenAI-Organization and OpenAI-Project headers must match the key's. */
  readonly checksOrganization?: boolean;
  /** The 200 answer for a good key. */
  ok(spec: FakeAiKeySpec): FakeAnswer;
  /** Its paid calls (generation.ts): in whose format, under which path prefix (chat completions at `${prefix}/chat/completions`). */
  readonly generation?: { readonly format: 'openai' | 'anthropic'; readonly prefix: string };
  /** The provider's real answer in each situation it has one for. */
  readonly answers: Partial<Record<FakeAiSituation, (context: AnswerContext) => FakeAnswer>>;
  /**
   * How a key state shows on the check call, where it shows at all: a models list does not look at
   * credit, so most providers answer a key without credit as a good one.
   */
  readonly shows: Partial<Record<Exclude<FakeAiKeyState, 'ok'>, FakeAiSituation>>;
}

export function bearerKey(headers: IncomingHttpHeaders): string | undefined {
  const value = headerValue(headers, 'authorization');
  const match = value === undefined ? null : /^Bearer (.+)$/.exec(value);
  return match?.[1];
}

export function headerKey(name: string): (headers: IncomingHttpHeaders) => string | undefined {
  return (headers) => headerValue(headers, name);
}

/** How OpenAI and others echo a key in an error: its first characters, stars, its last four. */
export function maskedKey(key: string, shown = 8): string {
  return `${key.slice(0, shown)}${'*'.repeat(Math.max(4, key.length - shown - 4))}${key.slice(-4)}`;
}

/** An OpenAI-format list of models (the OpenAI API reference's "List models" answer). */
export function openAiModelList(ids: readonly string[], ownedBy: string): FakeAnswer {
  return { status: 200, body: { object: 'list', data: ids.map((id, index) => ({ id, object: 'model', created: 1_700_000_000 + index, owned_by: ownedBy })) } };
}

export function retryAfter(context: AnswerContext): Readonly<Record<string, string>> {
  return { 'retry-after': String(context.retryAfterSeconds) };
}
