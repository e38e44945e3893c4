/**
 * The real core for the benchmarks: a real SQLite file in a temp folder, the real scrypt cost unless
 * a bench says otherwise, and a fast way to store many keys (the store's bulk import, one transaction).
 */
import { createCore, type Core, type CoreOptions } from '../core/app';
import type { Environment } from '../core/credentials/credential-schema';
import { makeBinanceHmacKey, type TestKey } from '../testing/fake-exchange/keys';
import { TEST_PASSPHRASE, migrationsFolder } from '../testing/test-core';

export { TEST_PASSPHRASE as BENCH_PASSPHRASE };

/** A core with a new vault, unlocked. */
export async function createBenchCore(home: string, options: Partial<CoreOptions> = {}): Promise<Core> {
  const core = createCore({ home, migrationsFolder, ...options });
  await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'system');
  return core;
}

/** Stores `keys` as Binance credentials in one transaction; returns their ids in order. */
export async function seedBinanceKeys(core: Core, keys: readonly TestKey[], environment: Environment = 'live'): Promise<string[]> {
  const prepared = await core.fieldPreparer.prepareMany(keys.map((fields, i) => ({ provider: 'binance', fields, name: `bench key ${i}` })));
  const results = core.credentialTransfer.importCredentials(
    prepared.map((entry, i) => ({ prepared: entry, label: `bench ${i}`, environment })),
    { actor: 'system', source: 'bench', renameSuffix: 'bench', dryRun: false },
  );
  return results.map((result) => {
    if (result.outcome !== 'imported') throw new Error('bench keys must be new');
    return result.id;
  });
}

export function binanceKeys(count: number): TestKey[] {
  return Array.from({ length: count }, () => makeBinanceHmacKey());
}
