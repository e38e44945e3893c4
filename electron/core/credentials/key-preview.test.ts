/**
 * A key's preview shows characters of a public part only (an address, a user ID), never of a
 * secret; previews an older version cut from a secret are rewritten at the next unlock.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../app';
import { isKeywardenError } from '../errors';
import { makeBinanceHmacKey, makeEvmWalletKey } from '../../testing/fake-exchange/keys';
import { ManualClock, TEST_PASSPHRASE, createTestCore, databaseOf, filesContaining, makeTempHome } from '../../testing/test-core';

/** How versions before this one previewed a key without an API key: from its first field, a secret. */
const oldStylePreview = (secret: string) => `${secret.slice(0, 4)}…${secret.slice(-4)}`;
const blockchaincomSecret = () => makeEvmWalletKey().privateKey.slice(2, 38);

describe('key previews', () => {
  let temp: ReturnType<typeof makeTempHome>;
  let core: Core;
  const clock = new ManualClock();

  beforeEach(async () => {
    temp = makeTempHome();
    core = createTestCore(temp.home, { clock });
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
  });
  afterEach(() => {
    core.close();
    temp.cleanup();
  });

  /** Closes the core and opens the vault again, as the next start of the app does. */
  async function reopen(): Promise<void> {
    core.close();
    core = createTestCore(temp.home, { clock });
    await core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'ui');
  }

  function shown(): string {
    return JSON.stringify([core.credentials.list(), ...core.credentials.list().map((info) => core.credentials.get(info.id))]);
  }

  it('previews a Hyperliquid key by its wallet address; its private key is nowhere outside ciphertext', async () => {
    const key = makeEvmWalletKey();
    const info = await core.credentials.create({ provider: 'hyperliquid', label: 'Hyperliquid', fields: key }, 'ui');
    expect(info.preview).toBe(`${key.walletAddress.slice(0, 4)}…${key.walletAddress.slice(-4)}`);
    await core.flushed();
    for (const needle of [key.privateKey, key.privateKey.slice(2), oldStylePreview(key.privateKey)]) {
      expect(filesContaining(temp.home, needle)).toEqual([]);
      expect(shown()).not.toContain(needle);
    }
  });

  it('shows no characters of a key that has only a secret', async () => {
    const secret = blockchaincomSecret();
    const info = await core.credentials.create({ provider: 'blockchaincom', label: 'Blockchain.com', fields: { secret } }, 'ui');
    expect(info.preview).toBe('••••');
    expect(core.credentials.get(info.id).preview).toBe('••••');
  });

  it('refuses the same Hyperliquid key twice, and takes a new API wallet key for the same address', async () => {
    const key = makeEvmWalletKey();
    await core.credentials.create({ provider: 'hyperliquid', label: 'Hyperliquid', fields: key }, 'ui');
    const again = await refusal(() => core.credentials.create({ provider: 'hyperliquid', label: 'Hyperliquid again', fields: key }, 'ui'));
    expect(again).toMatchObject({ code: 'DUPLICATE_KEY' });
    expect(again?.message).toContain('private key is already stored as "Hyperliquid"');
    const second = await core.credentials.create({ provider: 'hyperliquid', label: 'Second bot', fields: { ...makeEvmWalletKey(), walletAddress: key.walletAddress } }, 'ui');
    expect(second.preview).toBe(core.credentials.get('Hyperliquid').preview);
  });

  it('rewrites a preview an older version cut from a secret at the next unlock, once, and keeps the key intact', async () => {
    const wallet = makeEvmWalletKey();
    const secret = blockchaincomSecret();
    const hyperliquid = await core.credentials.create({ provider: 'hyperliquid', label: 'Hyperliquid', fields: wallet }, 'ui');
    const blockchaincom = await core.credentials.create({ provider: 'blockchaincom', label: 'Blockchain.com', fields: { secret } }, 'ui');
    const binance = await core.credentials.create({ provider: 'binance', label: 'Binance', fields: makeBinanceHmacKey() }, 'ui');
    const update = databaseOf(core).sqlite.prepare('UPDATE credentials SET preview = ? WHERE id = ?');
    update.run(oldStylePreview(wallet.privateKey), hyperliquid.id);
    update.run(oldStylePreview(secret), blockchaincom.id);
    await core.flushed();
    expect(filesContaining(temp.home, oldStylePreview(wallet.privateKey))).not.toEqual([]);

    await reopen();
    expect(core.credentials.get(hyperliquid.id)).toEqual(hyperliquid);
    expect(core.credentials.get(blockchaincom.id).preview).toBe('••••');
    expect(core.credentials.get(binance.id)).toEqual(binance);
    const rewrites = () => core.audit.list({ actionPrefix: 'credentials.previewsRewritten', limit: 5 });
    expect(rewrites().map((record) => [record.actor, record.details])).toEqual([['system', { count: 2 }]]);
    await core.flushed();
    for (const needle of [oldStylePreview(wallet.privateKey), oldStylePreview(secret)]) {
      expect(filesContaining(temp.home, needle)).toEqual([]);
      expect(shown()).not.toContain(needle);
    }

    const rewritten = core.credentials.list();
    await reopen();
    expect(rewrites()).toHaveLength(1);
    expect(core.credentials.list()).toEqual(rewritten);
    expect(core.integrity.checkAll()).toEqual([]);
    expect(rewritten.map((info) => info.status)).toEqual(['unverified', 'unverified', 'unverified']);
    expect(core.credentials.getDecrypted(hyperliquid.id).secrets).toEqual(wallet);
    // The fingerprint was left as it was, so the same key is still found.
    expect(await refusal(() => core.credentials.create({ provider: 'hyperliquid', label: 'Hyperliquid again', fields: wallet }, 'ui'))).toMatchObject({ code: 'DUPLICATE_KEY' });
  });
});

async function refusal(action: () => Promise<unknown>): Promise<{ code: string; message: string } | undefined> {
  try {
    await action();
  } catch (error) {
    if (isKeywardenError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  return undefined;
}
