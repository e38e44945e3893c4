import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../core/app';
import { channelNames, type ContractResult } from '../../api/contract';
import { invokeChannel } from '../../api/handlers';
import { ipcChannelFor } from '../../preload/ipc-wire';
import { makeBinanceHmacKey, makeBybitKey, startFakeExchange, type FakeExchange } from '../../testing/fake-exchange';
import { FakeSafeStorage, TEST_PASSPHRASE, createTestCore, makeTempHome } from '../../testing/test-core';
import { silentLogger } from '../logger';
import { APP_ENTRY_URL } from '../security/app-origin';
import { FakeIpcMain, FakeWebContents } from '../testing/fake-electron';
import { refusedSender, registerContractChannels } from './register-contract-channels';
import { TrustedSenders } from './trusted-senders';

describe('contract channels on ipcMain', () => {
  let temp: ReturnType<typeof makeTempHome>;
  let core: Core;
  let ipcMain: FakeIpcMain;
  let window: FakeWebContents;
  let unregister: () => void;
  const warnings: string[] = [];

  beforeEach(() => {
    temp = makeTempHome('keywarden-ipc-');
    core = createTestCore(temp.home, { osKeychain: { safeStorage: new FakeSafeStorage(), platform: 'linux' } });
    ipcMain = new FakeIpcMain();
    const trustedSenders = new TrustedSenders();
    window = new FakeWebContents();
    window.url = APP_ENTRY_URL;
    trustedSenders.add(window);
    warnings.length = 0;
    unregister = registerContractChannels({ ipcMain, core, trustedSenders, logger: { ...silentLogger, warn: (line) => warnings.push(line) } });
  });
  afterEach(() => {
    core.close();
    temp.cleanup();
  });

  const call = (name: string, input: unknown, event = window.invokeEvent()) => ipcMain.invoke(ipcChannelFor(name as never), event, input) as Promise<ContractResult<unknown>>;

  it('registers every contract channel, and nothing else, through the one handler; and unregisters them', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual(channelNames.map(ipcChannelFor).sort());
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it.each([
    ['another origin', 'https://evil.example/index.html'],
    ['file://', 'file:///work/main/out/renderer/index.html'],
    ['http://', 'http://127.0.0.1:5173/index.html'],
    ['another app:// host', 'app://other/index.html'],
    ['app:// with credentials', 'app://user:pw@keywarden/index.html'],
    ['a malformed URL', 'not a url'],
  ])('refuses a call from %s, before anything runs', async (_case, url) => {
    const result = await call('vault.init', { passphrase: TEST_PASSPHRASE }, window.invokeEvent(url));
    expect(result).toEqual(refusedSender);
    expect(result).toMatchObject({ ok: false, error: { code: 'IPC_SENDER_REFUSED' } });
    expect(await core.vault.status()).toMatchObject({ initialized: false });
    expect(warnings).toEqual(['refused vault.init from a frame that is not the Keywarden window']);
    // The log line names the channel only: never the frame's URL or the input.
    expect(warnings.join('\n')).not.toContain(TEST_PASSPHRASE);
  });

  it('refuses a sub-frame, a frame that is gone, and a webContents the window factory did not create', async () => {
    expect(await call('vault.status', {}, window.invokeEvent(APP_ENTRY_URL, { url: APP_ENTRY_URL }))).toEqual(refusedSender);
    expect(await call('vault.status', {}, { sender: { id: window.id }, senderFrame: null })).toEqual(refusedSender);
    const stranger = new FakeWebContents();
    stranger.url = APP_ENTRY_URL;
    expect(await call('vault.status', {}, stranger.invokeEvent())).toEqual(refusedSender);
    window.destroy();
    expect(await call('vault.status', {}, window.invokeEvent(APP_ENTRY_URL))).toEqual(refusedSender);
  });

  it('refuses invalid input with the channel\'s own message, exactly as invokeChannel does', async () => {
    const cases: Array<[string, unknown]> = [
      ['vault.setAutoLock', { minutes: -5 }],
      ['vault.unlock', { method: 'fingerprint-reader' }],
      ['credentials.create', { provider: 'binance', label: 'x', fields: {}, apiSecret: 'S3CRET-IN-THE-WRONG-PLACE' }],
      ['credentials.get', null],
    ];
    for (const [name, input] of cases) {
      const result = await call(name, input);
      expect(result, name).toEqual(await invokeChannel(core, name, input, { actor: 'ui' }));
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(JSON.stringify(result)).not.toContain('S3CRET');
    }
    expect(await call('vault.setAutoLock', { minutes: -5 })).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: 'minutes must be 0 (never) or more.', details: { field: 'minutes' } } });
  });

  it('answers with plain, serialisable envelopes, never an exception or a stack', async () => {
    const original = core.vault.status.bind(core.vault);
    core.vault.status = () => Promise.reject(new Error('boom at /home/user/secret-path'));
    const result = await call('vault.status', {});
    core.vault.status = original;
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('Something went wrong') } });
    expect(structuredClone(result)).toEqual(result);
    expect(JSON.stringify(result)).not.toMatch(/boom|secret-path|at .*\.ts/);
  });

  it('counts a window call as activity once, and only where its channel says so', async () => {
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    const touch = vi.spyOn(core.vault, 'touch');
    await call('vault.status', {});
    await call('credentials.list', {});
    expect(touch).not.toHaveBeenCalled();
    await call('vault.setAutoLock', { minutes: 'x' });
    expect(touch).not.toHaveBeenCalled();
    await call('vault.setAutoLock', { minutes: 10 });
    expect(touch).toHaveBeenCalledTimes(1);
  });
});

