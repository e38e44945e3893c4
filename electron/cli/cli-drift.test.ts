/**
 * `keywarden webhook drift` (issue 19): a drift made by real alerts on the real core, then listed,
 * previewed, and dismissed by the bundled CLI in a child process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../core/app';
import { keywardenCli } from '../testing/cli-runner';
import { startFakeExchange, makeBinanceHmacKey, type FakeExchange } from '../testing/fake-exchange';
import { GLOBAL_SCOPE, defaultGlobalLimits, writeLimits } from '../core/trading/risk-limits-store';
import { TEST_PASSPHRASE, createTestCore, databaseOf, makeTempHome } from '../testing/test-core';
import { alertBody, sendRaw } from '../testing/webhook-test-kit';

describe('keywarden webhook drift', () => {
  const temp = makeTempHome('keywarden-cli-drift-');
  const printed: string[] = [];
  let binance: FakeExchange;
  let env: Record<string, string>;
  let driftId = '';
  const run = (args: string[]) => keywardenCli(temp.home, args, { env }, printed);

  beforeAll(async () => {
    binance = await startFakeExchange({ exchange: 'binance' });
    env = { KEYWARDEN_EXCHANGE_URLS: JSON.stringify({ binance: binance.url }) };
    const core: Core = createTestCore(temp.home, { exchangeUrlOverrides: { binance: binance.url }, exchangeTimeoutMs: 2000 });
    try {
      await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
      const key = makeBinanceHmacKey();
      binance.addKey({ ...key, allowedIps: ['127.0.0.1'] });
      const id = (await core.credentials.create({ provider: 'binance', label: 'main', fields: key }, 'ui')).id;
      expect((await core.verifier.verify(id, 'ui')).outcome).toBe('ok');
      writeLimits(databaseOf(core).db, GLOBAL_SCOPE, { ...defaultGlobalLimits, maxOrderNotionalUsd: null, maxDailyNotionalUsd: null, maxOpenExposureUsd: null, maxPriceDeviationPct: null }, Date.now(), core.integrity);
      const token = core.webhook.createSource({ label: 'tv', scope: { accounts: [id], maxNotionalUsd: 5000 } }, 'ui').oneTimeToken;
      const baseUrl = (await core.webhook.start({ host: '127.0.0.1', port: 0 })).localUrl ?? '';
      for (const [alertId, position] of [['c1', '0.01'], ['c3', '0.03']] as const) {
        const body = alertBody({ account: 'main', symbol: 'BTCUSDT', amount: '0.01', id: alertId, position }, Date.now());
        expect((await sendRaw(baseUrl, `/webhook/${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status).toBe(200);
        await core.webhook.whenIdle();
      }
      driftId = core.drift.list()[0]?.id ?? '';
      await core.webhook.stop();
    } finally {
      core.close();
    }
  });
  afterAll(async () => {
    await binance.stop();
    temp.cleanup();
  });

  it('lists, shows the order first, and dismisses', async () => {
    expect(driftId).not.toBe('');
    const listed = await run(['webhook', 'drift']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain(driftId);
    expect(listed.stdout).toContain('-0.01 BTC');

    const preview = await run(['webhook', 'drift', 'fix', driftId]);
    expect(preview.code, preview.stderr).toBe(0);
    expect(preview.stdout).toContain('Would place a market order of 0.01 BTC');
    expect(preview.stdout).toContain('--yes');

    const dismissed = await run(['webhook', 'drift', 'dismiss', driftId]);
    expect(dismissed.code, dismissed.stderr).toBe(0);
    expect((await run(['webhook', 'drift', 'list'])).stdout).toContain('No position drift');
    const again = await run(['webhook', 'drift', 'fix', driftId, '--yes']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('[DRIFT_NOT_FOUND]');
  });
});
