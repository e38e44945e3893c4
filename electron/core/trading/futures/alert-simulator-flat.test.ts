/**
 * The alert simulator reads `market_position` as the listener does: a strategy gone flat on a
 * perpetual closes the whole position (reduce-only), whatever the alert's side and amount say; on a
 * long strategy it is the order it says. Through the contract (webhook.simulate), real core, fake Binance.
 */
import { describe, expect, it } from 'vitest';
import { invokeChannel } from '../../../api/handlers';
import type { ChannelOutput, ContractResult } from '../../../api/contract';
import { databaseOf } from '../../../testing/test-core';
import { useVerifiedKeyFixture } from '../../../testing/verified-key-fixture';
import { GLOBAL_SCOPE, defaultGlobalLimits, writeLimits } from '../risk-limits-store';

const template = JSON.stringify({ account: 'main', symbol: '{{ticker}}.P', side: '{{strategy.order.action}}', amount: '{{strategy.order.contracts}}', market_position: '{{strategy.market_position}}' });

describe('simulating a strategy alert on a perpetual', () => {
  const fixture = useVerifiedKeyFixture({ label: 'main' });
  const simulate = async (values: Record<string, string>) => {
    const answer = (await invokeChannel(fixture.core, 'webhook.simulate', { template, values }, { actor: 'ui' })) as ContractResult<ChannelOutput<'webhook.simulate'>>;
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.value;
  };

  it('flat closes the whole position; long is the order it says; flat with nothing held is refused', async () => {
    writeLimits(databaseOf(fixture.core).db, GLOBAL_SCOPE, { ...defaultGlobalLimits, maxLeverage: null, maxOrderNotionalUsd: null, maxDailyNotionalUsd: null }, fixture.clock.now(), fixture.core.integrity);
    const nothing = await simulate({ 'strategy.order.action': 'sell', 'strategy.order.contracts': '0.001', 'strategy.market_position': 'flat' });
    expect(nothing.outcome).toBe('rejected');
    expect(nothing.message).toContain('no BTC/USDT:USDT position to close');
    expect((await fixture.core.trading.place({ account: 'main', symbol: 'BTCUSDT.P', side: 'buy', amount: 0.01 }, { source: 'manual', actor: 'ui' })).order.status).toBe('filled');
    const flat = await simulate({ 'strategy.order.action': 'sell', 'strategy.order.contracts': '0.001', 'strategy.market_position': 'flat' });
    expect(flat.outcome).toBe('placed');
    expect(flat.message).toContain('close the whole BTC/USDT:USDT position (0.01 BTC');
    expect(flat.order).toMatchObject({ amount: 0.01 });
    const long = await simulate({ 'strategy.order.action': 'buy', 'strategy.order.contracts': '0.001', 'strategy.market_position': 'long' });
    expect(long.message).toContain('it would buy 0.001 BTC/USDT:USDT');
    expect(fixture.binance.futuresOrders).toHaveLength(1);
  });
});
