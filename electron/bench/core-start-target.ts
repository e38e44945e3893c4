/**
 * What the core_start child loads and runs: open the database, migrate, unlock with the OS keychain
 * (a fake of Electron's safeStorage), and answer a first request. Bundled on its own so that the
 * child can time the loading of this module and everything it imports.
 */
import { createCore } from '../core/app';
import { isCcxtLoaded } from '../core/exchanges/ccxt-loader';
import { FakeSafeStorage, migrationsFolder } from '../testing/test-core';

export async function startCore(home: string): Promise<{ credentials: number; ccxtLoaded: boolean }> {
  const core = createCore({ home, migrationsFolder, osKeychain: { safeStorage: new FakeSafeStorage(), platform: 'linux' } });
  await core.vault.unlock({ method: 'os-keychain' }, 'system');
  const credentials = core.credentials.list().length;
  const ccxtLoaded = isCcxtLoaded();
  core.close();
  return { credentials, ccxtLoaded };
}
