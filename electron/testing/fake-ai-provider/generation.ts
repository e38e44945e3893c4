/**
 * The fake providers' paid calls, for the AI gateway's tests (issue 17): OpenAI's chat completions
 * and Responses API and Anthropic's messages, each as JSON or as a server-sent-event stream, with
 * the usage fields the real APIs put where they put them:
 * - chat completions: `usage` {prompt_tokens, completion_tokens, total_tokens}; a stream carries it
 *   only when asked with stream_options.include_usage, in an extra last chunk whose `choices` is
 *   empty, every other chunk then having `"usage":null` (the OpenAI API reference, ChatCompletionStreamOptions);
 * - Responses: `usage` {input_tokens, output_tokens, total_tokens}, in a stream on response.completed;
 * - Anthropic messages: `usage` {input_tokens, output_tokens}; a stream gives the input on
 *   message_start (with output_tokens 1) and the cumulative output on message_delta.
 * The answer is a fixed sentence, sent word by word in a stream, with an optional pause between.
 */
import type { ServerResponse } from 'node:http';
import type { FakeAnswer } from './types';

export type GenerationRoute = 'chat-completions' | 'responses' | 'messages';

export interface GenerationRequest {
  readonly route: GenerationRoute;
  readonly model: string;
  readonly stream: boolean;
  /** chat completions: stream_options.include_usage was true. */
  readonly usageAsked: boolean;
}

export interface GenerationOptions {
  readonly tokensIn: number;
  readonly tokensOut: number;
  /** Pause between two stream events (the first goes at once). */
  readonly chunkDelayMs: number;
  readonly delay: (ms: number) => Promise<void>;
}

export const FAKE_ANSWER_TEXT = 'Hello from the fake provider.';
const CREATED = 1_700_000_000;

/** The generation call a POST to `path` is, for a dialect that generates in `format` under `prefix`. */
export function generationRoute(format: 'openai' | 'anthropic', prefix: string, method: string, path: string): GenerationRoute | undefined {
  if (method !== 'POST') return undefined;
  if (format === 'anthropic') return path === `${prefix}/messages` ? 'messages' : undefined;
  if (path === `${prefix}/chat/completions`) return 'chat-completions';
  return path === `${prefix}/responses` ? 'responses' : undefined;
}

/** The request's model and streaming, or the provider's 400 when the body is not what the API takes. */
export function readGenerationRequest(route: GenerationRoute, body: Buffer): GenerationRequest | FakeAnswer {
  let parsed: { model?: unknown; stream?: unknown; stream_options?: { include_usage?: unknown } };
  try {
    parsed = JSON.parse(body.toString('utf8')) as typeof parsed;
  } catch {
    return route === 'messages'
      ? { status: 400, body: { type: 'error', error: { type: 'invalid_request_error', message: 'There was an issue with your request body.' } } }
      : { status: 400, body: { error: { message: "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly.)", type: 'invalid_request_error', param: null, code: null } } };
  }
  if (typeof parsed.model !== 'string') {
    return route === 'messages'
      ? { status: 400, body: { type: 'error', error: { type: 'invalid_request_error', message: 'model: Field required' } } }
      : { status: 400, body: { error: { message: 'you must provide a model parameter', type: 'invalid_request_error', param: null, code: null } } };
  }
  return { route, model: parsed.model, stream: parsed.stream === true, usageAsked: parsed.stream_options?.include_usage === true };
}

export async function writeGeneration(response: ServerResponse, request: GenerationRequest, options: GenerationOptions): Promise<void> {
  const words = FAKE_ANSWER_TEXT.split(/(?<= )/);
  const { tokensIn, tokensOut } = options;
  if (!request.stream) {
    const body = JSON.stringify(jsonAnswer(request, tokensIn, tokensOut));
    response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'x-request-id': 'req_fake' });
    response.end(body);
    return;
  }
  response.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', 'x-request-id': 'req_fake' });
  const events = streamEvents(request, words, tokensIn, tokensOut);
  for (const [index, event] of events.entries()) {
    if (index > 0 && options.chunkDelayMs > 0) await options.delay(options.chunkDelayMs);
    if (response.destroyed) return;
    response.write(event);
  }
  response.end();
}

