import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../core/app';
import { DATABASE_FILE } from '../../core/store/database';
import { channelNames } from '../../api/contract';
import { invokeChannel } from '../../api/handlers';
import { makeBinanceHmacKey, makeBybitKey, startFakeExchange, type FakeExchange } from '../../testing/fake-exchange';
import { ManualClock, TEST_PASSPHRASE, createTestCore, makeTempHome } from '../../testing/test-core';
import { silentLogger } from '../logger';
import { FakeTrayUi } from '../testing/fake-electron';
import { TRADING_CHANNELS, VERIFY_ALL_CHANNEL } from './optional-channels';
import { TrayController } from './tray-controller';

describe('the tray over a real core', () => {
  const binanceKey = makeBinanceHmacKey();
  const bybitKey = makeBybitKey();
  let binance: FakeExchange;
  let bybit: FakeExchange;
  let temp: ReturnType<typeof makeTempHome>;
  let core: Core;
  let ui: FakeTrayUi;
  let opened: number;
  let quit: number;
  let tray: TrayController;

  const start = (channels?: readonly string[], integrityRecheckMs?: number) => {
    tray = new TrayController({
      core, ui, openWindow: () => opened++, quit: () => quit++, logger: silentLogger, keyProtection: async () => 'OS keychain: test',
      ...(channels ? { channels } : {}), ...(integrityRecheckMs ? { integrityRecheckMs } : {}),
    });
    return tray.refresh();
  };
  const ui_call = (name: string, input: unknown) => invokeChannel(core, name, input, { actor: 'ui' });
  /** Waits until the event-driven refreshes have drawn the menu. */
  const settled = () => tray.refresh();

  beforeAll(async () => {
    binance = await startFakeExchange({ exchange: 'binance', keys: [{ ...binanceKey, permissions: { withdraw: true } }] });
    bybit = await startFakeExchange({ exchange: 'bybit' });
  });
  afterAll(async () => {
    await binance.stop();
    await bybit.stop();
  });
  beforeEach(() => {
    temp = makeTempHome('keywarden-tray-');
    core = createTestCore(temp.home, { exchangeUrlOverrides: { binance: binance.url, bybit: bybit.url } });
    ui = new FakeTrayUi();
    opened = 0;
    quit = 0;
  });
  afterEach(() => {
    tray.stop();
    core.close();
    temp.cleanup();
  });

  it('follows the vault: no vault, unlocked, locked from the menu', async () => {
    await start();
    expect(ui.icon).toBe('locked');
    expect(ui.labels()[0]).toBe('No vault yet: open Keywarden to create one');
    expect(ui.tooltip).toBe('Keywarden — No vault yet: open Keywarden to create one — OS keychain: test');

    await ui_call('vault.init', { passphrase: TEST_PASSPHRASE });
    await settled();
    expect(ui.icon).toBe('ok');
    expect(ui.labels()[0]).toBe('No keys yet');

    ui.click('Lock vault');
    await settled();
    expect(core.vault.isUnlocked()).toBe(false);
    expect(ui.icon).toBe('locked');
    const lock = core.audit.list({ actionPrefix: 'vault.lock', limit: 5 });
    expect(lock[0]).toMatchObject({ actor: 'tray', action: 'vault.lock' });
  });

  it('never keeps an idle vault unlocked by the refreshes it makes when an alert trades; a menu action does', async () => {
    core.close();
    const clock = new ManualClock();
    core = createTestCore(temp.home, { clock, exchangeUrlOverrides: { binance: binance.url, bybit: bybit.url } });
    await ui_call('vault.init', { passphrase: TEST_PASSPHRASE });
    core.vault.setAutoLockMinutes(5, 'ui');
    await start();
    clock.advance(4 * 60_000);
    // What a webhook order emits: the tray redraws, reading status, keys and the kill switch.
    core.events.emit('order.updated', { id: 'oabcdefghijk', status: 'filled', credentialId: 'abcdefghij' });
    core.events.emit('webhook.alert', { eventId: 1, outcome: 'placed', message: 'placed' });
    await settled();
    clock.advance(60_000 + 1);
    expect(core.vault.isUnlocked()).toBe(false);

    await core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'ui');
    clock.advance(4 * 60_000);
    ui.click('Pause trading');
    await settled();
    clock.advance(4 * 60_000);
    expect(core.vault.isUnlocked()).toBe(true);
  });

  it('verifies all keys through the contract: progress, one line per account, a notification, and the icon', async () => {
    await ui_call('vault.init', { passphrase: TEST_PASSPHRASE });
    await ui_call('credentials.create', { provider: 'binance', label: 'Binance main', fields: binanceKey });
    await ui_call('credentials.create', { provider: 'bybit', label: 'Bybit', fields: bybitKey });
    await start();
    expect(ui.labels()).toContain('Verify all keys');

    const running = tray.run('verify-all');
    expect(ui.labels()).toContain('Verifying 2 keys…');
    await running;
    await settled();

    const labels = ui.labels();
    expect(labels).toContain('✔ Binance main: The key works.');
    expect(labels.some((label) => label.startsWith('✖ Bybit: '))).toBe(true);
    expect(ui.notifications).toHaveLength(1);
    expect(ui.notifications[0]?.title).toBe('Keywarden: 1 of 2 keys need attention');
    expect(ui.notifications[0]?.body.split('\n')[0]).toMatch(/^Bybit: /);
    // The unknown Bybit key is now invalid (error); the Binance key can withdraw (warning). Error wins.
    expect(ui.icon).toBe('error');
    expect(labels).toContain('⚠ Binance main: can withdraw funds');
    const everything = JSON.stringify([ui.menu.map((item) => item.label), ui.tooltip, ui.notifications]);
    for (const secret of [binanceKey.apiKey, binanceKey.secret, bybitKey.apiKey, bybitKey.secret]) expect(everything).not.toContain(secret);
    expect(core.audit.list({ limit: 50 }).some((record) => record.actor === 'tray')).toBe(true);
  });

  it('counts the keys checked so far while the slowest exchange is still answering', async () => {
    const slowKey = makeBybitKey();
    bybit.addKey(slowKey);
    await ui_call('vault.init', { passphrase: TEST_PASSPHRASE });
    await ui_call('credentials.create', { provider: 'binance', label: 'Binance main', fields: binanceKey });
    await ui_call('credentials.create', { provider: 'bybit', label: 'Bybit slow', fields: slowKey });
    await start();
    bybit.setLatency(1500);
    try {
      const running = tray.run('verify-all');
      await expect.poll(() => ui.labels(), { timeout: 5000 }).toContain('Verifying 2 keys… 1 of 2 done');
      await running;
    } finally {
      bybit.setLatency(0);
    }
    await settled();
    expect(ui.labels()).toContain('✔ Bybit slow: The key works.');
  });

  it('when the contract has no verify channel: a disabled item with a plain note, never a result', async () => {
    await ui_call('vault.init', { passphrase: TEST_PASSPHRASE });
    await ui_call('credentials.create', { provider: 'binance', label: 'Binance main', fields: binanceKey });
    const withoutVerify = channelNames.filter((name) => name !== VERIFY_ALL_CHANNEL);
    await start(withoutVerify);
    const item = ui.menu.find((entry) => String(entry.label).startsWith('Verify all keys'));
    expect(item).toMatchObject({ label: 'Verify all keys (not available in this version)', enabled: false });
  });

  it('pauses and resumes trading through the contract; the icon and the menu follow, also when the UI does it', async () => {
    await ui_call('vault.init', { passphrase: TEST_PASSPHRASE });
    await start();
    expect(ui.labels()).toContain('Pause trading');
    ui.click('Pause trading');
    await settled();
    expect((await ui_call(TRADING_CHANNELS.status, {}))).toMatchObject({ ok: true, value: { paused: true } });
    expect(ui.icon).toBe('paused');
    expect(ui.labels()).toContain('Resume trading');
    expect(core.audit.list({ actionPrefix: 'trading.pause', limit: 1 })[0]).toMatchObject({ actor: 'tray' });

    await ui_call(TRADING_CHANNELS.resume, {});
    await settled();
    expect(ui.icon).toBe('ok');
    expect(ui.labels()).toContain('Pause trading');
  });

  it('has no pause / resume item when the contract has no trading channels', async () => {
    await ui_call('vault.init', { passphrase: TEST_PASSPHRASE });
    await start(channelNames.filter((name) => !name.startsWith('trading.')));
    expect(ui.labels().some((label) => /(Pause|Resume) trading/.test(label))).toBe(false);
  });

  /** The attacker: SQL on the data file while Keywarden is locked; then the person unlocks. */
  async function tamperWhileLocked(sql: string, ...params: unknown[]): Promise<void> {
    await ui_call('vault.lock', {});
    const db = new Database(path.join(temp.home, DATABASE_FILE));
    db.prepare(sql).run(...params);
    db.close();
    await ui_call('vault.unlock', { method: 'passphrase', passphrase: TEST_PASSPHRASE });
  }
  const alarmLines = () => ui.labels().filter((label) => label.startsWith('Changed outside Keywarden'));

  it('names limits changed outside Keywarden (icon, menu, tooltip, one notification), and drops the line once they are saved again', async () => {
    await ui_call('vault.init', { passphrase: TEST_PASSPHRASE });
    expect(await ui_call('limits.set', { scope: 'global', maxOrderNotionalUsd: 100 })).toMatchObject({ ok: true });
    // Re-checked every 50 ms while an alarm is shown: saving limits emits no event.
    await start(undefined, 50);
    expect(ui.icon).toBe('ok');
    expect(alarmLines()).toEqual([]);

    await tamperWhileLocked('UPDATE risk_limits SET max_order_notional_usd = 100000 WHERE scope = ?', 'global');
    await expect.poll(() => alarmLines(), { timeout: 5000 }).toEqual(['Changed outside Keywarden — trading is paused', 'Changed outside Keywarden: global risk limits']);
    expect(ui.icon).toBe('error');
    expect(ui.tooltip).toBe('Keywarden — Changed outside Keywarden — trading is paused — OS keychain: test');
    expect(ui.notifications).toEqual([{ title: 'Keywarden: Changed outside Keywarden — trading is paused', body: 'global risk limits\nOpen Keywarden to review.' }]);
    ui.click('Open Keywarden to review');
    expect(opened).toBe(1);

    expect(await ui_call('limits.set', { scope: 'global', maxOrderNotionalUsd: 100 })).toMatchObject({ ok: true });
    await expect.poll(() => alarmLines(), { timeout: 5000 }).toEqual([]);
    expect(ui.labels()).not.toContain('Open Keywarden to review');
    // The alarm paused trading: that stays until a person resumes it.
    expect(ui.icon).toBe('paused');
    expect(ui.notifications).toHaveLength(1);
  });

  it('names a key moved to another exchange in SQL; deleting the key clears the line at once, without waiting for the re-check timer', async () => {
    await ui_call('vault.init', { passphrase: TEST_PASSPHRASE });
    const created = await ui_call('credentials.create', { provider: 'binance', label: 'Binance main', fields: binanceKey });
    expect(created.ok).toBe(true);
    await start(undefined, 3_600_000);
    await tamperWhileLocked("UPDATE credentials SET provider = 'bybit' WHERE label = ?", 'Binance main');
    await expect.poll(() => alarmLines(), { timeout: 5000 }).toContain('Changed outside Keywarden: key "Binance main"');
    expect(ui.icon).toBe('error');

    // Locked, the tray names no account; the alarm comes back with the next unlock.
    ui.click('Lock vault');
    await settled();
    expect(ui.icon).toBe('locked');
    expect(JSON.stringify(ui.menu)).not.toContain('Binance main');
    await ui_call('vault.unlock', { method: 'passphrase', passphrase: TEST_PASSPHRASE });
    await expect.poll(() => alarmLines(), { timeout: 5000 }).toContain('Changed outside Keywarden: key "Binance main"');

    expect(await ui_call('credentials.delete', { ref: 'Binance main' })).toMatchObject({ ok: true });
    await settled();
    expect(alarmLines()).toEqual([]);
    expect(ui.icon).toBe('paused');
  });

  it('opens the window and quits from the menu, and stops cleanly', async () => {
    await start();
    ui.click('Open Keywarden');
    ui.click('Quit Keywarden');
    expect([opened, quit]).toEqual([1, 1]);
    tray.stop();
    expect(ui.destroyed).toBe(true);
    core.events.emit('vault.unlocked', {});
    await tray.refresh();
  });
});
