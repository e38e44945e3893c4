/** The trading commands of the CLI, end to end against the offline fake exchange. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeExchange, makeBinanceHmacKey, type FakeExchange } from '../testing/fake-exchange';
import { keywardenCli } from '../testing/cli-runner';
import { TEST_PASSPHRASE, makeTempHome } from '../testing/test-core';

describe('keywarden trade / orders / limits / pause / panic', () => {
  const temp = makeTempHome('keywarden-cli-trade-');
  const printed: string[] = [];
  const key = makeBinanceHmacKey();
  let binance: FakeExchange;
  let env: Record<string, string>;
  const run = (args: string[]) => keywardenCli(temp.home, args, { env }, printed);
  type Placed = { order: { id: string; status: string; price: number; clientOrderId: string } };
  const json = async <T>(args: string[]) => {
    const result = await run(['--json', ...args]);
    return { ...result, body: JSON.parse(result.stdout) as T };
  };

  beforeAll(async () => {
    binance = await startFakeExchange({ exchange: 'binance' });
    binance.addKey({ ...key, allowedIps: ['127.0.0.1'] });
    env = { KEYWARDEN_EXCHANGE_URLS: JSON.stringify({ binance: binance.url }) };
    const init = await run(['init']);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('every order is capped at $100, trading at $500 a day');
    expect((await keywardenCli(temp.home, ['add', 'binance', '--label', 'main'], { env, stdin: JSON.stringify(key) })).code).toBe(0);
  });
  afterAll(async () => {
    await binance.stop();
    temp.cleanup();
  });

  it('refuses to trade with a key that was never verified, then trades once it is', async () => {
    const blocked = await run(['trade', 'main', 'BTCUSDT', 'buy', '0.001']);
    expect(blocked.code).toBe(5);
    expect(blocked.stdout).toContain('BLOCKED');
    expect(blocked.stdout).toContain('has not been verified yet');
    expect((await run(['verify', 'main'])).code).toBe(0);
    const placed = await run(['trade', 'main', 'BINANCE:BTCUSDT', 'buy', '50', '--quote']);
    expect(placed.code, placed.stderr).toBe(0);
    expect(placed.stdout).toContain('BUY 50 USDT of BTC/USDT market on "main": FILLED');
    expect(binance.orders).toHaveLength(1);
  });

  it('previews, places limit orders, lists and cancels them', async () => {
    const preview = await run(['trade', 'main', 'ETH/USDT', 'sell', '0.01', '--preview']);
    expect(preview.stdout).toContain('Would be allowed');
    const limit = await json<Placed>(['trade', 'main', 'ETH/USDT', 'buy', '0.01', '--type', 'limit', '--price', '3000']);
    expect(limit.body.order).toMatchObject({ status: 'open', price: 3000 });
    const open = await json<{ id: string }[]>(['orders', '--open']);
    expect(open.body.map((o) => o.id)).toEqual([limit.body.order.id]);
    const canceled = await run(['cancel', limit.body.order.id]);
    expect(canceled.stdout).toContain('CANCELED');
    const bad = await run(['cancel', 'not-an-id']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('must be an order id');
  });

  it('sets limits, shows usage, and blocks an order over them naming the limit', async () => {
    expect((await run(['limits', 'set', '--max-order', '20', '--symbols', 'BTC/USDT,ETH/USDT'])).code).toBe(0);
    const shown = await run(['limits']);
    expect(shown.stdout).toMatch(/global\s+on\s+\$20/);
    const over = await run(['trade', 'main', 'BTC/USDT', 'buy', '0.001']);
    expect(over.code).toBe(5);
    expect(over.stdout).toContain('the limit per order (global) is $20');
    const symbol = await run(['trade', 'main', 'SOL/USDT', 'buy', '0.05']);
    expect(symbol.stdout).toContain('not on the symbol allow-list');
    expect((await run(['limits', 'set', '--max-order', 'none', '--symbols', 'none'])).code).toBe(0);
    expect((await run(['limits', 'set', '--max-order', 'lots'])).stderr).toContain('--max-order must be a number');
  });

  it('paper trades send nothing to the exchange', async () => {
    const before = binance.privateRequestCount();
    const paper = await run(['trade', 'main', 'BTCUSDT', 'buy', '0.001', '--paper']);
    expect(paper.stdout).toContain('[paper] BUY 0.001 BTC/USDT');
    expect(binance.privateRequestCount()).toBe(before);
  });

  it('pause blocks everything until resume; panic cancels open orders and locks', async () => {
    await run(['pause', '--reason', 'testing']);
    const blocked = await run(['trade', 'main', 'BTCUSDT', 'buy', '0.001']);
    expect(blocked.stdout).toContain('Trading is paused');
    await run(['resume']);
    const limit = await json<Placed>(['trade', 'main', 'BTC/USDT', 'buy', '0.001', '--type', 'limit', '--price', '60000']);
    expect(limit.body.order.status).toBe('open');
    const panic = await run(['panic']);
    expect(panic.stdout).toContain('1 open order(s) canceled');
    expect(binance.orders.find((o) => o.clientOrderId === limit.body.order.clientOrderId)?.status).toBe('canceled');
    expect((await run(['trade', 'main', 'BTCUSDT', 'buy', '0.001'])).stdout).toContain('Trading is paused');
    await run(['resume']);
  });

  it('values orders at the market, shows the market and the balance, and counts what filled', async () => {
    const market = await run(['market', 'main', 'BTCUSDT']);
    expect(market.code, market.stderr).toBe(0);
    expect(market.stdout).toContain('BTC/USDT: last 65000 USDT (bid 64999.99, ask 65000.01).');
    expect(market.stdout).toMatch(/Free: [\d.]+ BTC, [\d.]+ USDT\./);

    expect((await run(['limits', 'set', '--max-order', '100', '--max-daily', '200'])).code).toBe(0);
    // A made-up price on a market order is refused, not used to value it.
    const spoofed = await run(['trade', 'main', 'BTC/USDT', 'buy', '0.1', '--price', '100']);
    expect(spoofed.code).toBe(5);
    expect(spoofed.stdout).toContain('names a price of 100, 99.8% below the market price of BTC/USDT (65,000)');
    const valued = await run(['trade', 'main', 'BTC/USDT', 'buy', '0.1', '--price', '64000']);
    expect(valued.stdout).toContain('This order is worth $6,500; the limit per order (global) is $100.');
    const preview = await run(['trade', 'main', 'BTC/USDT', 'buy', '0.001', '--price', '64000', '--preview']);
    expect(preview.stdout).toContain('Would be allowed: buy 0.001 BTC at the market.');
    expect(preview.stdout).toContain('Market price 65000 USDT; valued at 65000.01 USDT a BTC: $65.');
    expect(preview.stdout).toMatch(/Needs 65\.00001 USDT; [\d.]+ USDT free\./);
    expect(preview.stdout).toContain('The price given (64000) was not used');

    expect((await run(['limits', 'set', '--price-band', '5'])).code).toBe(0);
    const band = await run(['trade', 'main', 'BTC/USDT', 'sell', '0.001', '--type', 'limit', '--price', '60000']);
    expect(band.stdout).toContain('prices more than 5% from the market are refused (global)');
    const shown = await run(['limits']);
    expect(shown.stdout).toContain('±5%');
    expect(shown.stdout).toContain('Today counts what filled, at the price it filled');
    expect((await run(['limits', 'set', '--price-band', '10', '--max-order', 'none', '--max-daily', 'none'])).code).toBe(0);
    const oversell = await run(['trade', 'main', 'BTC/USDT', 'sell', '5']);
    expect(oversell.code).toBe(5);
    expect(oversell.stdout).toMatch(/This sells 5 BTC, but "main" has [\d.]+ BTC free\./);
  });

  it('printed no secret', () => {
    const all = printed.join('\n');
    for (const secret of [key.apiKey, key.secret, TEST_PASSPHRASE]) expect(all).not.toContain(secret);
  });
});
