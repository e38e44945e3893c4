/** One bounded JSON-RPC call, with answers a real fetch would give (injected), including hostile ones. */
import { describe, expect, it } from 'vitest';
import { callJsonRpc, MAX_RPC_ANSWER_BYTES } from './json-rpc';

const RPC_URL = 'https://node.example/v2/SECRETKEY123';

function answering(body: ConstructorParameters<typeof Response>[0], init: ConstructorParameters<typeof Response>[1] = {}): typeof fetch {
  return async () => new Response(body, init);
}

describe('callJsonRpc', () => {
  it('sends a JSON-RPC 2.0 POST, refusing redirects, and reads the result', async () => {
    let sent: { url: string; init: RequestInit | undefined } | undefined;
    const fetchSpy: typeof fetch = async (url, init) => {
      sent = { url: String(url), init };
      const { id } = JSON.parse(String(init?.body)) as { id: number };
      return Response.json({ jsonrpc: '2.0', id, result: '0x89' });
    };
    expect(await callJsonRpc({ rpcUrl: RPC_URL, fetch: fetchSpy }, 'eth_chainId', [])).toEqual({ kind: 'result', result: '0x89' });
    expect(sent?.init).toMatchObject({ method: 'POST', redirect: 'error' });
    expect(JSON.parse(String(sent?.init?.body))).toMatchObject({ jsonrpc: '2.0', method: 'eth_chainId', params: [] });
  });

  it('stops reading an answer without a length once it passes 1 MiB', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
      },
    });
    const answer = await callJsonRpc({ rpcUrl: RPC_URL, fetch: answering(endless) }, 'getBalance', []);
    expect(answer).toEqual({ kind: 'unavailable', reason: 'sent an answer larger than any real one' });
    expect(pulled).toBeLessThan(MAX_RPC_ANSWER_BYTES * 2);
  });

  it('reads a JSON-RPC error even under a 4xx status, and keeps its code', async () => {
    const limited = answering(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32005, message: 'limit for SECRETKEY123' } }), { status: 429 });
    expect(await callJsonRpc({ rpcUrl: RPC_URL, fetch: limited }, 'eth_chainId', [])).toMatchObject({ kind: 'rpc-error', code: -32005 });
  });

  it('turns statuses and non-answers into reasons', async () => {
    const reasonOf = async (fetchImpl: typeof fetch): Promise<string> => {
      const answer = await callJsonRpc({ rpcUrl: RPC_URL, fetch: fetchImpl }, 'eth_chainId', []);
      return answer.kind === 'unavailable' ? answer.reason : `not unavailable: ${answer.kind}`;
    };
    expect(await reasonOf(answering('Unauthorized', { status: 401 }))).toContain('key in the RPC URL may be wrong');
    expect(await reasonOf(answering('slow down', { status: 429 }))).toContain('limiting requests');
    expect(await reasonOf(answering('<html>', { status: 503 }))).toContain('server error (503)');
    expect(await reasonOf(answering(JSON.stringify({ jsonrpc: '2.0', id: 999999, result: '0x1' })))).toContain('not JSON-RPC');
    expect(await reasonOf(answering(JSON.stringify({ result: '0x1' })))).toContain('not JSON-RPC');
    expect(await reasonOf(answering('[1,2]'))).toContain('not JSON-RPC');
    expect(await reasonOf(async () => Promise.reject(new TypeError('fetch failed', { cause: { code: 'ENOTFOUND' } })))).toBe('address not found');
    expect(await reasonOf(async () => Promise.reject(new TypeError('fetch failed', { cause: new Error('unexpected redirect') })))).toBe('redirected elsewhere');
  });

  it('is cancelled, not failed, when the caller cancelled first', async () => {
    const controller = new AbortController();
    controller.abort();
    const fetchImpl: typeof fetch = async (_url, init) => {
      if (init?.signal?.aborted) throw new DOMException('aborted', 'AbortError');
      return Response.json({});
    };
    expect(await callJsonRpc({ rpcUrl: RPC_URL, fetch: fetchImpl, signal: controller.signal }, 'eth_chainId', [])).toEqual({ kind: 'unavailable', reason: 'cancelled' });
  });
});
