/**
 * Reads the tokens a provider reports from an answer as it passes through the gateway, without
 * keeping the answer: a JSON answer is parsed once it is complete (up to a bound), a stream event by
 * event. Only the usage fields are read. The shapes (the later report wins, as the providers'
 * stream totals are cumulative):
 * - OpenAI chat completions and every OpenAI-like API: `usage.prompt_tokens` / `completion_tokens`,
 *   in a stream the final chunk's (asked for with stream_options.include_usage); Groq's streams put
 *   it under `x_groq.usage`.
 * - OpenAI Responses API: `usage.input_tokens` / `output_tokens`, in a stream on `response.usage` of
 *   the response.completed event.
 * - Anthropic: `usage.input_tokens` / `output_tokens` plus the cache tokens
 *   (`cache_creation_input_tokens`, `cache_read_input_tokens`, counted as input); in a stream the
 *   input on message_start's `message.usage`, the output on message_delta's `usage` (cumulative:
 *   PostHog/posthog-python 7.75.4 fixed adding them up).
 * - Google Gemini: `usageMetadata.promptTokenCount` / `candidatesTokenCount` (+ `thoughtsTokenCount`).
 */
import { MAX_EVENT_BYTES, SseEventSplitter } from './sse-event-splitter';

export interface ReportedUsage {
  /** Null when the answer reported none (or it could not be read). */
  readonly tokensIn: number | null;
  readonly tokensOut: number | null;
}

/** A JSON answer larger than this is not parsed for its usage (it is still passed on whole). */
const MAX_JSON_BYTES = 8 * 1024 * 1024;

export class UsageMeter {
  readonly #stream: boolean;
  readonly #splitter = new SseEventSplitter();
  #json: Buffer[] = [];
  #jsonBytes = 0;
  #tokensIn: number | null = null;
  #tokensOut: number | null = null;

  /** `stream`: the answer is text/event-stream. */
  constructor(stream: boolean) {
    this.#stream = stream;
  }

  /** Reads a chunk of the answer; for a stream, returns the whole events it completed (for the relay). */
  push(chunk: Buffer): Buffer[] {
    if (!this.#stream) {
      this.#jsonBytes += chunk.length;
      if (this.#jsonBytes <= MAX_JSON_BYTES) this.#json.push(chunk);
      else this.#json = [];
      return [];
    }
    const events = this.#splitter.push(chunk);
    if (!this.#splitter.overflowed) for (const event of events) this.#observe(dataOf(event));
    return events;
  }

  /** The stream's unfinished last event (a provider that ends without a blank line). */
  rest(): Buffer {
    const rest = this.#stream ? this.#splitter.rest() : Buffer.alloc(0);
    if (rest.length > 0 && rest.length <= MAX_EVENT_BYTES) this.#observe(dataOf(rest));
    return rest;
  }

  /** What the answer reported, once it has ended. */
  usage(): ReportedUsage {
    if (!this.#stream && this.#json.length > 0 && this.#jsonBytes <= MAX_JSON_BYTES) {
      this.#observe(Buffer.concat(this.#json).toString('utf8'));
      this.#json = [];
    }
    return { tokensIn: this.#tokensIn, tokensOut: this.#tokensOut };
  }

  #observe(text: string | undefined): void {
    if (text === undefined || !text.includes('oken')) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return;
    }
    // Gemini's non-SSE stream is one JSON array of answers.
    for (const item of Array.isArray(parsed) ? parsed : [parsed]) {
      const found = usageIn(item);
      if (found.tokensIn !== null) this.#tokensIn = found.tokensIn;
      if (found.tokensOut !== null) this.#tokensOut = found.tokensOut;
    }
  }
}

/** The JSON an event carries: its `data:` lines joined (an event without one carries nothing to read). */
function dataOf(event: Buffer): string | undefined {
  const lines = event.toString('utf8').split(/\r\n|\r|\n/);
  const data = lines.filter((line) => line.startsWith('data:')).map((line) => line.slice(line.startsWith('data: ') ? 6 : 5));
  if (data.length === 0) return undefined;
  const text = data.join('\n');
  return text.startsWith('{') || text.startsWith('[') ? text : undefined;
}

/** Whether a stream event is OpenAI's usage-only chunk (`choices: []` and a usage), which ends an include_usage stream. */
export function isUsageOnlyChunk(event: Buffer): boolean {
  const text = dataOf(event);
  if (text === undefined || !text.includes('"usage"')) return false;
  try {
    const parsed = JSON.parse(text) as { choices?: unknown; usage?: unknown };
    return Array.isArray(parsed.choices) && parsed.choices.length === 0 && record(parsed.usage) !== undefined;
  } catch {
    return false;
  }
}

function usageIn(value: unknown): ReportedUsage {
  const root = record(value);
  if (!root) return { tokensIn: null, tokensOut: null };
  const gemini = record(root.usageMetadata);
  if (gemini) return { tokensIn: count(gemini.promptTokenCount), tokensOut: sum(count(gemini.candidatesTokenCount), count(gemini.thoughtsTokenCount)) };
  const usage = record(root.usage) ?? record(record(root.message)?.usage) ?? record(record(root.response)?.usage) ?? record(record(root.x_groq)?.usage);
  if (!usage) return { tokensIn: null, tokensOut: null };
  const input = count(usage.prompt_tokens) ?? count(usage.input_tokens);
  const cached = sum(count(usage.cache_creation_input_tokens), count(usage.cache_read_input_tokens));
  return {
    tokensIn: input === null ? null : input + (usage.prompt_tokens === undefined ? (cached ?? 0) : 0),
    tokensOut: count(usage.completion_tokens) ?? count(usage.output_tokens),
  };
}

function count(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null;
}

function sum(a: number | null, b: number | null): number | null {
  return a === null && b === null ? null : (a ?? 0) + (b ?? 0);
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
