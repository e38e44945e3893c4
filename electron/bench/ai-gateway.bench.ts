/**
 * proxy_overhead: what the local AI gateway adds to a call. The same small chat-completions call,
 * alternately straight to the fake OpenAI (with the real key) and through the gateway (with a local
 * token), from one client on kept-alive connections, in the same run; the overhead is the
 * difference of the two at p50 and p99 (goal: p99 ≤ 2 ms). Then the same for a streamed answer,
 * timed to its first byte (the stream's first event), which is what a person waiting for an answer
 * sees.
 *
 * The client, the gateway and the fake share this process, as a program and the desktop app would
 * not: each call's work runs one step after another either way, so the difference is the gateway's
 * own work (token check, key decrypt, budget check, forwarding, usage reading, recording) plus one
 * more loopback hop.
 */
import http from 'node:http';
import { makeFakeAiKey, startFakeAiProvider } from '../testing/fake-ai-provider';
import { testScryptCost } from '../testing/test-core';
import { createBenchCore } from './bench-core';
import type { Bench } from './bench-types';
import { percentile, round } from './stats';

const CALLS = 2000;
const STREAMS = 300;
const WARM_UP = 200;
const GOAL_P99_OVERHEAD_MS = 2;

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

/** Milliseconds until the answer's first body byte, and until its end. */
function timedCall(url: string, headers: Record<string, string>, body: string): Promise<{ firstByte: number; total: number; status: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const request = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers } }, (response) => {
      let firstByte = -1;
      response.on('data', () => {
        if (firstByte < 0) firstByte = performance.now() - started;
      });
      response.on('end', () => resolve({ firstByte, total: performance.now() - started, status: response.statusCode ?? 0 }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

export const proxyOverheadBench: Bench = async (context) => {
  const key = makeFakeAiKey('openai');
  const fake = await startFakeAiProvider({ provider: 'openai', keys: [{ key }], streamChunkDelayMs: 2 });
  const core = await createBenchCore(context.tempHome('keywarden-bench-gateway-'), { scryptCost: testScryptCost, exchangeUrlOverrides: { openai: fake.url } });
  try {
    await core.credentials.create({ provider: 'openai', label: 'bench', fields: { apiKey: key } }, 'system');
    // A budget and a cap that never bind: the bench pays for both checks, as a careful person's setup does.
    core.gateway.config.setBudget({ ref: 'bench', monthlyUsd: 1_000_000, requestsPerMinute: 100_000 }, 'system');
    const token = core.gateway.tokens.create({ label: 'bench', keys: ['bench'] }, 'system').localToken;
    const gatewayUrl = (await core.gateway.start({ host: '127.0.0.1', port: 0 })).localUrl ?? '';
    const paths = {
      direct: { url: `${fake.url}/v1/chat/completions`, headers: { authorization: `Bearer ${key}` } },
      gateway: { url: `${gatewayUrl}/openai/v1/chat/completions`, headers: { authorization: `Bearer ${token}` } },
    };
    const small = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say hello.' }], max_tokens: 16 });
    const streamed = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say hello.' }], stream: true });

    const measure = async (count: number, body: string, pick: (timing: { firstByte: number; total: number }) => number) => {
      const samples = { direct: [] as number[], gateway: [] as number[] };
      for (let n = 0; n < count; n += 1) {
        // Alternate which goes first, so neither always finds the machine in the state the other left.
        for (const path of n % 2 === 0 ? (['direct', 'gateway'] as const) : (['gateway', 'direct'] as const)) {
          const timing = await timedCall(paths[path].url, paths[path].headers, body);
          if (timing.status !== 200) throw new Error(`proxy_overhead: ${path} answered ${timing.status}`);
          samples[path].push(pick(timing));
        }
      }
      return samples;
    };

    context.log(`  warming up (${WARM_UP} calls each way)…`);
    await measure(WARM_UP, small, (timing) => timing.total);
    context.log(`  ${CALLS} small JSON calls each way…`);
    const json = await measure(CALLS, small, (timing) => timing.total);
    context.log(`  ${STREAMS} streamed calls each way, to the first byte…`);
    const stream = await measure(STREAMS, streamed, (timing) => timing.firstByte);
    const usage = core.keyUsage.report({ days: 1 }).keys[0];

    const line = (samples: { direct: number[]; gateway: number[] }, prefix: string) => {
      const direct = { p50: percentile(samples.direct, 50), p99: percentile(samples.direct, 99) };
      const gateway = { p50: percentile(samples.gateway, 50), p99: percentile(samples.gateway, 99) };
      return {
        [`${prefix}direct_p50_ms`]: round(direct.p50, 3),
        [`${prefix}direct_p99_ms`]: round(direct.p99, 3),
        [`${prefix}gateway_p50_ms`]: round(gateway.p50, 3),
        [`${prefix}gateway_p99_ms`]: round(gateway.p99, 3),
        [`${prefix}overhead_p50_ms`]: round(gateway.p50 - direct.p50, 3),
        [`${prefix}overhead_p99_ms`]: round(gateway.p99 - direct.p99, 3),
      };
    };
    const jsonLine = line(json, '');
    return {
      bench: 'proxy_overhead',
      calls: CALLS,
      ...jsonLine,
      goal_p99_overhead_ms: GOAL_P99_OVERHEAD_MS,
      goal_met: (jsonLine['overhead_p99_ms'] ?? Infinity) <= GOAL_P99_OVERHEAD_MS,
      streams: STREAMS,
      ...line(stream, 'stream_first_byte_'),
      // Every call through the gateway was recorded with its usage (warm-up included).
      gateway_calls_recorded: usage?.gateway.ok ?? 0,
    };
  } finally {
    agent.destroy();
    core.close();
    await fake.stop();
  }
};
