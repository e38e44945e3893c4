/**
 * trading.market on a perpetual (through the contract, real core, fake Binance USDⓈ-M): the price,
 * mark price, minimum amount and step, and with a verified key the position, leverage, margin mode,
 * position mode and free margin. The free margin is never shown as a coin balance.
 */
import { describe, expect, it } from 'vitest';
import { invokeChannel } from '../../../api/handlers';
import type { ChannelOutput, ContractResult } from '../../../api/contract';
import { databaseOf } from '../../../testing/test-core';
import { useVerifiedKeyFixture } from '../../../testing/verified-key-fixture';
import { GLOBAL_SCOPE, defaultGlobalLimits, writeLimits } from '../risk-limits-store';

describe('trading.market on a perpetual', () => {
  const fixture = useVerifiedKeyFixture({ label: 'main' });
  const market = async (symbol: string) => (await invokeChannel(fixture.core, 'trading.market', { account: 'main', symbol }, { actor: 'ui' })) as ContractResult<ChannelOutput<'trading.market'>>;

  it('shows the market and what the account holds there', async () => {
    writeLimits(databaseOf(fixture.core).db, GLOBAL_SCOPE, { ...defaultGlobalLimits, maxLeverage: null, maxOrderNotionalUsd: null, maxDailyNotionalUsd: null }, fixture.clock.now(), fixture.core.integrity);
    fixture.binance.futures.setHedged(fixture.key.apiKey, true);
    fixture.binance.futures.setPosition(fixture.key.apiKey, 'BTC/USDT', 'short', 0.02, 66000);
    const answer = await market('BINANCE:BTCUSDT.P');
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    expect(answer.value).toMatchObject({ symbol: 'BTC/USDT:USDT', base: 'BTC', quote: 'USDT', last: 65000, balances: null });
    expect(answer.value.balanceNote).toMatch(/^Free margin: [\d.]+ USDT\.$/);
    expect(answer.value.futures).toMatchObject({ markPrice: 65000, settle: 'USDT', positionMode: 'hedge', leverage: 20, marginMode: 'cross', positions: [{ side: 'short', amount: 0.02, entryPrice: 66000 }] });
    expect(answer.value.futures?.minAmount).toBeGreaterThan(0);
    expect(answer.value.futures?.amountStep).toBeGreaterThan(0);
    expect(answer.value.futures?.freeMargin).toBeGreaterThan(0);
    // Spot is as before, with no futures part.
    const spot = await market('BTC/USDT');
    expect(spot.ok && spot.value.futures).toBeUndefined();
    // Junk and coin-margined are refused plainly.
    expect((await market('BTCUSD.P')).ok).toBe(false);
    expect((await market('NOPEUSDT.P')).ok).toBe(false);
  });
});
