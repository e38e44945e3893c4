/**
 * Issue 18: bot wallet keys through the contract, on the real core in a temp folder and fake RPC
 * nodes on loopback: the key read exactly and its address derived (never a preview cut from the
 * key), sealed on disk, verified by its balances, rotated with a reminder of the funds left in the
 * old wallet, exported only after the passphrase is typed again, and dead once revoked.
 */
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../app';
import { invokeChannel } from '../../api/handlers';
import { startFakeEvmRpc, startFakeSolanaRpc, type FakeRpcServer } from '../../testing/fake-chain';
import { TEST_PASSPHRASE, createTestCore, filesContaining, makeTempHome } from '../../testing/test-core';

const call = (core: Core, channel: string, input: unknown) => invokeChannel(core, channel, input, { actor: 'cli' });
const value = <T = Record<string, unknown>>(result: unknown): T => {
  expect(result).toMatchObject({ ok: true });
  return (result as { value: T }).value;
};

// Hardhat's published accounts #0 and #1.
const KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const ADDRESS = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const NEXT_KEY = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';
const NEXT_ADDRESS = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const PHRASE = 'test test test test test test test test test test test junk';
const USDC = '0x3c499c542cEF5E3811e1192ce70d8cC03d5c3359';
// @solana/web3.js's keypair test: 32 bytes of 8 as the seed.
const SOLANA_SEED = Array.from({ length: 32 }, () => 8);
const SOLANA_ADDRESS = '2KW2XRd9kwqet15Aha2oK3tYvd3nWbTFH1MBiRAv1BE1';