function jsonAnswer(request: GenerationRequest, tokensIn: number, tokensOut: number): unknown {
  switch (request.route) {
    case 'chat-completions':
      return {
        id: 'chatcmpl-fake1', object: 'chat.completion', created: CREATED, model: request.model,
        choices: [{ index: 0, message: { role: 'assistant', content: FAKE_ANSWER_TEXT, refusal: null }, logprobs: null, finish_reason: 'stop' }],
        usage: { prompt_tokens: tokensIn, completion_tokens: tokensOut, total_tokens: tokensIn + tokensOut },
      };
    case 'responses':
      return { ...responseObject(request.model, 'completed'), usage: { input_tokens: tokensIn, output_tokens: tokensOut, total_tokens: tokensIn + tokensOut } };
    case 'messages':
      return {
        id: 'msg_fake1', type: 'message', role: 'assistant', model: request.model, content: [{ type: 'text', text: FAKE_ANSWER_TEXT }],
        stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: tokensIn, output_tokens: tokensOut },
      };
  }
}

function responseObject(model: string, status: 'in_progress' | 'completed'): Record<string, unknown> {
  return {
    id: 'resp_fake1', object: 'response', created_at: CREATED, status, model,
    output: status === 'completed' ? [{ type: 'message', id: 'msg_fake1', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: FAKE_ANSWER_TEXT, annotations: [] }] }] : [],
    usage: null,
  };
}

const data = (value: unknown): string => `data: ${JSON.stringify(value)}\n\n`;
const named = (event: string, value: unknown): string => `event: ${event}\n${data(value)}`;

function streamEvents(request: GenerationRequest, words: readonly string[], tokensIn: number, tokensOut: number): string[] {
  switch (request.route) {
    case 'chat-completions': {
      const usage = request.usageAsked ? { usage: null } : {};
      const chunk = (delta: Record<string, unknown>, finish: string | null) => ({ id: 'chatcmpl-fake1', object: 'chat.completion.chunk', created: CREATED, model: request.model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], ...usage });
      const events = [data(chunk({ role: 'assistant', content: '', refusal: null }, null)), ...words.map((word) => data(chunk({ content: word }, null))), data(chunk({}, 'stop'))];
      if (request.usageAsked) {
        events.push(data({ id: 'chatcmpl-fake1', object: 'chat.completion.chunk', created: CREATED, model: request.model, choices: [], usage: { prompt_tokens: tokensIn, completion_tokens: tokensOut, total_tokens: tokensIn + tokensOut } }));
      }
      return [...events, 'data: [DONE]\n\n'];
    }
    case 'responses':
      return [
        named('response.created', { type: 'response.created', sequence_number: 0, response: responseObject(request.model, 'in_progress') }),
        ...words.map((word, index) => named('response.output_text.delta', { type: 'response.output_text.delta', sequence_number: index + 1, item_id: 'msg_fake1', output_index: 0, content_index: 0, delta: word })),
        named('response.completed', { type: 'response.completed', sequence_number: words.length + 1, response: { ...responseObject(request.model, 'completed'), usage: { input_tokens: tokensIn, output_tokens: tokensOut, total_tokens: tokensIn + tokensOut } } }),
      ];
    case 'messages':
      return [
        named('message_start', { type: 'message_start', message: { id: 'msg_fake1', type: 'message', role: 'assistant', model: request.model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: tokensIn, output_tokens: 1 } } }),
        named('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
        named('ping', { type: 'ping' }),
        ...words.map((word) => named('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: word } })),
        named('content_block_stop', { type: 'content_block_stop', index: 0 }),
        named('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: tokensOut } }),
        named('message_stop', { type: 'message_stop' }),
      ];
  }
}
