import { describe, expect, it } from 'vitest';
import { main } from './serve';
import { sendBinanceRequest, sendBybitRequest } from './signed-request';

describe('serve main()', () => {
  it('starts both fakes, prints one JSON line with URLs and working demo keys, and stops', async () => {
    const lines: string[] = [];
    const running = await main(['--lifetime-ms=60000'], (text) => lines.push(text));
    try {
      expect(lines).toHaveLength(1);
      const printed = JSON.parse(lines[0] ?? '') as typeof running.summary;
      expect(printed).toEqual(running.summary);
      expect(JSON.parse(printed.exchangeUrls)).toEqual({ binance: printed.binance.url, bybit: printed.bybit.url });

      const binanceKey = printed.binance.keys.find((key) => key.label === 'binance-hmac-trade');
      const bybitKey = printed.bybit.keys.find((key) => key.label === 'bybit-hmac-trade');
      expect((await sendBinanceRequest(printed.binance.url, { path: '/api/v3/account', ...(binanceKey ? { key: binanceKey } : {}) })).status).toBe(200);
      const bybit = await sendBybitRequest(printed.bybit.url, { path: '/v5/user/query-api', ...(bybitKey ? { key: bybitKey } : {}) });
      expect((bybit.json as { retCode: number }).retCode).toBe(0);
    } finally {
      await running.stop();
    }
    await running.stopped;
    await expect(fetch(`${running.summary.binance.url}/api/v3/ping`)).rejects.toThrow();
  });

  it('stops by itself after --lifetime-ms', async () => {
    const running = await main(['--lifetime-ms=30'], () => undefined);
    await running.stopped;
    await expect(fetch(`${running.summary.bybit.url}/v5/market/time`)).rejects.toThrow();
  });
});
