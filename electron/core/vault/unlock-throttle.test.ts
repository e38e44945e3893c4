import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../app';
import { isKeywardenError } from '../errors';
import { bundleChildEntry, runChild } from '../../testing/child-process';
import { ManualClock, TEST_PASSPHRASE, createTestCore, makeTempHome, repoRoot, databaseOf } from '../../testing/test-core';
import path from 'node:path';

const codeOf = (promise: Promise<unknown>): Promise<string> =>
  promise.then(() => 'OK', (error: unknown) => (isKeywardenError(error) ? error.code : String(error)));

function failureCount(core: Core): number {
  const row = databaseOf(core).sqlite.prepare("SELECT value FROM settings WHERE key = 'vault.unlockFailures'").get() as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as { count: number }).count : 0;
}

describe('unlock throttle under parallel guessing', () => {
  let temp: ReturnType<typeof makeTempHome>;
  const cores: Core[] = [];

  beforeEach(() => {
    temp = makeTempHome();
  });
  afterEach(() => {
    for (const core of cores.splice(0)) core.close();
    temp.cleanup();
  });

  // Several cores on one data folder = several processes (each has its own SQLite connection).
  // The guesses are started together, so every check runs while the other KDFs are still going:
  // with the count recorded after the KDF, all eight were evaluated.
  it('lets only one of eight simultaneous guesses through once the free attempts are used', async () => {
    const clock = new ManualClock();
    const first = createTestCore(temp.home, { clock });
    cores.push(first);
    await first.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    first.vault.lock('user', 'ui');
    for (let attempt = 0; attempt < 4; attempt += 1) {
      clock.advance(10 * 60_000);
      expect(await codeOf(first.vault.unlock({ method: 'passphrase', passphrase: `wrong ${attempt}` }, 'cli'))).toBe('WRONG_PASSPHRASE');
    }
    clock.advance(10 * 60_000);
    const guessers = Array.from({ length: 8 }, () => createTestCore(temp.home, { clock }));
    cores.push(...guessers);
    const codes = await Promise.all(guessers.map((core, index) => codeOf(core.vault.unlock({ method: 'passphrase', passphrase: `parallel ${index}` }, 'cli'))));
    expect(codes.filter((code) => code === 'WRONG_PASSPHRASE')).toHaveLength(1);
    expect(codes.filter((code) => code === 'UNLOCK_THROTTLED')).toHaveLength(7);
    expect(failureCount(first)).toBe(5);
  });

  it('counts simultaneous guesses from separate processes before their KDFs finish', async () => {
    const clock = new ManualClock(Date.now());
    const setup = createTestCore(temp.home, { clock });
    cores.push(setup);
    await setup.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    setup.vault.lock('user', 'ui');
    const bundle = await bundleChildEntry(path.join(repoRoot, 'electron', 'testing', 'unlock-guess-child.ts'));
    // Far enough ahead that all six processes have started and opened the database.
    const startAt = String(Date.now() + 4000);
    const results = await Promise.all(Array.from({ length: 6 }, () => runChild(bundle, [temp.home, startAt])));
    const codes = results.map((result) => result.stdout.trim());
    // Three free attempts; the fourth simultaneous guess must already wait.
    expect(codes.filter((code) => code === 'WRONG_PASSPHRASE')).toHaveLength(3);
    expect(codes.filter((code) => code === 'UNLOCK_THROTTLED')).toHaveLength(3);
  }, 60_000);

  it('clears the pending count when the right passphrase confirms a change', async () => {
    const clock = new ManualClock();
    const core = createTestCore(temp.home, { clock });
    cores.push(core);
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    core.vault.lock('user', 'ui');
    await core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'cli');
    expect(failureCount(core)).toBe(0);
    await core.vault.rotateKey({ passphrase: TEST_PASSPHRASE }, 'cli');
    expect(failureCount(core)).toBe(0);
  });
});
