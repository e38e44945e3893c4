/**
 * retrieve_kdf_per_call: the same retrieval when every call first derives the key from the
 * passphrase with scrypt at our parameters (N=2^17, r=8, p=1) and unwraps the vault key with it, as
 * vaults that run a KDF per read do. Keywarden derives once at unlock and keeps the key in memory;
 * speedup = their p50 / ours, both measured here.
 */
import type { Database } from 'better-sqlite3';
import { createPassphraseProtector, defaultScryptCost } from '../core/vault/passphrase-protector';
import { open } from '../core/vault/sealed-box';
import { credentialSecretContext } from '../core/vault/secret-context';
import { BENCH_PASSPHRASE, binanceKeys, createBenchCore, seedBinanceKeys } from './bench-core';
import type { Bench } from './bench-types';
import { percentile, round, timeEachMicros, timeMillis } from './stats';
import { databaseOf } from '../testing/test-core';

const SLOW_CALLS = 5;
const FAST_CALLS = 5_000;

export const retrieveKdfPerCallBench: Bench = async (context) => {
  const core = await createBenchCore(context.tempHome('keywarden-bench-kdf-'), { scryptCost: defaultScryptCost });
  try {
    const [id = ''] = await seedBinanceKeys(core, binanceKeys(1));
    const kdfPerCall = kdfPerCallRead(databaseOf(core).sqlite, id);
    await kdfPerCall();
    const slow: number[] = [];
    for (let i = 0; i < SLOW_CALLS; i += 1) {
      slow.push((await timeMillis(kdfPerCall)) * 1000);
      context.log(`  kdf-per-call ${i + 1}/${SLOW_CALLS}: ${round(slow[i]! / 1000)} ms`);
    }
    timeEachMicros(FAST_CALLS, () => core.credentials.getDecrypted(id));
    const ours = percentile(timeEachMicros(FAST_CALLS, () => core.credentials.getDecrypted(id)), 50);
    const p50 = percentile(slow, 50);
    return { bench: 'retrieve_kdf_per_call', p50_us: round(p50), speedup: round(p50 / ours, 0), ours_p50_us: round(ours), scrypt_n: defaultScryptCost.N };
  } finally {
    core.close();
  }
};

/** scrypt → unwrap the vault key → open the credential's blobs, on every call. */
function kdfPerCallRead(sqlite: Database, id: string): () => Promise<Record<string, string>> {
  const selectWrapped = sqlite.prepare("SELECT key_version AS keyVersion, wrapped, params FROM vault_keys WHERE protector = 'passphrase'");
  const selectRow = sqlite.prepare('SELECT * FROM credentials WHERE id = ?');
  const selectBlobs = sqlite.prepare("SELECT field, ciphertext FROM credential_secrets WHERE credential_id = ? AND field NOT LIKE 'retired:%'");
  return async () => {
    const stored = selectWrapped.get() as { keyVersion: number; wrapped: Buffer; params: string };
    const { vaultKey } = await createPassphraseProtector(BENCH_PASSPHRASE, defaultScryptCost).unwrap({ wrapped: stored.wrapped, params: JSON.parse(stored.params) as Record<string, string | number> }, stored.keyVersion);
    try {
      const owner = selectRow.get(id) as { id: string; provider: string; environment: string };
      const values: Record<string, string> = {};
      for (const blob of selectBlobs.all(id) as { field: string; ciphertext: Buffer }[]) {
        values[blob.field] = open(vaultKey, credentialSecretContext(owner, blob.field, stored.keyVersion), blob.ciphertext, blob.field).toString('utf8');
      }
      return values;
    } finally {
      vaultKey.fill(0);
    }
  };
}
