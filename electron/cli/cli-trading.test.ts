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
    expect((await run(['init'])).code).toBe(0);
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
    const limit = await json<Placed>(['trade', 'main', 'BTC/USDT', 'buy', '0.001', '--type', 'limit', '--price', '50000']);
    expect(limit.body.order.status).toBe('open');
    const panic = await run(['panic']);
    expect(panic.stdout).toContain('1 open order(s) canceled');
    expect(binance.orders.find((o) => o.clientOrderId === limit.body.order.clientOrderId)?.status).toBe('canceled');
    expect((await run(['trade', 'main', 'BTCUSDT', 'buy', '0.001'])).stdout).toContain('Trading is paused');
    await run(['resume']);
  });

  it('printed no secret', () => {
    const all = printed.join('\n');
    for (const secret of [key.apiKey, key.secret, TEST_PASSPHRASE]) expect(all).not.toContain(secret);
  });
});
