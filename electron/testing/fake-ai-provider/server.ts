/**
 * The offline fake AI provider (issue 17): a loopback HTTP server (loopback-http-server.ts) that
 * speaks one provider's dialect — its check call's path, the header its key travels in, its
 * models list and its real error bodies — with faults and latency injected as the fake exchanges
 * do (their FaultInjector), and every request recorded by header names and whether a key was in
 * the URL, never by header values.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { headerValue } from '../fake-exchange/dialect';
import { FaultInjector } from '../fake-exchange/faults';
import { sendAnswer, startLoopbackServer } from '../loopback-http-server';
import type { AiDialect, AnswerContext } from './dialect';
import { aiDialects } from './dialects';
import { generationRoute, readGenerationRequest, writeGeneration, type GenerationRequest } from './generation';
import type { FakeAiKeySpec, FakeAiProvider, FakeAiProviderOptions, FakeAiRequest, FakeAiSituation, FakeAnswer, RecordedAiRequest } from './types';

const defaultMaxLifetimeMs = 10 * 60 * 1000;
/** Larger than any request of the tests (a check call has none; a paid call a short prompt). */
const maxBodyBytes = 1024 * 1024;

/** Starts a fake of `options.provider` on 127.0.0.1 (random port) and resolves once it is listening. */
export async function startFakeAiProvider(options: FakeAiProviderOptions): Promise<FakeAiProvider> {
  const dialect = aiDialects[options.provider];
  const keys = new Map<string, FakeAiKeySpec>((options.keys ?? []).map((spec) => [spec.key, spec]));
  const faults = new FaultInjector(options.faults, options.latencyMs);
  const retryAfterSeconds = options.retryAfterSeconds ?? 7;
  const requests: RecordedAiRequest[] = [];

  const usage = options.usage ?? { tokensIn: 21, tokensOut: 7 };
  const forbidden = (options.forbidden ?? []).filter((value) => value.length > 0);

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    if (body === undefined) {
      response.writeHead(413, { 'Content-Type': 'text/plain', Connection: 'close' }).end('Payload Too Large');
      return;
    }
    const latency = faults.nextLatencyMs();
    if (latency > 0) await server.delay(latency);
    if (server.stopping) return;

    const target = new URL(request.url ?? '/', 'http://fake.invalid');
    const fakeRequest: FakeAiRequest = { method: request.method ?? 'GET', path: target.pathname, query: target.searchParams, headers: request.headers };
    const sentKey = dialect.keyOf(request.headers);
    const keyInUrl = urlCarriesKey(request.url ?? '', target.searchParams, [...keys.keys(), ...(sentKey ? [sentKey] : [])]);
    const forbiddenSeen = forbidden.some((value) => (request.url ?? '').includes(value) || body.includes(value) || Object.values(request.headers).some((header) => String(header).includes(value)));
    const record = (status: number, situation: FakeAiSituation | undefined, fault: RecordedAiRequest['fault'], generation?: GenerationRequest): void => {
      requests.push({
        at: Date.now(), method: fakeRequest.method, path: fakeRequest.path, headerNames: Object.keys(request.headers), keyInUrl, status, situation, fault, forbiddenSeen,
        ...(generation ? { generation: { model: generation.model, stream: generation.stream, usageAsked: generation.usageAsked } } : {}),
      });
    };

    const fault = faults.nextFault(fakeRequest.path);
    if (fault === 'drop' || fault === 'lost-response') {
      // The connection is reset without an answer.
      response.socket?.destroy();
      record(0, undefined, fault);
      return;
    }
    if (fault === 'timeout') {
      // Never answer: the client's own timeout has to fire. stop() closes the socket.
      record(0, undefined, fault);
      return;
    }
    const context: AnswerContext = { key: sentKey ?? '', retryAfterSeconds };
    const [situation, answer] = fault === '5xx' ? situated(dialect, 'unavailable', context) : decide(dialect, fakeRequest, sentKey, keyInUrl, keys, context);
    if (situation !== 'generated') {
      sendAnswer(response, answer);
      record(answer.status, situation, fault);
      return;
    }
    const route = generationRoute(dialect.generation!.format, dialect.generation!.prefix, fakeRequest.method, fakeRequest.path)!;
    const generation = readGenerationRequest(route, body);
    if (!('route' in generation)) {
      sendAnswer(response, generation);
      record(generation.status, 'bad-request', fault);
      return;
    }
    record(200, 'generated', fault, generation);
    await writeGeneration(response, generation, { ...usage, chunkDelayMs: options.streamChunkDelayMs ?? 0, delay: (ms) => server.delay(ms) });
  }

  const server = await startLoopbackServer(serve, options.maxLifetimeMs ?? defaultMaxLifetimeMs);

  return {
    url: server.url,
    provider: options.provider,
    get requests() {
      return [...requests];
    },
    keyEverInUrl: () => requests.some((entry) => entry.keyInUrl),
    addKey: (spec) => void keys.set(spec.key, spec),
    forbid: (value) => void (value.length > 0 && forbidden.push(value)),
    setKeyState: (key, state) => {
      const spec = keys.get(key);
      if (spec === undefined) throw new Error('setKeyState: the fake does not know this key');
      keys.set(key, { ...spec, state });
    },
    setLatency: (latency) => faults.setLatency(latency),
    failNext: (count, kind) => faults.failNext(count, kind),
    stop: () => server.stop(),
  };
}

