/**
 * `keywarden serve` and `keywarden agent` run the same runtime as the desktop app (the agent without
 * the webhook listener): an order a crash left unconfirmed is reconciled as soon as either has
 * unlocked the vault (sent once, recorded, and said on its output).
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientOrderIdFor } from '../core/trading/client-order-id';
import { keywardenCli } from '../testing/cli-runner';
import { makeBinanceHmacKey, startFakeExchange, type FakeExchange, type TestKey } from '../testing/fake-exchange';
import { TEST_PASSPHRASE, cliBundle } from '../testing/test-core';
import { UNCONFIRMED_IDEMPOTENCY_KEY, homeWithUnconfirmedOrder } from '../testing/unconfirmed-order';
import { startAgentProcess } from './cli-agent-test-kit';

/** The agent's --json output lines, parsed. */
function events(printed: string): Array<Record<string, unknown>> {
  return printed.split('\n').flatMap((line) => (line.startsWith('{') ? [JSON.parse(line) as Record<string, unknown>] : []));
}

describe('keywarden serve and keywarden agent after a crash mid-placement', () => {
  const key = makeBinanceHmacKey();
  let binance: FakeExchange;
  let env: Record<string, string>;

  beforeAll(async () => {
    binance = await startFakeExchange({ exchange: 'binance' });
    binance.addKey({ ...key, allowedIps: ['127.0.0.1'] });
    env = { KEYWARDEN_EXCHANGE_URLS: JSON.stringify({ binance: binance.url }) };
  });
  afterAll(async () => {
    await binance.stop();
  });

  /** The crashed order went to the exchange exactly once with this key, and `orders` shows it filled. */
  async function expectSentOnceAndFilled(home: string, withKey: TestKey): Promise<void> {
    const sent = binance.orders.filter((order) => order.apiKey === withKey.apiKey);
    expect(sent).toEqual([expect.objectContaining({ clientOrderId: clientOrderIdFor(UNCONFIRMED_IDEMPOTENCY_KEY) })]);
    const orders = await keywardenCli(home, ['--json', 'orders'], { env });
    expect(orders.code, orders.stderr).toBe(0);
    expect(JSON.parse(orders.stdout)).toEqual([expect.objectContaining({ clientOrderId: clientOrderIdFor(UNCONFIRMED_IDEMPOTENCY_KEY), status: 'filled', exchangeOrderId: sent[0]?.id })]);
  }

  it('reconciles the unconfirmed order at unlock: placed once, recorded as filled, printed', async () => {
    const crashed = await homeWithUnconfirmedOrder(binance, key);
    try {
      const serve = spawn(process.execPath, [cliBundle, 'serve', '--port', '0'], { env: { ...process.env, ...env, KEYWARDEN_HOME: crashed.home, KEYWARDEN_PASSPHRASE: TEST_PASSPHRASE }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      serve.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => serve.on('close', resolve));
      // Either may come first: the reconciliation starts at unlock, the banner once the listener is up.
      const listeningAndReconciled = new Promise<void>((resolve, reject) => {
        createInterface({ input: serve.stdout }).on('line', (line) => {
          stdout += `${line}\n`;
          if (stdout.includes('Listening on') && stdout.includes('unconfirmed order')) resolve();
        });
        void exited.then(() => reject(new Error(`serve ended before listening and reconciling: ${stdout} ${stderr}`)));
      });
      try {
        await listeningAndReconciled;
        expect(stdout).toMatch(/^\S+Z {2}checked 1 unconfirmed order with the exchange: 0 updated, 1 placed now$/m);
        expect(stdout).toMatch(/^Listening on http:\/\/127\.0\.0\.1:\d+$/m);
      } finally {
        serve.kill('SIGINT');
      }
      expect(await exited, stderr).toBe(0);
      expect(stdout).toContain('Stopped (SIGINT).');

      await expectSentOnceAndFilled(crashed.home, key);
    } finally {
      crashed.cleanup();
    }
  });

  it('keywarden agent runs the same runtime (no listener): reconciles it at unlock, placed once, recorded as filled', async () => {
    // A key of its own: the order serve placed carries the same client order id.
    const agentKey = makeBinanceHmacKey();
    binance.addKey({ ...agentKey, allowedIps: ['127.0.0.1'] });
    const crashed = await homeWithUnconfirmedOrder(binance, agentKey);
    const agent = await startAgentProcess(crashed.home, [], env);
    try {
      await expect.poll(() => events(agent.printed()).find((event) => event['event'] === 'orders-reconciled'), { timeout: 20_000 }).toMatchObject({ checked: 1, updated: 0, placed: 1, message: 'checked 1 unconfirmed order with the exchange: 0 updated, 1 placed now' });
      // `orders` goes through the agent here.
      await expectSentOnceAndFilled(crashed.home, agentKey);
    } finally {
      expect(await agent.stop()).toBe(0);
      crashed.cleanup();
    }
  });
});
