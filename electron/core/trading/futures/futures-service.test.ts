/**
 * The person's side of perpetual futures through the contract (invokeChannel, as the window and
 * the CLI call it) on the real core and the fake Binance USDⓈ-M: positions with leverage, margin
 * mode and liquidation price; leverage set by the person and refused above the limit or from an
 * alert; close; a flat strategy alert closing the position; panic's preview and confirmed close.
 */
import { describe, expect, it } from 'vitest';
import { invokeChannel } from '../../../api/handlers';
import type { ChannelName, ChannelOutput, ContractResult } from '../../../api/contract';
import { databaseOf } from '../../../testing/test-core';
import { useVerifiedKeyFixture } from '../../../testing/verified-key-fixture';
import { parseAlert } from '../../webhook/alert-payload';
import { intentFromAlert } from '../../webhook/alert-intake';
import { GLOBAL_SCOPE, defaultGlobalLimits, writeLimits } from '../risk-limits-store';
import type { RiskLimits } from '../trading-schema';

const open: RiskLimits = { ...defaultGlobalLimits, maxOrderNotionalUsd: null, maxDailyNotionalUsd: null, maxLeverage: 20 };

describe('futures for a person', () => {
  const fixture = useVerifiedKeyFixture({ label: 'main' });
  const setLimits = (limits: Partial<RiskLimits>) => writeLimits(databaseOf(fixture.core).db, GLOBAL_SCOPE, { ...open, ...limits }, fixture.clock.now(), fixture.core.integrity);
  const call = async <K extends ChannelName>(name: K, input: unknown, actor: 'ui' | 'cli' = 'ui') => (await invokeChannel(fixture.core, name, input, { actor })) as ContractResult<ChannelOutput<K>>;
  const buy = (amount = 0.01) => fixture.core.trading.place({ account: 'main', symbol: 'BTCUSDT.P', side: 'buy', amount }, { source: 'manual', actor: 'ui' });

  it('sets leverage and margin mode on the exchange, stores the choice, and shows them with the position', async () => {
    setLimits({});
    const set = await call('futures.setLeverage', { account: 'main', symbol: 'BTCUSDT.P', leverage: '10x', marginMode: 'isolated' });
    expect(set).toEqual({ ok: true, value: { symbol: 'BTC/USDT:USDT', leverage: 10, marginMode: 'isolated' } });
    await buy();
    const view = await call('futures.account', { account: 'main' });
    expect(view.ok).toBe(true);
    if (!view.ok) return;
    expect(view.value).toMatchObject({ positionMode: 'one-way', settings: [{ symbol: 'BTC/USDT:USDT', leverage: 10, marginMode: 'isolated' }] });
    expect(view.value.positions).toMatchObject([{ symbol: 'BTC/USDT:USDT', side: 'long', amount: 0.01, leverage: 10, marginMode: 'isolated', openedByKeywarden: 0.01 }]);
    expect(view.value.positions[0]?.liquidationPrice).toBeGreaterThan(0);
    expect(fixture.core.audit.list({ limit: 10 }).map((r) => r.action)).toContain('trading.leverage');
  });

  it('refuses leverage above the limit and junk, before asking the exchange', async () => {
    setLimits({ maxLeverage: 5 });
    const before = fixture.binance.requests.length;
    for (const [leverage, code] of [[6, 'LEVERAGE_REFUSED'], ['0', 'INVALID_INPUT'], ['126', 'INVALID_INPUT'], ['1,5', 'INVALID_INPUT'], ['-2', 'INVALID_INPUT'], ['lots', 'INVALID_INPUT']] as const) {
      const answer = await call('futures.setLeverage', { account: 'main', symbol: 'BTCUSDT.P', leverage });
      expect(answer.ok ? 'ok' : answer.error.code, String(leverage)).toBe(code);
    }
    expect(fixture.binance.requests.length).toBe(before);
  });

  it('refuses an alert that carries leverage or a margin mode; reads market_position', () => {
    const base = { account: 'main', symbol: 'BTCUSDT.P', side: 'buy', amount: '0.01' };
    for (const field of ['leverage', 'Leverage', 'margin_mode']) {
      const parsed = parseAlert({ ...base, [field]: '50' });
      expect(parsed.ok ? 'accepted' : parsed.problem.message).toMatch(/may not set leverage/);
    }
    const flat = parseAlert({ ...base, side: 'sell', market_position: 'flat' });
    expect(flat.ok && flat.value.marketPosition).toBe('flat');
    expect(parseAlert({ ...base, market_position: 'sideways' }).ok).toBe(false);
    if (!flat.ok) return;
    expect(intentFromAlert(flat.value, 'acct')).toMatchObject({ closePosition: true });
    // On a spot symbol "flat" is just the sell it says.
    const spot = parseAlert({ ...base, symbol: 'BTCUSDT', side: 'sell', market_position: 'flat' });
    expect(spot.ok && intentFromAlert(spot.value, 'acct').closePosition).toBeUndefined();
  });

  it('a flat alert closes the whole position whatever its side and amount, and sends nothing when flat already', async () => {
    setLimits({});
    await buy(0.03);
    const alert = parseAlert({ account: 'main', symbol: 'BINANCE:BTCUSDT.P', side: 'buy', amount: '0.01', market_position: 'flat' });
    if (!alert.ok) throw new Error(alert.problem.message);
    const closed = await fixture.core.trading.enqueue(intentFromAlert(alert.value, fixture.accountId, 'tv-1'), { source: 'webhook', actor: 'webhook' });
    expect(closed.order).toMatchObject({ status: 'filled', side: 'sell', amount: 0.03, reduceOnly: true });
    const again = await fixture.core.trading.enqueue(intentFromAlert(alert.value, fixture.accountId, 'tv-2'), { source: 'webhook', actor: 'webhook' });
    expect(again.order).toMatchObject({ status: 'rejected', errorCode: 'NO_POSITION' });
    expect(fixture.binance.futures.positionsOf(fixture.key.apiKey, 'BTC/USDT')[0]?.amount).toBe(0);
  });

  it('closes a position through the contract, and says so when there is none', async () => {
    setLimits({});
    await buy();
    const closed = await call('futures.close', { account: 'main', symbol: 'BTC/USDT:USDT' }, 'cli');
    expect(closed.ok && closed.value.map((r) => [r.order.side, r.order.amount, r.order.status, r.order.source])).toEqual([['sell', 0.01, 'filled', 'cli']]);
    const none = await call('futures.close', { account: 'main', symbol: 'BTCUSDT.P' });
    expect(none.ok ? 'ok' : none.error.code).toBe('NO_POSITION');
  });

  it('panic previews what Keywarden opened, leaves the rest alone, and closes only after the confirmation', async () => {
    setLimits({});
    await buy(0.02);
    // The person also holds ETH opened elsewhere, and added 0.01 BTC by hand.
    fixture.binance.futures.setPosition(fixture.key.apiKey, 'ETH/USDT', 'both', 0.5, 3000);
    fixture.binance.futures.setPosition(fixture.key.apiKey, 'BTC/USDT', 'both', 0.03, 65000);
    const preview = await call('futures.panicPreview', {});
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.value.toClose).toEqual([{ credentialId: fixture.accountId, label: 'main', symbol: 'BTC/USDT:USDT', side: 'long', amount: 0.02 }]);
    expect(preview.value.leftAlone.map((p) => [p.symbol, p.amount])).toEqual(expect.arrayContaining([['ETH/USDT:USDT', 0.5], ['BTC/USDT:USDT', expect.closeTo(0.01, 10)]]));
    const wrong = await call('futures.panicClose', { confirmation: '0000000000000000' });
    expect(wrong.ok ? 'ok' : wrong.error.code).toBe('INVALID_INPUT');
    // Trading is already paused (a kill switch pressed earlier): the confirmed close still goes through,
    // while any other order, even a reduce-only one, stays held back.
    fixture.core.trading.setPaused(true, 'news', 'ui');
    const heldBack = await fixture.core.trading.place({ account: 'main', symbol: 'BTCUSDT.P', side: 'sell', amount: 0.001, reduceOnly: true }, { source: 'manual', actor: 'ui' });
    expect([heldBack.order.status, heldBack.order.blockedBy]).toEqual(['blocked', 'paused']);
    const closed = await call('futures.panicClose', { confirmation: preview.value.confirmation });
    expect(closed.ok && closed.value.map((r) => r.order.status)).toEqual(['filled']);
    const left = fixture.binance.futures.positionsOf(fixture.key.apiKey).filter((p) => p.amount !== 0).map((p) => [p.symbol, p.amount]);
    expect(left).toEqual([['BTC/USDT', expect.closeTo(0.01, 10)], ['ETH/USDT', 0.5]]);
  });
});
