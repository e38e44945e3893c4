import { describe, expect, it } from 'vitest';
import type { LimitsOverview } from '../../api/contract-types';
import { maxLeverageFor, perpetualMarket } from './futures-presentation';

describe('perpetualMarket', () => {
  it('names the USDT perpetual however it is typed', () => {
    for (const typed of ['BTCUSDT.P', 'btcusdt.p', ' BINANCE:BTCUSDT.P ', 'BTC/USDT:USDT', 'btc/usdt:usdt']) expect(perpetualMarket(typed), typed).toBe('BTC/USDT:USDT');
    expect(perpetualMarket('ETHUSDC.P')).toBe('ETH/USDC:USDC');
  });

  it('names nothing for spot, coin-margined, dated or junk symbols', () => {
    for (const typed of ['BTCUSDT', 'BTC/USDT', 'BTCUSD.P', 'BTC/USD:BTC', 'BTC/USDT:USDT-261225', 'BTCUSDTPERP', '.P', '', 'lots of words']) expect(perpetualMarket(typed), typed).toBeNull();
  });
});

describe('maxLeverageFor', () => {
  const limits = (maxLeverage: number | null) => ({ tradingEnabled: true, paperMode: false, symbolAllowList: null, maxOrderNotionalUsd: null, maxDailyNotionalUsd: null, maxOpenExposureUsd: null, maxOrdersPerMinute: null, maxPriceDeviationPct: 5, maxLeverage, maxPositionNotionalUsd: null });
  const usage = { dailyNotionalUsd: 0, openExposureUsd: 0, ordersLastMinute: 0 };
  const overview = (global: number | null, own: number | null | 'none'): LimitsOverview => ({
    global: { limits: limits(global), usage, paperUsage: usage },
    accounts: [{ credentialId: 'a1', label: 'main', provider: 'binance', limits: own === 'none' ? null : limits(own), usage }],
  }) as LimitsOverview;

  it('takes the stricter of the global and the account limit', () => {
    expect(maxLeverageFor(overview(5, 'none'), 'a1')).toEqual({ value: 5, scope: 'global' });
    expect(maxLeverageFor(overview(5, 3), 'a1')).toEqual({ value: 3, scope: 'for main' });
    expect(maxLeverageFor(overview(5, 10), 'a1')).toEqual({ value: 5, scope: 'global' });
    expect(maxLeverageFor(overview(null, 10), 'a1')).toEqual({ value: 10, scope: 'for main' });
    expect(maxLeverageFor(overview(null, null), 'a1')).toBeNull();
    expect(maxLeverageFor(null, 'a1')).toBeNull();
  });
});
