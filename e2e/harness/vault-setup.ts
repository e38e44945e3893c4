/** Preparing the core directly, for scenarios whose subject is not the first-run screen. */
import type { Core } from '../../electron/core/app';
import { TEST_PASSPHRASE } from '../../electron/testing/test-core';

/** Creates a passphrase vault as the CLI would; it stays unlocked, so the page opens ready. */
export async function createUnlockedVault(core: Core): Promise<void> {
  await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'cli');
}
