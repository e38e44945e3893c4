/** The perpetual-futures commands of the CLI (bundle), end to end against the fake Binance USDⓈ-M. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeExchange, makeBinanceHmacKey, type FakeExchange } from '../testing/fake-exchange';
import { keywardenCli } from '../testing/cli-runner';
import { makeTempHome } from '../testing/test-core';

describe('keywarden leverage / trade BTCUSDT.P / positions / close / panic --close-positions', () => {
  const temp = makeTempHome('keywarden-cli-futures-');
  const printed: string[] = [];
  const key = makeBinanceHmacKey();
  let binance: FakeExchange;
  let env: Record<string, string>;
  const run = (args: string[]) => keywardenCli(temp.home, args, { env }, printed);

  beforeAll(async () => {
    binance = await startFakeExchange({ exchange: 'binance' });
    binance.addKey({ ...key, allowedIps: ['127.0.0.1'] });
    env = { KEYWARDEN_EXCHANGE_URLS: JSON.stringify({ binance: binance.url }) };
    expect((await run(['init'])).code).toBe(0);
    expect((await keywardenCli(temp.home, ['add', 'binance', '--label', 'main'], { env, stdin: JSON.stringify(key) })).code).toBe(0);
    expect((await run(['verify', 'main'])).code).toBe(0);
    expect((await run(['limits', 'set', '--max-order', '2000', '--max-daily', '5000'])).code).toBe(0);
  });
  afterAll(async () => {
    await binance.stop();
    temp.cleanup();
  });

  it('refuses leverage above the starting limit, sets it within, trades reduce-only and shows the position', async () => {
    const tooHigh = await run(['leverage', 'main', 'BTCUSDT.P', '10']);
    expect(tooHigh.code).toBe(1);
    expect(tooHigh.stderr).toContain('above the limit of 5x');
    expect((await run(['leverage', 'main', 'BTCUSDT.P', '1,5'])).stderr).toContain('whole number');
    const set = await run(['leverage', 'main', 'BTCUSDT.P', '3x', '--margin', 'isolated']);
    expect(set.stdout, set.stderr).toContain('BTC/USDT:USDT: leverage 3x, isolated margin');
    const bought = await run(['trade', 'main', 'BTCUSDT.P', 'buy', '0.01']);
    expect(bought.code, bought.stdout).toBe(0);
    expect(bought.stdout).toContain('BUY 0.01 BTC/USDT:USDT market on "main": FILLED');
    const reduced = await run(['trade', 'main', 'BTCUSDT.P', 'sell', '0.004', '--reduce-only']);
    expect(reduced.code, reduced.stdout).toBe(0);
    const shown = await run(['positions', 'main']);
    expect(shown.stdout).toContain('one-way position mode');
    expect(shown.stdout).toMatch(/BTC\/USDT:USDT\s+long\s+0\.006\s+65000/);
    expect(shown.stdout).toContain('3x');
    expect(shown.stdout).toContain('isolated');
  });

  it('shows the futures limits, and a change leaves what it does not name alone', async () => {
    expect((await run(['limits', 'set', '--price-band', '4', '--max-leverage', '7', '--max-position', '3000'])).code).toBe(0);
    expect((await run(['limits', 'set', '--max-order', '20'])).code).toBe(0);
    const shown = await run(['limits']);
    expect(shown.stdout).toContain('LEVERAGE / POSITION');
    expect(shown.stdout).toContain('7x / $3,000');
    expect(shown.stdout).toContain('±4%');
    expect(shown.stdout).toContain('$20');
    expect((await run(['limits', 'set', '--max-leverage', '1,5'])).code).toBe(1);
    expect((await run(['limits', 'set', '--max-leverage', '5', '--max-position', 'none', '--price-band', '10', '--max-order', '2000'])).code).toBe(0);
    expect((await run(['limits'])).stdout).toContain('5x / —');
  });

  it('panic lists before it closes, then closes what it listed; close says when there is nothing', async () => {
    const listed = await run(['panic', '--close-positions']);
    expect(listed.code).toBe(5);
    expect(listed.stdout).toContain('"main" BTC/USDT:USDT long 0.006');
    const code = /--close-positions ([0-9a-f]{16})/.exec(listed.stdout)?.[1];
    expect(code).toBeDefined();
    const done = await run(['panic', '--close-positions', code ?? '']);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain('Closed BTC/USDT:USDT: sell 0.006 FILLED');
    expect(done.stdout).toContain('Vault locked');
    expect((await run(['resume'])).code).toBe(0);
    const nothing = await run(['close', 'main', 'BTCUSDT.P']);
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toContain('holds no BTC/USDT:USDT position');
  });
});
