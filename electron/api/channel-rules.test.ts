/**
 * Every channel's calling rules (access, activity, callers), enforced by invokeChannel alone. The
 * handlers are replaced by recorders here, so what is proven is the enforcement before a handler
 * runs, for every channel: a new channel without a sample input fails to type-check.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Core } from '../core/app';
import { TEST_PASSPHRASE, createTestCore, makeTempHome } from '../testing/test-core';
import { everyCaller, type Caller } from './channel';
import { channelNames, contract, type ChannelInput, type ChannelName } from './contract';
import { handlers, invokeChannel } from './handlers';

const fileHandle = '0123456789abcdef0123456789abcdef';
const orderId = 'oabcdefghijk';
const fields = { apiKey: 'k'.repeat(64), secret: 's'.repeat(64) };
const order = { account: 'main', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: 0.001 } as const;

/** One valid input per channel (valid for the window too: files by handle). */
const samples: { readonly [K in ChannelName]: ChannelInput<K> } = {
  'vault.status': {},
  'credentials.exportSecret': { ref: 'main', vaultPassphrase: TEST_PASSPHRASE },
  'wallets.balances': { ref: 'main' },
  'exchanges.connection': { ref: 'main' },
  'exchanges.testProxy': { ref: 'main' },
  'wallets.settings': { ref: 'main' },
  'credentials.changeSettings': { ref: 'main', fields: { chainId: '1' } },
  'polymarket.market': { market: 'will-it-rain-tomorrow' },
  'polymarket.positions': { account: 'main' },
  'vault.init': { passphrase: TEST_PASSPHRASE },
  'vault.unlock': { method: 'passphrase', passphrase: TEST_PASSPHRASE },
  'vault.lock': {},
  'vault.changePassphrase': { current: TEST_PASSPHRASE, next: 'another long passphrase here' },
  'vault.addOsKeychain': {},
  'vault.removeProtector': { kind: 'os-keychain' },
  'vault.rotateKey': { passphrase: TEST_PASSPHRASE },
  'vault.setAutoLock': { minutes: 10 },
  'exchanges.list': {},
  'exchanges.get': { id: 'binance' },
  'aiProviders.list': {},
  'usage.report': { days: 30 },
  'credentials.list': {},
  'credentials.get': { ref: 'main' },
  'credentials.create': { provider: 'binance', label: 'main', fields },
  'credentials.update': { ref: 'main', label: 'renamed' },
  'credentials.delete': { ref: 'main' },
  'credentials.verify': { ref: 'main' },
  'credentials.test': { provider: 'binance', fields },
  'credentials.verifyAll': {},
  'credentials.rotate': { ref: 'main', fields },
  'credentials.checkOldKey': { ref: 'main' },
  'credentials.discardOldKey': { ref: 'main' },
  'credentials.revoke': { ref: 'main' },
  'credentials.openOrders': { ref: 'main' },
  'credentials.acceptWithdrawRisk': { ref: 'main' },
  'credentials.history': { ref: 'main' },
  'credentials.getSettings': {},
  'credentials.setSettings': { verifyIntervalHours: 12 },
  'audit.list': {},
  'audit.verify': {},
  'audit.query': { kind: 'keys', limit: 10 },
  'audit.exportCsv': { fileHandle },
  'trading.place': order,
  'trading.preview': order,
  'trading.market': { account: 'main', symbol: 'BTC/USDT' },
  'orders.list': {},
  'orders.get': { id: orderId },
  'orders.refresh': { id: orderId },
  'orders.cancel': { id: orderId },
  'limits.get': {},
  'limits.set': { maxOrderNotionalUsd: 50 },
  'trading.status': {},
  'trading.pause': {},
  'trading.resume': {},
  'trading.panic': {},
  'trading.reconcile': {},
  'futures.account': { account: 'main' },
  'futures.setLeverage': { account: 'main', symbol: 'BTCUSDT.P', leverage: 3, marginMode: 'isolated' },
  'futures.close': { account: 'main', symbol: 'BTCUSDT.P' },
  'futures.panicPreview': {},
  'futures.panicClose': { confirmation: '0123456789abcdef' },
  'backup.chooseFile': { purpose: 'backup-export' },
  'backup.export': { fileHandle, vaultPassphrase: TEST_PASSPHRASE, passphrase: 'a backup passphrase long enough' },
  'backup.import': { fileHandle, passphrase: 'a backup passphrase long enough' },
  'backup.importEnv': { fileHandle },
  'backup.restoreIntoNewVault': { fileHandle, passphrase: 'a backup passphrase long enough' },
  'webhook.status': {},
  'webhook.tunnel.status': {},
  'webhook.tunnel.tools': {},
  'webhook.tunnel.set': { tunnel: 'cloudflared' },
  'webhook.setup.status': {},
  'webhook.setup.testAlert': { token: 'AAAAAAAAAAAAAAAAAAAAAA' },
  'webhook.renameImpact': { ref: 'main', label: 'main 2' },
  'vault.keepUnlockedWhileListening.set': { on: false },
  'webhook.drift.list': {},
  'webhook.drift.preview': { id: 'dabc' },
  'webhook.drift.fix': { id: 'dabc' },
  'webhook.drift.dismiss': { id: 'dabc' },
  'webhook.sources.list': {},
  'webhook.sources.create': { label: 'alerts' },
  'webhook.sources.rotate': { ref: 'alerts' },
  'webhook.sources.update': { ref: 'alerts', enabled: false },
  'webhook.sources.delete': { ref: 'alerts' },
  'webhook.settings.get': {},
  'webhook.settings.set': { port: 8787 },
  'webhook.events.list': {},
  'webhook.refusals.list': {},
  'webhook.message': { account: 'main', symbol: 'BTCUSDT', mode: 'strategy' },
  'webhook.simulate': { template: '{"side":"buy"}' },
  'integrity.status': {},
  'integrity.acknowledge': { table: 'risk_limits', key: 'global' },
  'credentials.release': { references: [{ key: 'main', field: 'apiKey' }], command: ['node', 'bot.js'], cwd: '/tmp' },
  'credentials.answerRelease': { requestId: 'r1', answer: 'deny' },
  'credentials.waitingReleases': {},
  'credentials.releaseApprovals': { ref: 'main' },
  'credentials.forgetReleaseApproval': { ref: 'main', program: 'node bot.js' },
  'gateway.status': {},
  'gateway.settings.get': {},
  'gateway.settings.set': { port: 8790 },
  'gateway.tokens.create': { label: 'research bot', keys: ['OpenAI main'] },
  'gateway.tokens.list': {},
  'gateway.tokens.revoke': { ref: 'research bot' },
  'gateway.budgets.get': {},
  'gateway.budgets.set': { ref: 'OpenAI main', monthlyUsd: 20, requestsPerMinute: 60 },
  'gateway.prices.get': {},
  'gateway.prices.set': { model: 'gpt-4o-mini', inputUsdPerMTok: 0.15, outputUsdPerMTok: 0.6 },
  'gateway.prices.remove': { model: 'gpt-4o-mini' },
};

