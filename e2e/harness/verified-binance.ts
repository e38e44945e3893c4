/**
 * The window most trading scenarios start from: an unlocked vault with one Binance key ("Binance
 * main") that the file's fake exchange knows and that was verified (read + trade, IP-restricted).
 * The key and secret are remembered, so the session fails if either shows in the page.
 */
import type { Core } from '../../electron/core/app';
import { makeBinanceHmacKey, type FakeExchange, type TestKey } from '../../electron/testing/fake-exchange';
import type { KeywardenSession, SessionOptions } from './keywarden-app';
import { createUnlockedVault } from './vault-setup';

type Opener = { open(options?: SessionOptions): Promise<KeywardenSession> };

export async function openWithVerifiedBinance(app: Opener, binance: FakeExchange, options: Omit<SessionOptions, 'before'> = {}): Promise<{ session: KeywardenSession; key: TestKey }> {
  const key = makeBinanceHmacKey();
  binance.addKey({ ...key, allowedIps: ['127.0.0.1'] });
  const session = await app.open({
    exchangeUrlOverrides: { binance: binance.url },
    exchangeTimeoutMs: 3000,
    ...options,
    before: async (core: Core) => {
      await createUnlockedVault(core);
      const created = await core.credentials.create({ provider: 'binance', label: 'Binance main', fields: key }, 'cli');
      await core.verifier.verify(created.id, 'cli');
    },
  });
  session.rememberSecret('the Binance API key', key.apiKey);
  session.rememberSecret('the Binance API secret', key.secret);
  return { session, key };
}
