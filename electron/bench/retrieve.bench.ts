/**
 * retrieve: one credential's plaintext fields through core.credentials.getDecrypted (what every
 * signed request does), against reading the same row and its sealed blobs with prepared
 * better-sqlite3 SELECTs and no decryption. Interleaved rounds, so drift hits both alike.
 */
import type { Database } from 'better-sqlite3';
import { binanceKeys, createBenchCore, seedBinanceKeys } from './bench-core';
import type { Bench } from './bench-types';
import { percentile, round, timeEachMicros } from './stats';
import { databaseOf } from '../testing/test-core';

const KEYS = 100;
const WARM_UP = 2_000;
const ROUNDS = 20;
const PER_ROUND = 1_000;

export const retrieveBench: Bench = async (context) => {
  const core = await createBenchCore(context.tempHome('keywarden-bench-retrieve-'));
  try {
    const ids = await seedBinanceKeys(core, binanceKeys(KEYS));
    const id = ids[Math.floor(KEYS / 2)] ?? '';
    const ours = () => core.credentials.getDecrypted(id);
    const plain = plainRead(databaseOf(core).sqlite, id);
    timeEachMicros(WARM_UP, ours);
    timeEachMicros(WARM_UP, plain);
    const oursSamples: number[] = [];
    const plainSamples: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      plainSamples.push(...timeEachMicros(PER_ROUND, plain));
      oursSamples.push(...timeEachMicros(PER_ROUND, ours));
    }
    const p50 = percentile(oursSamples, 50);
    const plainP50 = percentile(plainSamples, 50);
    // The plain read's p99 too: on a noisy machine the tail is the machine's, and this shows it.
    return { bench: 'retrieve', p50_us: round(p50), p99_us: round(percentile(oursSamples, 99)), plain_p50_us: round(plainP50), plain_p99_us: round(percentile(plainSamples, 99)), ratio_p50: round(p50 / plainP50), iterations: oursSamples.length };
  } finally {
    core.close();
  }
};

/** The baseline: the same row and its secret blobs, read with prepared statements, nothing decrypted. */
export function plainRead(sqlite: Database, id: string): () => unknown {
  const selectRow = sqlite.prepare('SELECT * FROM credentials WHERE id = ?');
  const selectBlobs = sqlite.prepare("SELECT field, ciphertext FROM credential_secrets WHERE credential_id = ? AND field NOT LIKE 'retired:%'");
  return () => [selectRow.get(id), selectBlobs.all(id)];
}