describe('the calling rules of every channel', () => {
  const temp = makeTempHome('keywarden-channel-rules-');
  let core: Core;
  const ran: ChannelName[] = [];
  const originals = { ...handlers };

  beforeAll(async () => {
    core = createTestCore(temp.home);
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'cli');
    // Recorders instead of the real handlers: only what invokeChannel does before a handler is on trial.
    for (const name of channelNames) {
      (handlers as Record<string, unknown>)[name] = () => {
        ran.push(name);
        return undefined;
      };
    }
  });
  afterAll(() => {
    Object.assign(handlers, originals);
    core.close();
    temp.cleanup();
  });

  const call = (name: ChannelName, actor: Caller) => {
    ran.length = 0;
    return invokeChannel(core, name, samples[name], { actor });
  };

  it('has samples the channels accept, so the rules below are what decides', () => {
    for (const name of channelNames) expect(contract[name].input.safeParse(samples[name]).success, name).toBe(true);
  });

  it.each(channelNames)('%s: while locked, refused with VAULT_LOCKED before its handler runs, or runs if it needs no key', async (name) => {
    core.vault.lock('user', 'cli');
    const caller = contract[name].callers[0] ?? 'cli';
    const result = await call(name, caller);
    if (contract[name].access === 'unlocked') {
      expect(result).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
      expect(ran).toEqual([]);
    } else {
      expect(ran).toEqual([name]);
    }
  });

  it.each(channelNames)('%s: a person\'s call counts as activity only if the channel says so; the app\'s own calls never do', async (name) => {
    if (!core.vault.isUnlocked()) await core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'cli');
    const touch = vi.spyOn(core.vault, 'touch');
    try {
      for (const person of contract[name].callers.filter((caller) => caller !== 'system')) {
        touch.mockClear();
        await call(name, person);
        expect(ran, `${name} as ${person}`).toEqual([name]);
        expect(touch, `${name} as ${person}`).toHaveBeenCalledTimes(contract[name].activity === 'user' ? 1 : 0);
      }
      touch.mockClear();
      await call(name, 'system');
      expect(touch).not.toHaveBeenCalled();
    } finally {
      touch.mockRestore();
    }
  });

  it.each(channelNames)('%s: refuses callers it does not list, and the webhook always, before anything runs', async (name) => {
    const refused: Caller[] = [...everyCaller.filter((caller) => !contract[name].callers.includes(caller)), 'webhook'];
    for (const caller of refused) {
      const result = await call(name, caller);
      expect(result, `${name} as ${caller}`).toMatchObject({ ok: false, error: { code: 'CALLER_REFUSED' } });
      expect(ran).toEqual([]);
    }
  });

  it('keeps the file dialog to the window, with a message that says what to do instead', async () => {
    expect(contract['backup.chooseFile'].callers).toEqual(['ui']);
    expect(await call('backup.chooseFile', 'cli')).toEqual({
      ok: false,
      error: { code: 'CALLER_REFUSED', message: 'Choosing a file from a dialog needs the Keywarden desktop app. In the CLI, name the file as an argument.' },
    });
  });

  it('lets no read a screen repeats keep the vault unlocked', () => {
    const reads = channelNames.filter((name) => /\.(status|list|get|getSettings|history|market)$/.test(name));
    expect(reads.length).toBeGreaterThan(10);
    for (const name of reads) expect(contract[name].activity, name).toBe('none');
  });
});
