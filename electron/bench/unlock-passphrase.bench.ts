/**
 * unlock_passphrase: unlocking with the passphrase at the real scrypt cost. It must stay slow enough
 * to hurt a guesser (>= 100 ms) and fast enough for a person (<= 1,500 ms).
 */
import { defaultScryptCost } from '../core/vault/passphrase-protector';
import { BENCH_PASSPHRASE, createBenchCore } from './bench-core';
import type { Bench } from './bench-types';
import { median, round, timeMillis } from './stats';

const RUNS = 3;

export const unlockPassphraseBench: Bench = async (context) => {
  const core = await createBenchCore(context.tempHome('keywarden-bench-unlock-'), { scryptCost: defaultScryptCost });
  try {
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      core.vault.lock('user', 'system');
      samples.push(await timeMillis(() => core.vault.unlock({ method: 'passphrase', passphrase: BENCH_PASSPHRASE }, 'system')));
    }
    return { bench: 'unlock_passphrase', ms: round(median(samples)), scrypt_n: defaultScryptCost.N };
  } finally {
    core.close();
  }
};