/** The provider's answer to a request, in the order a real API decides: path, key in the URL, required headers, key, organization, key state. */
function decide(
  dialect: AiDialect,
  request: FakeAiRequest,
  sentKey: string | undefined,
  keyInUrl: boolean,
  keys: ReadonlyMap<string, FakeAiKeySpec>,
  context: AnswerContext,
): [FakeAiSituation, FakeAnswer] {
  const generates = dialect.generation !== undefined && generationRoute(dialect.generation.format, dialect.generation.prefix, request.method, request.path) !== undefined;
  if (!generates && (request.method !== 'GET' || request.path !== dialect.checkPath)) return situated(dialect, 'not-found', context);
  if (keyInUrl && dialect.answers['key-in-url'] !== undefined) return situated(dialect, 'key-in-url', context);
  const refused = dialect.precondition?.(request);
  if (refused !== undefined) return ['bad-request', refused];
  if (sentKey === undefined) return situated(dialect, dialect.answers['missing-key'] ? 'missing-key' : 'unknown-key', context);
  const spec = keys.get(sentKey);
  if (spec === undefined) return situated(dialect, 'unknown-key', context);
  if (dialect.checksOrganization) {
    const organization = headerValue(request.headers, 'openai-organization');
    const project = headerValue(request.headers, 'openai-project');
    if (organization !== undefined && organization !== spec.organization) return situated(dialect, 'organization-mismatch', context);
    if (project !== undefined && project !== spec.project) return situated(dialect, 'project-mismatch', context);
  }
  const state = spec.state ?? 'ok';
  // A paid call looks at credit, where a models list does not.
  const shown = state === 'ok' ? 'ok' : generates && state === 'no-credit' && dialect.answers['no-credit'] ? 'no-credit' : (dialect.shows[state] ?? (state === 'revoked' ? 'unknown-key' : 'ok'));
  if (shown === 'ok') return generates ? ['generated', { status: 200, body: null }] : ['ok', dialect.ok(spec)];
  return situated(dialect, shown, context);
}

/** A path the provider does not serve, where its dialect has no body of its own for it: the web server's page. */
const notFoundPage = (): FakeAnswer => ({ status: 404, body: '404 page not found\n' });

function situated(dialect: AiDialect, situation: FakeAiSituation, context: AnswerContext): [FakeAiSituation, FakeAnswer] {
  const answer = dialect.answers[situation] ?? (situation === 'not-found' ? notFoundPage : dialect.answers['unknown-key']);
  if (answer === undefined) throw new Error(`the fake has no answer for ${situation}`);
  return [situation, answer(context)];
}

/** Whether a key sits in the URL: any known or sent key anywhere in it, or a parameter named like one. */
function urlCarriesKey(rawUrl: string, query: URLSearchParams, candidates: readonly string[]): boolean {
  const decoded = safeDecode(rawUrl);
  if (candidates.some((key) => key.length >= 8 && (rawUrl.includes(key) || decoded.includes(key)))) return true;
  return ['key', 'api_key', 'api-key', 'apikey', 'access_token'].some((name) => query.has(name));
}

/** Reads the request body; undefined when it is larger than any request of the tests. */
function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodyBytes) chunks.push(chunk);
    });
    request.on('end', () => resolve(size <= maxBodyBytes ? Buffer.concat(chunks) : undefined));
    request.on('error', reject);
  });
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
