/**
 * What the gateway reads from a program's request before it forwards it: the model (what the price
 * table is looked up by) and whether the answer will stream. It never reads or keeps the prompt.
 *
 * One change it may make: an OpenAI chat-completions stream that does not ask for usage gets
 * `stream_options.include_usage: true` (provider traits permitting, ai-provider-catalogue.ts), since
 * without it the stream carries no token counts and the call could not be priced. The program did
 * not ask for the extra usage-only chunk that then ends the stream, so the relay keeps it from the
 * program (response-relay.ts); every other chunk then carries `"usage":null`, which OpenAI's SDKs
 * read as "no usage", as they do for any stream that asked for it.
 */
import type { AiGatewayTraits } from '../ai-providers/ai-provider-catalogue';

export interface InspectedRequest {
  /** The model named by the request (body `model`, Azure's deployment, Gemini's path); null when none is. */
  readonly model: string | null;
  readonly stream: boolean;
  /** The body to forward: the program's own bytes, or with include_usage added. */
  readonly body: Buffer;
  /** The gateway asked for usage the program did not ask for: the usage-only chunk is not passed on. */
  readonly hideUsageChunk: boolean;
}

const INCLUDE_USAGE = '"stream_options":{"include_usage":true},';

export function inspectRequest(traits: AiGatewayTraits, path: string, body: Buffer): InspectedRequest {
  const json = parseObject(body);
  const route = path.split('?', 1)[0] ?? '';
  if (traits.format === 'google') {
    // Gemini names the model in the path: /v1beta/models/gemini-2.5-flash:streamGenerateContent.
    const match = /\/models\/([^/:]+):([A-Za-z]+)$/.exec(route);
    return { model: match ? decodeSafely(match[1] ?? '') : null, stream: match?.[2]?.startsWith('stream') ?? false, body, hideUsageChunk: false };
  }
  const deployment = /\/deployments\/([^/]+)\//.exec(route)?.[1];
  const model = typeof json?.model === 'string' ? json.model : deployment !== undefined ? decodeSafely(deployment) : null;
  const stream = json?.stream === true;
  if (!json || !stream || !traits.streamUsageOption || !route.endsWith('/chat/completions')) return { model, stream, body, hideUsageChunk: false };
  const options = json.stream_options;
  if (isObject(options) && options.include_usage === true) return { model, stream, body, hideUsageChunk: false };
  return { model, stream, body: withUsageAsked(body, json), hideUsageChunk: true };
}

/** The body asking for usage. Without `stream_options` the field is written in, so every other byte stays the program's (a big integer keeps its digits). */
function withUsageAsked(body: Buffer, json: Record<string, unknown>): Buffer {
  if (!('stream_options' in json)) {
    const text = body.toString('utf8');
    const open = text.indexOf('{');
    return Buffer.from(`${text.slice(0, open + 1)}${INCLUDE_USAGE}${text.slice(open + 1)}`, 'utf8');
  }
  const options = isObject(json.stream_options) ? json.stream_options : {};
  return Buffer.from(JSON.stringify({ ...json, stream_options: { ...options, include_usage: true } }), 'utf8');
}

function parseObject(body: Buffer): Record<string, unknown> | undefined {
  if (body.length === 0) return undefined;
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
