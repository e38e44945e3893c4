import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../app';
import { isKeywardenError } from '../errors';
import { makeBinanceHmacKey } from '../../testing/fake-exchange/keys';
import { TEST_PASSPHRASE, createTestCore, makeTempHome } from '../../testing/test-core';

describe('a vault key rotated by another process', () => {
  const temp = makeTempHome();
  const cores: Core[] = [];
  afterEach(() => {
    for (const core of cores.splice(0)) core.close();
    temp.cleanup();
  });

  // Two cores on one data folder are two processes (a running `serve` and the CLI beside it).
  it('locks the running process and asks to unlock again, instead of a decryption error', async () => {
    const running = createTestCore(temp.home);
    cores.push(running);
    await running.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    const key = makeBinanceHmacKey();
    const { id } = await running.credentials.create({ provider: 'binance', label: 'main', fields: key }, 'ui');
    const locks: string[] = [];
    running.events.on('vault.locked', ({ reason }) => locks.push(reason));

    const cli = createTestCore(temp.home);
    cores.push(cli);
    await cli.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'cli');
    await cli.vault.rotateKey({ passphrase: TEST_PASSPHRASE }, 'cli');

    let failure: unknown;
    try {
      running.credentials.getDecrypted(id);
    } catch (error) {
      failure = error;
    }
    expect(isKeywardenError(failure) ? { code: failure.code, message: failure.message } : failure).toEqual({
      code: 'VAULT_LOCKED',
      message: 'The vault key was changed by another Keywarden window or the CLI. Unlock again to continue.',
    });
    expect(running.vault.isUnlocked()).toBe(false);
    expect(locks).toEqual(['key-rotated-elsewhere']);
    expect(running.audit.list({ limit: 1 })[0]).toMatchObject({ action: 'vault.lock', details: { reason: 'key-rotated-elsewhere' } });

    await running.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'ui');
    expect(running.credentials.getDecrypted(id).secrets).toEqual(key);
  });
});
