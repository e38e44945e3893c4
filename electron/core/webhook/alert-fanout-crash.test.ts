/**
 * One alert for two accounts, and the process killed (SIGKILL: no cleanup) in the middle of it: when
 * the first account's order is recorded but not sent, and when it has filled but the second has not
 * started. After a restart and unlock, each account has exactly one order on the exchange, and the
 * alert's record shows both accounts' results. A redelivery of the same alert places nothing more.
 */
import { cpSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleChildEntry, spawnChild } from '../../testing/child-process';
import { startFakeExchange, makeBinanceHmacKey, type FakeExchange } from '../../testing/fake-exchange';
import { TEST_PASSPHRASE, createTestCore, makeTempHome, repoRoot, databaseOf } from '../../testing/test-core';
import { alertBody, sendRaw } from '../../testing/webhook-test-kit';
import { GLOBAL_SCOPE, defaultGlobalLimits, writeLimits } from '../trading/risk-limits-store';
import { clientOrderIdOf } from '../trading/order-store';

describe('one alert, two accounts, the process killed half way', () => {
  const template = makeTempHome('keywarden-fanout-template-');
  const keys = [makeBinanceHmacKey(), makeBinanceHmacKey()];
  let binance: FakeExchange;
  let child: string;
  let token = '';

  beforeAll(async () => {
    binance = await startFakeExchange({ exchange: 'binance' });
    child = await bundleChildEntry(path.join(repoRoot, 'electron/testing/fanout-crash-child.ts'));
    const core = createTestCore(template.home, { exchangeUrlOverrides: { binance: binance.url } });
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'system');
    core.vault.setAutoLockMinutes(0, 'system');
    for (const [n, key] of keys.entries()) {
      binance.addKey({ ...key, allowedIps: ['127.0.0.1'] });
      const id = (await core.credentials.create({ provider: 'binance', label: `acct${n}`, fields: key }, 'system')).id;
      expect((await core.verifier.verify(id, 'system')).outcome).toBe('ok');
    }
    writeLimits(databaseOf(core).db, GLOBAL_SCOPE, { ...defaultGlobalLimits, maxOrderNotionalUsd: null, maxDailyNotionalUsd: null, maxOpenExposureUsd: null }, Date.now(), core.integrity);
    token = core.webhook.createSource({ label: 'tv', scope: { accounts: ['acct0', 'acct1'], maxNotionalUsd: 1000 } }, 'system').oneTimeToken;
    core.close();
  });
  afterAll(async () => {
    await binance.stop();
    template.cleanup();
  });

  const atExchange = (n: number, id: string) => binance.orders.filter((order) => order.apiKey === keys[n]?.apiKey && ordersOf(id).has(order.clientOrderId));
  const clientIds = new Map<string, Set<string>>();
  const ordersOf = (alertId: string) => clientIds.get(alertId) ?? new Set<string>();

  it.each(['sending:1', 'filled:1', 'sending:2'])('killed at %s: each account ends with exactly one order', async (killAt) => {
    const temp = makeTempHome('keywarden-fanout-crash-');
    try {
      cpSync(template.home, temp.home, { recursive: true });
      const run = spawnChild(child, [temp.home, binance.url, killAt]);
      const url = await firstLine(run.child.stdout);
      const alertId = `crash-${killAt.replace(':', '-')}`;
      const body = alertBody({ accounts: ['acct0', 'acct1'], symbol: 'BTCUSDT', side: 'buy', type: 'market', amount: 0.001, unit: 'base', id: alertId }, Date.now());
      // The answer may never come: the listener dies while handling it.
      void sendRaw(url, `/webhook/${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).catch(() => undefined);
      const ended = await run.result;
      expect(ended.signal, ended.stderr).toBe('SIGKILL');

      const core = createTestCore(temp.home, { exchangeUrlOverrides: { binance: binance.url } });
      try {
        await core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'system');
        // Unlocking recovers the alert: no other call is needed.
        await core.webhook.whenIdle();
        // The client order id is derived from the key (stored only when it is not: issue 22).
        const rows = databaseOf(core).sqlite.prepare('SELECT idempotency_key AS idempotencyKey, client_order_id AS clientOrderId FROM orders WHERE idempotency_key LIKE ?').all(`webhook:%:${alertId}@%`) as { idempotencyKey: string; clientOrderId: string | null }[];
        clientIds.set(alertId, new Set(rows.map(clientOrderIdOf)));
        expect([atExchange(0, alertId).length, atExchange(1, alertId).length]).toEqual([1, 1]);
        const event = core.webhook.events({ limit: 5 }).find((entry) => entry.alert?.['id'] === alertId);
        expect(event?.accounts?.map((account) => account.outcome)).toEqual(['placed', 'placed']);

        // TradingView delivers it again (the first answer was lost): nothing more is placed.
        const { localUrl } = await core.webhook.start({ host: '127.0.0.1', port: 0 });
        const again = await sendRaw(localUrl ?? '', `/webhook/${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        expect(again.status).toBe(200);
        await core.webhook.whenIdle();
        expect([atExchange(0, alertId).length, atExchange(1, alertId).length]).toEqual([1, 1]);
        await core.webhook.stop();
      } finally {
        core.close();
      }
    } finally {
      temp.cleanup();
    }
  });
});

function firstLine(stream: NodeJS.ReadableStream | null): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!stream) return reject(new Error('the child has no stdout'));
    let text = '';
    stream.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const line = text.split('\n')[0];
      if (text.includes('\n') && line) resolve((JSON.parse(line) as { url: string }).url);
    });
    stream.on('end', () => reject(new Error(`the child ended before printing its URL: ${text}`)));
  });
}
