import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../core/app';
import { invokeChannel } from '../../api/handlers';
import { FakeSafeStorage, TEST_PASSPHRASE, createTestCore, makeTempHome } from '../../testing/test-core';
import { describeKeyProtection, osKeychainOptions } from './os-keychain';

describe('the OS keychain through safeStorage', () => {
  const temps: Array<{ core: Core; cleanup(): void }> = [];
  const coreWith = (safeStorage: FakeSafeStorage, platform: NodeJS.Platform) => {
    const temp = makeTempHome('keywarden-keychain-');
    const core = createTestCore(temp.home, { osKeychain: osKeychainOptions(safeStorage, platform) });
    temps.push({ core, cleanup: temp.cleanup });
    return core;
  };
  afterEach(() => temps.splice(0).forEach(({ core, cleanup }) => (core.close(), cleanup())));

  it('says which store protects the key', async () => {
    const core = coreWith(new FakeSafeStorage(), 'linux');
    expect(describeKeyProtection(await core.vault.status())).toBe('OS keychain: GNOME Keyring (libsecret)');
    expect(describeKeyProtection(await coreWith(new FakeSafeStorage(), 'darwin').vault.status())).toBe('OS keychain: macOS Keychain');
  });

  it('on Linux without a keyring (basic_text): says a passphrase is required, and the core refuses the keychain', async () => {
    const safeStorage = new FakeSafeStorage();
    safeStorage.backend = 'basic_text';
    const core = coreWith(safeStorage, 'linux');
    expect(describeKeyProtection(await core.vault.status())).toBe('OS keychain unavailable (no keyring (basic_text): not real protection): a passphrase is required');
    expect(await invokeChannel(core, 'vault.init', { useOsKeychain: true }, { actor: 'ui' })).toMatchObject({ ok: false, error: { code: 'INSECURE_KEYCHAIN' } });
    expect(await invokeChannel(core, 'vault.init', { passphrase: TEST_PASSPHRASE }, { actor: 'ui' })).toMatchObject({ ok: true });
  });

  it('re-wraps the key when safeStorage asks for it (shouldReEncrypt)', async () => {
    const safeStorage = new FakeSafeStorage();
    const core = coreWith(safeStorage, 'linux');
    await invokeChannel(core, 'vault.init', { useOsKeychain: true }, { actor: 'ui' });
    core.vault.lock('user', 'ui');
    safeStorage.reEncryptNext = true;
    expect(await invokeChannel(core, 'vault.unlock', { method: 'os-keychain' }, { actor: 'ui' })).toMatchObject({ ok: true });
    expect(core.audit.list({ actionPrefix: 'vault.unlock', limit: 1 })[0]?.details).toMatchObject({ rewrapped: true });
  });
});
