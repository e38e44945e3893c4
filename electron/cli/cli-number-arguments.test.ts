/**
 * Numbers on the command line are read by the app's one rule (electron/shared/decimal-input.ts):
 * the bundled CLI in a child process, against the offline fake Binance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeExchange, makeBinanceHmacKey, type FakeExchange } from '../testing/fake-exchange';
import { keywardenCli } from '../testing/cli-runner';
import { makeTempHome } from '../testing/test-core';

/** Exit code of a refused argument (INVALID_INPUT), as for every other failed command. */
const INVALID_INPUT_EXIT = 1;
const AMBIGUOUS = 'could mean 1000 or 1. Write 1000, or 1.0 / 1,0 if you meant 1.';

describe('numbers given to the CLI', () => {
  const temp = makeTempHome('keywarden-cli-numbers-');
  const key = makeBinanceHmacKey();
  let binance: FakeExchange;
  let env: Record<string, string>;
  const run = (args: string[], stdin?: string) => keywardenCli(temp.home, args, { env, ...(stdin === undefined ? {} : { stdin }) });

  beforeAll(async () => {
    binance = await startFakeExchange({ exchange: 'binance' });
    binance.addKey({ ...key, allowedIps: ['127.0.0.1'] });
    env = { KEYWARDEN_EXCHANGE_URLS: JSON.stringify({ binance: binance.url }) };
    expect((await run(['init'])).code).toBe(0);
    expect((await run(['add', 'binance', '--label', 'main'], JSON.stringify(key))).code).toBe(0);
    expect((await run(['verify', 'main'])).code).toBe(0);
  });
  afterAll(async () => {
    await binance.stop();
    temp.cleanup();
  });

  it('trade reads "0,001" as 0.001 BTC, and refuses "1,000" as ambiguous, sending nothing', async () => {
    const preview = await run(['--json', 'trade', 'main', 'BTC/USDT', 'buy', '0,001', '--preview']);
    expect(preview.code, preview.stderr).toBe(0);
    expect(JSON.parse(preview.stdout)).toMatchObject({ amount: 0.001, symbol: 'BTC/USDT' });
    const text = await run(['trade', 'main', 'BTC/USDT', 'buy', '0,001', '--preview']);
    expect(text.stdout).toMatch(/buy 0\.001 BTC/);

    const before = binance.privateRequestCount();
    const ambiguous = await run(['trade', 'main', 'BTC/USDT', 'buy', '1,000']);
    expect(ambiguous.code).toBe(INVALID_INPUT_EXIT);
    expect(ambiguous.stderr.trim()).toBe(`keywarden: The amount "1,000" ${AMBIGUOUS} [INVALID_INPUT]`);
    const price = await run(['--json', 'trade', 'main', 'BTC/USDT', 'buy', '0.001', '--type', 'limit', '--price', '65,000']);
    expect(price.code).toBe(INVALID_INPUT_EXIT);
    expect(JSON.parse(price.stdout)).toEqual({ error: { code: 'INVALID_INPUT', message: '--price "65,000" could mean 65000 or 65. Write 65000, or 65.0 / 65,0 if you meant 65.' } });
    expect(binance.privateRequestCount()).toBe(before);
    expect(binance.orders).toEqual([]);
  });

  it('limits set reads grouped and comma amounts, and wants whole numbers for counts', async () => {
    expect((await run(['limits', 'set', '--max-order', '1.000,5', '--max-daily', '2 000', '--max-per-minute', '12'])).code).toBe(0);
    const shown = JSON.parse((await run(['--json', 'limits'])).stdout) as { global: { limits: Record<string, unknown> } };
    expect(shown.global.limits).toMatchObject({ maxOrderNotionalUsd: 1000.5, maxDailyNotionalUsd: 2000, maxOrdersPerMinute: 12 });

    const ambiguous = await run(['limits', 'set', '--max-order', '1,000']);
    expect(ambiguous.code).toBe(INVALID_INPUT_EXIT);
    expect(ambiguous.stderr).toContain(`--max-order "1,000" ${AMBIGUOUS}`);
    const fraction = await run(['limits', 'set', '--max-per-minute', '2.5']);
    expect(fraction.stderr).toContain('--max-per-minute must be a whole number, such as 10.');
    const zero = await run(['limits', 'set', '--max-daily', '0']);
    expect(zero.stderr).toContain('--max-daily must be more than 0.');
    expect((await run(['orders', '--limit', '2.5'])).stderr).toContain('--limit must be a whole number');
    expect((await run(['limits', 'set', '--max-order', 'none', '--max-daily', 'none', '--max-per-minute', 'none'])).code).toBe(0);
  });

  it('the webhook commands read amounts the same way, in a written message and a simulated alert', async () => {
    const message = await run(['--json', 'webhook', 'message', 'main', 'BTCUSDT', '--side', 'buy', '--amount', '0,001']);
    expect(message.code, message.stderr).toBe(0);
    expect(JSON.parse((JSON.parse(message.stdout) as { message: string }).message)).toMatchObject({ amount: '0.001' });
    const refused = await run(['webhook', 'message', 'main', 'BTCUSDT', '--side', 'buy', '--amount', '1,000']);
    expect(refused.code).toBe(INVALID_INPUT_EXIT);
    expect(refused.stderr).toContain(`--amount "1,000" ${AMBIGUOUS}`);
    expect((await run(['webhook', 'create-source', 'Numbers', '--account', 'main', '--max-notional', '12,500'])).stderr).toContain('--max-notional "12,500" could mean 12500 or 12.5');
    expect((await run(['webhook', 'settings', '--port', '8.787'])).stderr).toContain('--port must be a whole number');

    // As TradingView would send a strategy's contracts written with a decimal comma.
    const simulated = await run(['--json', 'webhook', 'simulate', 'main', 'BTCUSDT', '--strategy', '--set', 'strategy.order.action=buy', '--set', 'strategy.order.contracts=0,001']);
    expect(JSON.parse(simulated.stdout)).toMatchObject({ intent: { amount: 0.001 } });
    const ambiguous = await run(['--json', 'webhook', 'simulate', 'main', 'BTCUSDT', '--strategy', '--set', 'strategy.order.action=buy', '--set', 'strategy.order.contracts=1,000']);
    expect(ambiguous.code).toBe(5);
    expect(JSON.parse(ambiguous.stdout)).toMatchObject({ httpStatus: 400, intent: null, message: expect.stringContaining(`amount "1,000" ${AMBIGUOUS}`) });
    expect(binance.orders).toEqual([]);
  });
});