describe('wallet keys', () => {
  let polygon: FakeRpcServer;
  let ethereum: FakeRpcServer;
  let solana: FakeRpcServer;
  let temp: ReturnType<typeof makeTempHome>;
  let core: Core;

  beforeAll(async () => {
    polygon = await startFakeEvmRpc({
      chainId: 137,
      balances: { [ADDRESS]: 420_000_000_000_000_000n, [NEXT_ADDRESS]: 0n },
      tokens: { [USDC]: { symbol: 'USDC', decimals: 6, balances: { [ADDRESS]: 1_250_500_000n } } },
    });
    ethereum = await startFakeEvmRpc({ chainId: 1, balances: {}, tokens: {} });
    solana = await startFakeSolanaRpc({ cluster: 'devnet', lamports: { [SOLANA_ADDRESS]: 1_500_000_000n }, tokenAccounts: [] });
  });
  afterAll(async () => {
    await Promise.all([polygon.stop(), ethereum.stop(), solana.stop()]);
  });
  beforeEach(async () => {
    temp = makeTempHome('keywarden-wallets-');
    core = createTestCore(temp.home);
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'cli');
  });
  afterEach(() => {
    core.close();
    temp.cleanup();
  });

  const addBot = (fields: Record<string, unknown> = {}) => call(core, 'credentials.create', { provider: 'evm-wallet', label: 'Bot wallet', fields: { privateKey: KEY, chainId: '137', rpcUrl: polygon.url, tokenContracts: USDC, ...fields } });

  it('stores an EVM key with its derived address: the preview and fingerprint come from the address, the key is sealed', async () => {
    const created = value<{ id: string; preview: string; fields: string[]; kind: string }>(await addBot({ privateKey: ` ${KEY.slice(2).toUpperCase()}\n` }));
    expect(created).toMatchObject({ kind: 'wallet', provider: 'evm-wallet', preview: '0xf3…2266', fields: ['privateKey', 'walletAddress', 'chainId', 'rpcUrl', 'tokenContracts'] });
    expect(core.credentials.getDecrypted(created.id).secrets).toMatchObject({ privateKey: KEY, walletAddress: ADDRESS, chainId: '137' });
    const listed = JSON.stringify(await call(core, 'credentials.list', {}));
    expect(listed).not.toContain(KEY.slice(2, 20));
    core.close();
    expect(filesContaining(temp.home, KEY.slice(2))).toEqual([]);
    expect(filesContaining(temp.home, polygon.url)).toEqual([]);
    core = createTestCore(temp.home);
  });

  it('refuses junk, a key that is not the typed address, and the same wallet twice, saving nothing', async () => {
    const junk = await addBot({ privateKey: 'hello-world-not-a-key' });
    expect(junk).toMatchObject({ ok: false, error: { code: 'MALFORMED_FIELD' } });
    const mismatch = await addBot({ walletAddress: NEXT_ADDRESS });
    expect(mismatch).toMatchObject({ ok: false, error: { code: 'ADDRESS_MISMATCH' } });
    const message = (mismatch as { error: { message: string } }).error.message;
    expect(message).toContain(NEXT_ADDRESS);
    expect(message).toContain(ADDRESS);
    expect(message).not.toContain(KEY.slice(2, 12));
    expect(await addBot({ rpcUrl: 'ftp://node.example/key' })).toMatchObject({ ok: false, error: { code: 'MALFORMED_FIELD', details: { field: 'rpcUrl' } } });
    expect(value<unknown[]>(await call(core, 'credentials.list', {}))).toEqual([]);
    value(await addBot());
    // The same wallet as a recovery phrase is the same wallet.
    expect(await call(core, 'credentials.create', { provider: 'evm-wallet', label: 'Again', fields: { mnemonic: PHRASE } })).toMatchObject({ ok: false, error: { code: 'DUPLICATE_KEY' } });
    const other = value<{ preview: string }>(await call(core, 'credentials.create', { provider: 'evm-wallet', label: 'Phrase', fields: { mnemonic: PHRASE, derivationPath: "m/44'/60'/0'/0/1" } }));
    expect(other.preview).toBe('0x70…79C8');
  });

  it('is verified by its balances; a node of another chain is a wrong network, nothing about the key', async () => {
    const { id } = value<{ id: string }>(await addBot());
    const verified = value<{ outcome: string; message: string; status: string }>(await call(core, 'credentials.verify', { ref: id }));
    expect(verified).toMatchObject({ outcome: 'ok', status: 'active' });
    expect(verified.message).toContain('0.42 POL');
    expect(verified.message).toContain('1,250.5 USDC');
    const balances = value<{ address: string; summary: string }>(await call(core, 'wallets.balances', { ref: id }));
    expect(balances).toMatchObject({ address: ADDRESS, summary: '0.42 POL, 1,250.5 USDC' });
    expect(polygon.requests.some((request) => JSON.stringify(request).includes(KEY.slice(2)))).toBe(false);

    const { id: wrong } = value<{ id: string }>(await call(core, 'credentials.create', { provider: 'evm-wallet', label: 'Wrong chain', fields: { mnemonic: PHRASE, derivationPath: "m/44'/60'/0'/0/1", chainId: '137', rpcUrl: ethereum.url } }));
    const onEthereum = value<{ outcome: string; message: string; status: string }>(await call(core, 'credentials.verify', { ref: wrong }));
    expect(onEthereum).toMatchObject({ outcome: 'wrong-network', status: 'unverified' });
    expect(onEthereum.message).toContain('Ethereum');
    expect(onEthereum.message).toContain('Polygon');

    const { id: bare } = value<{ id: string }>(await call(core, 'credentials.create', { provider: 'solana-wallet', label: 'No node', fields: { privateKey: JSON.stringify(SOLANA_SEED) } }));
    const unread = value<{ outcome: string; message: string }>(await call(core, 'credentials.verify', { ref: bare }));
    expect(unread.outcome).toBe('ok');
    expect(unread.message).toContain('No RPC URL is set');
  });

  it('changes a wallet\'s node, chain and tokens without a new key; a key is not a setting', async () => {
    const { id } = value<{ id: string }>(await call(core, 'credentials.create', { provider: 'evm-wallet', label: 'Moved', fields: { privateKey: KEY, chainId: '137', rpcUrl: ethereum.url } }));
    expect(value<{ outcome: string }>(await call(core, 'credentials.verify', { ref: id })).outcome).toBe('wrong-network');
    const changed = value<{ status: string; fields: string[]; preview: string }>(await call(core, 'credentials.changeSettings', { ref: id, fields: { rpcUrl: polygon.url, tokenContracts: USDC } }));
    expect(changed).toMatchObject({ status: 'unverified', preview: '0xf3…2266', fields: ['privateKey', 'walletAddress', 'chainId', 'rpcUrl', 'tokenContracts'] });
    expect(value<{ outcome: string; message: string }>(await call(core, 'credentials.verify', { ref: id })).message).toContain('1,250.5 USDC');
    value(await call(core, 'credentials.changeSettings', { ref: id, fields: { tokenContracts: '', chainId: '0x89' } }));
    expect(core.credentials.getDecrypted(id).secrets).toMatchObject({ chainId: '137', privateKey: KEY });
    expect(core.credentials.getDecrypted(id).secrets.tokenContracts).toBeUndefined();
    expect(await call(core, 'credentials.changeSettings', { ref: id, fields: { privateKey: NEXT_KEY } })).toMatchObject({ ok: false, error: { code: 'UNEXPECTED_FIELD' } });
    expect(await call(core, 'credentials.changeSettings', { ref: id, fields: { chainId: 'polygon' } })).toMatchObject({ ok: false, error: { code: 'MALFORMED_FIELD', details: { field: 'chainId' } } });
    expect(core.audit.list({ limit: 20 }).some((record) => record.action === 'credential.settings')).toBe(true);
    const now = value<Record<string, unknown>>(await call(core, 'wallets.settings', { ref: id }));
    expect(now).toEqual({ credentialId: id, address: ADDRESS, derivationPath: null, chainId: '137', cluster: null, tokens: [], rpcUrlSet: true, funderAddress: null, signatureType: null, typedCredentials: false });
    expect(JSON.stringify(now)).not.toContain(polygon.url);
  });

  it('verifies a Solana wallet on its cluster', async () => {
    const created = value<{ id: string; preview: string }>(await call(core, 'credentials.create', { provider: 'solana-wallet', label: 'Sol bot', fields: { privateKey: JSON.stringify(SOLANA_SEED), walletAddress: SOLANA_ADDRESS, cluster: 'devnet', rpcUrl: solana.url } }));
    expect(created.preview).toBe('2KW2…1BE1');
    const verified = value<{ outcome: string; message: string }>(await call(core, 'credentials.verify', { ref: created.id }));
    expect(verified.outcome).toBe('ok');
    expect(verified.message).toContain('1.5 SOL');
  });

  it('rotates to a new wallet with a reminder of the funds left in the old one, keeping its settings', async () => {
    const { id } = value<{ id: string }>(await addBot());
    const rotated = value<{ credential: { preview: string }; nextSteps: string[] }>(await call(core, 'credentials.rotate', { ref: id, fields: { privateKey: NEXT_KEY } }));
    expect(rotated.credential.preview).toBe('0x70…79C8');
    expect(rotated.nextSteps[0]).toContain(`Move the funds left in the old wallet ${ADDRESS} (0.42 POL, 1,250.5 USDC) to the new wallet ${NEXT_ADDRESS}`);
    expect(core.credentials.getDecrypted(id).secrets).toMatchObject({ privateKey: NEXT_KEY, walletAddress: NEXT_ADDRESS, chainId: '137', rpcUrl: polygon.url, tokenContracts: USDC });
    const old = value<{ oldKeyWorks: boolean; message: string }>(await call(core, 'credentials.checkOldKey', { ref: id }));
    expect(old.message).toContain(`${ADDRESS}`);
    expect(old.message).toContain('0.42 POL');
    // Kept, not destroyed: the funds still have to be moved with it.
    value(await call(core, 'credentials.checkOldKey', { ref: id }));
    value(await call(core, 'credentials.discardOldKey', { ref: id }));
    expect(await call(core, 'credentials.checkOldKey', { ref: id })).toMatchObject({ ok: false, error: { code: 'NO_RETIRED_KEY' } });
  });

  it('exports the key only after the vault passphrase is typed again, audited without the key', async () => {
    const { id } = value<{ id: string }>(await addBot());
    expect(await call(core, 'credentials.exportSecret', { ref: id, vaultPassphrase: 'not the passphrase at all' })).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE' } });
    const exported = value<{ fields: Record<string, string>; address: string; warning: string }>(await call(core, 'credentials.exportSecret', { ref: id, vaultPassphrase: TEST_PASSPHRASE }));
    expect(exported).toMatchObject({ fields: { privateKey: KEY }, address: ADDRESS });
    expect(exported.warning).toContain('hardware wallet');
    const audit = JSON.stringify(core.audit.list({ limit: 50 }));
    expect(audit).toContain('credential.exportSecret');
    expect(audit).not.toContain(KEY.slice(2, 20));
    // From the tray or the app itself: never.
    expect(await invokeChannel(core, 'credentials.exportSecret', { ref: id, vaultPassphrase: TEST_PASSPHRASE }, { actor: 'tray' })).toMatchObject({ ok: false, error: { code: 'CALLER_REFUSED' } });
    const { id: phrase } = value<{ id: string }>(await call(core, 'credentials.create', { provider: 'evm-wallet', label: 'Phrase', fields: { mnemonic: PHRASE, derivationPath: "m/44'/60'/0'/0/1" } }));
    expect(value<{ fields: Record<string, string> }>(await call(core, 'credentials.exportSecret', { ref: phrase, vaultPassphrase: TEST_PASSPHRASE })).fields).toEqual({ mnemonic: PHRASE });
  });

  it('travels in a backup: the wallet and a Polymarket account come back with their keys, settings and addresses', async () => {
    const { id } = value<{ id: string }>(await addBot());
    value(await call(core, 'credentials.create', { provider: 'polymarket', label: 'Poly', fields: { privateKey: NEXT_KEY } }));
    const file = path.join(temp.home, 'wallets.kwbackup');
    await core.backups.export({ file, vaultPassphrase: TEST_PASSPHRASE, passphrase: 'a backup passphrase long enough', overwrite: false }, 'cli');
    const elsewhere = makeTempHome('keywarden-wallets-restored-');
    const restored = createTestCore(elsewhere.home);
    try {
      await restored.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'cli');
      await restored.backups.restore({ file, passphrase: 'a backup passphrase long enough', dryRun: false }, 'cli');
      const bot = restored.credentials.get('Bot wallet');
      expect(bot).toMatchObject({ kind: 'wallet', preview: '0xf3…2266', fingerprint: expect.any(String) });
      expect(restored.credentials.getDecrypted(bot.id).secrets).toEqual(core.credentials.getDecrypted(id).secrets);
      expect(restored.credentials.get('Poly')).toMatchObject({ kind: 'polymarket', preview: '0x70…79C8' });
    } finally {
      restored.close();
      elsewhere.cleanup();
    }
  });

  it('refuses to export an exchange key, and a revoked wallet is dead for every use', async () => {
    const { id: exchange } = value<{ id: string }>(await call(core, 'credentials.create', { provider: 'binance', label: 'Binance', fields: { apiKey: 'k'.repeat(64), secret: 's'.repeat(64) } }));
    expect(await call(core, 'credentials.exportSecret', { ref: exchange, vaultPassphrase: TEST_PASSPHRASE })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const { id } = value<{ id: string }>(await addBot());
    value(await call(core, 'credentials.update', { ref: id, allowPrograms: true }));
    const release = { references: [{ key: id, field: 'privateKey' }], command: ['node', 'bot.js'], cwd: temp.home };
    // Allowed for programs, it is handed over (concealed in their output) until revoked.
    expect(value<{ released: { secret: string }[] }>(await call(core, 'credentials.release', release)).released[0]?.secret).toBe(KEY);
    value(await call(core, 'credentials.revoke', { ref: id }));
    expect(await call(core, 'credentials.release', release)).toMatchObject({ ok: false, error: { code: 'KEY_NOT_RELEASABLE' } });
    expect(await call(core, 'credentials.exportSecret', { ref: id, vaultPassphrase: TEST_PASSPHRASE })).toMatchObject({ ok: false, error: { code: 'CREDENTIAL_REVOKED' } });
    expect(await call(core, 'trading.place', { account: id, symbol: 'BTC/USDT', side: 'buy', amount: 1 })).toMatchObject({ ok: false, error: { code: 'NOT_AN_EXCHANGE_KEY' } });
  });
});