describe('a whole session over the registered IPC handlers', () => {
  const temp = makeTempHome('keywarden-ipc-session-');
  let binance: FakeExchange;
  let core: Core;
  const ipcMain = new FakeIpcMain();
  const window = new FakeWebContents();
  const responses: unknown[] = [];
  const binanceKey = makeBinanceHmacKey();
  const bybitKey = makeBybitKey();
  const newPassphrase = 'a different long passphrase';

  beforeAll(async () => {
    binance = await startFakeExchange({ exchange: 'binance', keys: [{ ...binanceKey, permissions: { withdraw: true } }] });
    core = createTestCore(temp.home, { osKeychain: { safeStorage: new FakeSafeStorage(), platform: 'linux' }, exchangeUrlOverrides: { binance: binance.url } });
    const trustedSenders = new TrustedSenders();
    window.url = APP_ENTRY_URL;
    trustedSenders.add(window);
    registerContractChannels({ ipcMain, core, trustedSenders, logger: silentLogger });
  });
  afterAll(async () => {
    core.close();
    await binance.stop();
    temp.cleanup();
  });

  const value = async <T = Record<string, unknown>>(name: string, input: unknown): Promise<T> => {
    const result = (await ipcMain.invoke(ipcChannelFor(name as never), window.invokeEvent(), input)) as ContractResult<T>;
    responses.push(result);
    if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
    return result.value;
  };

  it('unlocks, adds keys, verifies against the fake exchange, rotates, and no response holds a secret', async () => {
    expect(await value('vault.init', { passphrase: TEST_PASSPHRASE, useOsKeychain: true })).toMatchObject({ initialized: true, locked: false, osKeychain: { available: true } });
    const created = await value<{ id: string }>('credentials.create', { provider: 'binance', label: 'Binance main', fields: binanceKey });
    await value('credentials.create', { provider: 'bybit', label: 'Bybit', environment: 'testnet', fields: bybitKey });
    expect(await value('credentials.verify', { ref: created.id })).toMatchObject({ outcome: 'ok', permissions: { withdraw: true } });
    expect(await value<unknown[]>('credentials.list', {})).toHaveLength(2);
    await value('credentials.get', { ref: 'binance main' });
    await value('credentials.update', { ref: created.id, label: 'Binance spot' });
    await value('vault.rotateKey', { passphrase: TEST_PASSPHRASE });
    await value('vault.changePassphrase', { current: TEST_PASSPHRASE, next: newPassphrase });
    await value('audit.list', { limit: 200 });
    expect(await value('audit.verify', {})).toMatchObject({ ok: true });
    expect(await value('vault.lock', {})).toMatchObject({ locked: true });
    await value('vault.unlock', { method: 'os-keychain' });
    await value('vault.unlock', { method: 'passphrase', passphrase: newPassphrase });
    await value('credentials.delete', { ref: 'Bybit' });

    const everything = JSON.stringify(responses);
    for (const secret of [binanceKey.apiKey, binanceKey.secret, bybitKey.apiKey, bybitKey.secret, TEST_PASSPHRASE, newPassphrase]) {
      expect(everything).not.toContain(secret);
    }
    expect(responses.length).toBeGreaterThan(10);
  });
});
