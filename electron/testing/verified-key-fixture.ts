/**
 * The set-up most trading and webhook tests share: one fake Binance for the file, and for each test
 * a fresh data folder, a core on the real clock (the fake checks request timestamps against it) with
 * an unlocked vault that never auto-locks, and one Binance key the exchange knows, stored and
 * verified. Call it inside a `describe`; read the fields inside tests and hooks.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Core } from '../core/app';
import { makeBinanceHmacKey, startFakeExchange, type FakeExchange, type TestKey } from './fake-exchange';
import { ManualClock, TEST_PASSPHRASE, createTestCore, makeTempHome } from './test-core';

export interface VerifiedKeyFixture {
  readonly binance: FakeExchange;
  /** The test's data folder. */
  readonly home: string;
  readonly core: Core;
  readonly clock: ManualClock;
  readonly key: TestKey;
  readonly accountId: string;
}

export function useVerifiedKeyFixture(options: { readonly label?: string; readonly exchangeTimeoutMs?: number } = {}): VerifiedKeyFixture {
  let binance: FakeExchange | undefined;
  let current: (Omit<VerifiedKeyFixture, 'binance'> & { cleanup(): void }) | undefined;
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the fixture's ${what} is only there inside a test`);
    return value;
  };

  beforeAll(async () => {
    binance = await startFakeExchange({ exchange: 'binance' });
  });
  afterAll(async () => {
    await binance?.stop();
  });
  beforeEach(async () => {
    const exchange = need(binance, 'exchange');
    const temp = makeTempHome();
    const clock = new ManualClock(Date.now());
    const core = createTestCore(temp.home, { clock, exchangeUrlOverrides: { binance: exchange.url }, exchangeTimeoutMs: options.exchangeTimeoutMs ?? 2000 });
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    core.vault.setAutoLockMinutes(0, 'ui');
    const key = makeBinanceHmacKey();
    exchange.addKey({ ...key, allowedIps: ['127.0.0.1'] });
    const accountId = (await core.credentials.create({ provider: 'binance', label: options.label ?? 'Binance main', fields: key }, 'ui')).id;
    const verified = await core.verifier.verify(accountId, 'ui');
    if (verified.outcome !== 'ok') throw new Error(`the fixture's key did not verify: ${verified.outcome}`);
    current = { home: temp.home, core, clock, key, accountId, cleanup: () => { core.close(); temp.cleanup(); } };
  });
  afterEach(() => {
    current?.cleanup();
    current = undefined;
    binance?.setFaults({});
    binance?.setLatency(0);
  });

  return {
    get binance() { return need(binance, 'exchange'); },
    get home() { return need(current, 'core').home; },
    get core() { return need(current, 'core').core; },
    get clock() { return need(current, 'core').clock; },
    get key() { return need(current, 'core').key; },
    get accountId() { return need(current, 'core').accountId; },
  };
}
