/** `keywarden revoke` and `keywarden remove` on keys with open orders, end to end against the offline fake exchange. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeExchange, makeBinanceHmacKey, type FakeExchange, type TestKey } from '../testing/fake-exchange';
import { keywardenCli } from '../testing/cli-runner';
import { TEST_PASSPHRASE, makeTempHome } from '../testing/test-core';

type Placed = { order: { id: string; status: string; clientOrderId: string } };
type Outcome = { choice: string; canceled: { id: string }[]; leftOpen: { id: string }[] };

describe('keywarden revoke / remove with open orders', () => {
  const temp = makeTempHome('keywarden-cli-revoke-');
  const printed: string[] = [];
  const keys: TestKey[] = [];
  let binance: FakeExchange;
  let env: Record<string, string>;
  const run = (args: string[]) => keywardenCli(temp.home, args, { env }, printed);
  const json = async <T>(args: string[]) => {
    const result = await run(['--json', ...args]);
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as T;
  };
  const statusAtExchange = (placed: Placed) => binance.orders.find((order) => order.clientOrderId === placed.order.clientOrderId)?.status;

  /** A verified key with one small limit buy resting under the market (65,000). */
  async function keyWithRestingOrder(label: string): Promise<Placed> {
    const key = makeBinanceHmacKey();
    keys.push(key);
    binance.addKey({ ...key, allowedIps: ['127.0.0.1'] });
    expect((await keywardenCli(temp.home, ['add', 'binance', '--label', label], { env, stdin: JSON.stringify(key) })).code).toBe(0);
    expect((await run(['verify', label])).code).toBe(0);
    const placed = await json<Placed>(['trade', label, 'BTC/USDT', 'buy', '0.001', '--type', 'limit', '--price', '60000']);
    expect(placed.order.status).toBe('open');
    return placed;
  }

  beforeAll(async () => {
    binance = await startFakeExchange({ exchange: 'binance' });
    env = { KEYWARDEN_EXCHANGE_URLS: JSON.stringify({ binance: binance.url }) };
    expect((await run(['init'])).code).toBe(0);
  });
  afterAll(async () => {
    await binance.stop();
    temp.cleanup();
  });

  it('revoke cancels the open orders on the exchange first and prints each', async () => {
    const placed = await keyWithRestingOrder('main');
    const unconfirmed = await run(['revoke', 'main']);
    expect(unconfirmed.stderr).toContain('--yes');
    expect(statusAtExchange(placed)).toBe('open');

    const revoked = await run(['revoke', 'main', '--yes']);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toContain(`Canceled on Binance:\n  buy 0.001 BTC/USDT @ 60,000 · order ${placed.order.id}`);
    expect(revoked.stdout).toContain('Revoked "main": its secret is destroyed');
    expect(revoked.stdout).toContain("delete the key on Binance's API management page too");
    expect(statusAtExchange(placed)).toBe('canceled');
  });

  it('a cancel that fails revokes nothing and says which order and why', async () => {
    const placed = await keyWithRestingOrder('flaky');
    // The first request of the cancel fails (a fresh process: the market list, or the cancel itself).
    binance.failNext(1, '5xx');
    const refused = await run(['revoke', 'flaky', '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Nothing was revoked');
    expect(refused.stderr).toContain(`order ${placed.order.id}`);
    expect(refused.stderr).toContain('[OPEN_ORDERS_NOT_CANCELED]');
    expect(statusAtExchange(placed)).toBe('open');
    expect((await json<{ status: string }>(['show', 'flaky'])).status).toBe('active');
  });

  it('--keep-orders revokes and says which orders were left open; --json holds the lists', async () => {
    const placed = await keyWithRestingOrder('keeper');
    const revoked = await json<{ credential: { status: string }; orders: Outcome }>(['revoke', 'keeper', '--yes', '--keep-orders']);
    expect(revoked.credential.status).toBe('revoked');
    expect(revoked.orders.choice).toBe('keep');
    expect(revoked.orders.leftOpen.map((order) => order.id)).toEqual([placed.order.id]);
    expect(revoked.orders.canceled).toEqual([]);
    expect(statusAtExchange(placed)).toBe('open');
  });

  it('remove cancels first too; a key that traded keeps its record, revoked', async () => {
    const placed = await keyWithRestingOrder('gone');
    const removed = await run(['remove', 'gone', '--yes']);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toContain(`Canceled on Binance:\n  buy 0.001 BTC/USDT @ 60,000 · order ${placed.order.id}`);
    expect(removed.stdout).toContain('its record stays, revoked, because orders were placed with it');
    expect(statusAtExchange(placed)).toBe('canceled');

    const kept = await keyWithRestingOrder('gone too');
    const left = await run(['remove', 'gone too', '--yes', '--keep-orders']);
    expect(left.stdout).toContain(`Left open on Binance; Keywarden can no longer cancel it`);
    expect(left.stdout).toContain(`order ${kept.order.id}`);
    expect(statusAtExchange(kept)).toBe('open');
  });

  it('printed no secret', () => {
    const all = printed.join('\n');
    for (const secret of [...keys.flatMap((key) => [key.apiKey, key.secret]), TEST_PASSPHRASE]) expect(all).not.toContain(secret);
  });
});
