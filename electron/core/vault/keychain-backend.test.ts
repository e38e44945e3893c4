import { afterEach, describe, expect, it } from 'vitest';
import { isKeywardenError } from '../errors';
import { FakeSafeStorage, createTestCore, makeTempHome, databaseOf } from '../../testing/test-core';

const codeOf = (promise: Promise<unknown>): Promise<string> =>
  promise.then(() => 'OK', (error: unknown) => (isKeywardenError(error) ? error.code : String(error)));

describe('OS keychain backends', () => {
  const temps: ReturnType<typeof makeTempHome>[] = [];
  afterEach(() => {
    for (const temp of temps.splice(0)) temp.cleanup();
  });

  function coreWith(backend: string) {
    const temp = makeTempHome();
    temps.push(temp);
    const safeStorage = new FakeSafeStorage();
    safeStorage.backend = backend;
    return { core: createTestCore(temp.home, { osKeychain: { safeStorage, platform: 'linux' } }), safeStorage };
  }

  // Electron reports "unknown" (or a name we have never seen) when it cannot tell which store it
  // uses; that may be a plain-text fallback like basic_text, so it protects nothing we can vouch for.
  it.each(['unknown', 'some_new_store'])('refuses the %s backend like basic_text, and offers no keychain in the status', async (backend) => {
    const { core } = coreWith(backend);
    expect(await codeOf(core.vault.init({ useOsKeychain: true }, 'ui'))).toBe('INSECURE_KEYCHAIN');
    expect(databaseOf(core).sqlite.prepare('SELECT count(*) AS n FROM vault_keys').get()).toEqual({ n: 0 });
    expect((await core.vault.status()).osKeychain).toMatchObject({ available: false });
    core.close();
  });

  it('still accepts the known stores', async () => {
    const { core } = coreWith('kwallet6');
    await core.vault.init({ useOsKeychain: true }, 'ui');
    core.vault.lock('user', 'ui');
    await core.vault.unlock({ method: 'os-keychain' }, 'ui');
    expect(core.vault.isUnlocked()).toBe(true);
    core.close();
  });
});
