/**
 * Exactly-once orders across crashes: the placing process is killed (SIGKILL, no cleanup) at the two
 * moments that matter, restarted, and re-sent the same alerts. Afterwards every alert has exactly one
 * order on the exchange and one matching row.
 */
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleChildEntry, runChild, spawnChild } from '../../testing/child-process';
import { startFakeExchange, makeBinanceHmacKey, type FakeExchange } from '../../testing/fake-exchange';
import { TEST_PASSPHRASE, createTestCore, makeTempHome, repoRoot, databaseOf } from '../../testing/test-core';
import { clientOrderIdFor } from './client-order-id';

const ALERTS = 5;

describe('exactly-once orders when the process is killed', () => {
  const template = makeTempHome('keywarden-placement-template-');
  const key = makeBinanceHmacKey();
  let binance: FakeExchange;
  let child: string;

  beforeAll(async () => {
    binance = await startFakeExchange({ exchange: 'binance' });
    binance.addKey({ ...key, allowedIps: ['127.0.0.1'] });
    child = await bundleChildEntry(path.join(repoRoot, 'electron/testing/placement-child.ts'));
    const core = createTestCore(template.home, { exchangeUrlOverrides: { binance: binance.url } });
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'system');
    await core.credentials.create({ provider: 'binance', label: 'main', fields: key }, 'system');
    expect((await core.verifier.verify('main', 'system')).outcome).toBe('ok');
    core.close();
  });
  afterAll(async () => {
    await binance.stop();
    template.cleanup();
  });

  function expectExactlyOnce(home: string): void {
    const onExchange = binance.orders.filter((order) => order.apiKey === key.apiKey);
    const core = createTestCore(home, { exchangeUrlOverrides: { binance: binance.url } });
    try {
      const rows = databaseOf(core).sqlite.prepare('SELECT idempotency_key AS k, client_order_id AS c, exchange_order_id AS e, status FROM orders ORDER BY created_at').all() as { k: string; c: string; e: string | null; status: string }[];
      expect(rows).toHaveLength(ALERTS);
      for (let n = 1; n <= ALERTS; n += 1) {
        const clientId = clientOrderIdFor(`alert-${n}`);
        const atExchange = onExchange.filter((order) => order.clientOrderId === clientId);
        expect(atExchange, `alert-${n} on the exchange`).toHaveLength(1);
        const row = rows.filter((r) => r.k === `alert-${n}`);
        expect(row, `alert-${n} in the database`).toHaveLength(1);
        // The client order id is derived from the key, not stored (issue 22).
        expect(row[0]).toMatchObject({ c: null, e: atExchange[0]?.id, status: 'filled' });
      }
      expect(onExchange).toHaveLength(ALERTS);
      expect(core.audit.verify()).toMatchObject({ ok: true });
    } finally {
      core.close();
    }
  }

  async function freshHome() {
    binance.resetAccounts();
    const run = makeTempHome('keywarden-placement-');
    cpSync(template.home, run.home, { recursive: true });
    return run;
  }

  for (const n of [1, 3, ALERTS]) {
    it(`killed after recording alert ${n} and before sending it: sent once after the restart`, async () => {
      const run = await freshHome();
      try {
        const killed = await runChild(child, [run.home, binance.url, `after-record:${n}`, String(ALERTS)]);
        expect(killed.signal).toBe('SIGKILL');
        expect(binance.orders.filter((o) => o.apiKey === key.apiKey)).toHaveLength(n - 1);
        const restarted = await runChild(child, [run.home, binance.url, 'none', String(ALERTS)]);
        expect(restarted.code, restarted.stderr).toBe(0);
        expect(JSON.parse(restarted.stdout).reconciled).toMatchObject({ placed: 1 });
        expectExactlyOnce(run.home);
      } finally {
        rmSync(run.home, { recursive: true, force: true });
      }
    });

    it(`killed after the exchange accepted alert ${n} and before the answer was recorded: found, not sent again`, async () => {
      const run = await freshHome();
      try {
        let accepted = 0;
        const started = spawnChild(child, [run.home, binance.url, 'none', String(ALERTS)]);
        binance.setOrderAcceptedHook(async () => {
          if (++accepted !== n) return;
          started.child.kill('SIGKILL');
          await started.result;
        });
        const killed = await started.result;
        binance.setOrderAcceptedHook(undefined);
        expect(killed.signal).toBe('SIGKILL');
        expect(binance.orders.filter((o) => o.apiKey === key.apiKey)).toHaveLength(n);
        const restarted = await runChild(child, [run.home, binance.url, 'none', String(ALERTS)]);
        expect(restarted.code, restarted.stderr).toBe(0);
        expect(JSON.parse(restarted.stdout).reconciled).toMatchObject({ updated: 1, placed: 0 });
        expectExactlyOnce(run.home);
      } finally {
        rmSync(run.home, { recursive: true, force: true });
      }
    });
  }

  it('reconciles run one after another: asked twice at once (the unlock and the CLI), a lost order is sent once', async () => {
    const run = await freshHome();
    try {
      const killed = await runChild(child, [run.home, binance.url, 'after-record:1', String(ALERTS)]);
      expect(killed.signal).toBe('SIGKILL');
      const core = createTestCore(run.home, { exchangeUrlOverrides: { binance: binance.url } });
      try {
        await core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'system');
        const [first, second] = await Promise.all([core.trading.reconcile('system'), core.trading.reconcile('cli')]);
        expect(first).toMatchObject({ checked: 1, placed: 1 });
        expect(second).toMatchObject({ checked: 0, placed: 0 });
        const clientId = clientOrderIdFor('alert-1');
        expect(binance.orders.filter((order) => order.apiKey === key.apiKey && order.clientOrderId === clientId)).toHaveLength(1);
      } finally {
        core.close();
      }
    } finally {
      rmSync(run.home, { recursive: true, force: true });
    }
  });
});
