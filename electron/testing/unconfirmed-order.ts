/**
 * A data folder as a crash mid-placement leaves it: an initialized vault (never auto-locks) with one
 * verified Binance key labelled "main", and one order, idempotency key `alert-1`, recorded as
 * `sending` when its process was SIGKILLed before sending it (see placement-child.ts). Nothing is on
 * the exchange yet; a reconciliation sends it exactly once.
 */
import path from 'node:path';
import type { FakeExchange, TestKey } from './fake-exchange';
import { bundleChildEntry, runChild } from './child-process';
import { TEST_PASSPHRASE, createTestCore, makeTempHome, repoRoot } from './test-core';

export const UNCONFIRMED_IDEMPOTENCY_KEY = 'alert-1';

export async function homeWithUnconfirmedOrder(binance: FakeExchange, key: TestKey): Promise<{ home: string; cleanup(): void }> {
  const temp = makeTempHome('keywarden-unconfirmed-');
  const core = createTestCore(temp.home, { exchangeUrlOverrides: { binance: binance.url } });
  try {
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'system');
    core.vault.setAutoLockMinutes(0, 'system');
    await core.credentials.create({ provider: 'binance', label: 'main', fields: key }, 'system');
    const verified = await core.verifier.verify('main', 'system');
    if (verified.outcome !== 'ok') throw new Error(`the key did not verify: ${verified.outcome}`);
  } finally {
    core.close();
  }
  const child = await bundleChildEntry(path.join(repoRoot, 'electron/testing/placement-child.ts'));
  const killed = await runChild(child, [temp.home, binance.url, 'after-record:1', '1']);
  if (killed.signal !== 'SIGKILL') throw new Error(`the placing process was not killed half way: ${killed.code} ${killed.stderr}`);
  return temp;
}
