/**
 * Issue 18: a Polymarket account through the contract, on the real core in a temp folder and the
 * fake CLOB V2 on loopback (which checks L1/L2 auth and every order signature the way the real
 * one does). Credentials derived from the key alone; orders by slug and outcome through the same
 * risk gate, kill switch and paper mode as exchange orders; the signed order recorded before it is
 * posted and reconciled by its hash when the answer is lost, filling once.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../app';
import { invokeChannel } from '../../api/handlers';
import { startFakeClob, type FakeClob } from '../../testing/fake-clob';
import { hardhat0, hardhat1, markets, plainMarket } from '../../testing/fake-clob/fixtures';
import { polymarketProxyOf } from '../polymarket/wallet-setup';
import { ManualClock, TEST_PASSPHRASE, createTestCore, databaseOf, makeTempHome } from '../../testing/test-core';
import { defaultGlobalLimits, GLOBAL_SCOPE, writeLimits } from './risk-limits-store';
import type { RiskLimits } from './trading-schema';
import { parseAlertBody } from '../webhook/alert-payload';
import { intentFromAlert } from '../webhook/alert-intake';

const call = (core: Core, channel: string, input: unknown) => invokeChannel(core, channel, input, { actor: 'cli' });
const value = <T = Record<string, unknown>>(result: unknown): T => {
  expect(result).toMatchObject({ ok: true });
  return (result as { value: T }).value;
};
const YES = plainMarket.tokens[0].tokenId;
type Order = { id: string; status: string; clientOrderId: string; marketLabel: string | null; notionalUsd: number; blockedBy: string | null; message: string; filledAmount: number; symbol: string };

describe('Polymarket trading', () => {
  let fake: FakeClob;
  let temp: ReturnType<typeof makeTempHome>;
  let core: Core;
  let clock: ManualClock;
  let account: string;

  beforeAll(async () => {
    fake = await startFakeClob({ markets, accounts: [
      { address: hardhat0.address, pusd: '100', shares: { [YES]: '40' } },
      // An email-login account: its pUSD sits at the key's Polymarket proxy.
      { address: hardhat1.address, funder: polymarketProxyOf(hardhat1.address), signatureType: 1, pusd: '75' },
    ] });
  });
  afterAll(async () => {
    await fake.stop();
  });
  beforeEach(async () => {
    fake.setFaults([]);
    temp = makeTempHome('keywarden-polymarket-');
    clock = new ManualClock(Date.now());
    core = createTestCore(temp.home, { clock, exchangeUrlOverrides: { polymarket: fake.url } });
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'cli');
    const uncapped: RiskLimits = { ...defaultGlobalLimits, maxOrderNotionalUsd: 50, maxDailyNotionalUsd: null };
    writeLimits(databaseOf(core).db, GLOBAL_SCOPE, uncapped, clock.now(), core.integrity);
    account = value<{ id: string }>(await call(core, 'credentials.create', { provider: 'polymarket', label: 'Polymarket', fields: { privateKey: hardhat0.key } })).id;
    value(await call(core, 'credentials.verify', { ref: account }));
  });
  afterEach(() => {
    core.close();
    temp.cleanup();
  });

  const place = (intent: Record<string, unknown>) => call(core, 'trading.place', { account, symbol: plainMarket.slug, outcome: 'Yes', ...intent }).then((result) => value<{ order: Order }>(result).order);
  const postsOf = () => fake.requests.filter((request) => request.method === 'POST' && request.path === '/order');

  it('connects with the private key alone: credentials derived (never stored), verified with the pUSD balance', async () => {
    const info = value<{ kind: string; preview: string; status: string }>(await call(core, 'credentials.get', { ref: account }));
    expect(info).toMatchObject({ kind: 'polymarket', preview: '0xf3…2266', status: 'active' });
    expect(Object.keys(core.credentials.getDecrypted(account).secrets).sort()).toEqual(['funderAddress', 'privateKey', 'signatureType', 'walletAddress']);
    const verified = value<{ outcome: string; message: string }>(await call(core, 'credentials.verify', { ref: account }));
    expect(verified.outcome).toBe('ok');
    expect(verified.message).toContain('pUSD balance: 100');
    expect(fake.requests.some((request) => request.raw.includes(hardhat0.key.slice(2)))).toBe(false);
  });

  it('refuses a funder the key cannot sign for, naming what it can sign for', async () => {
    const refused = await call(core, 'credentials.create', { provider: 'polymarket', label: 'Wrong funder', fields: { privateKey: hardhat0.key, funderAddress: hardhat1.address, walletAddress: hardhat0.address } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'MALFORMED_FIELD', details: { field: 'funderAddress' } } });
    expect((refused as { error: { message: string } }).error.message).toContain('cannot sign for that funder');
    // Changing the funder of an account is checked the same way.
    expect(await call(core, 'credentials.changeSettings', { ref: account, fields: { funderAddress: hardhat1.address } })).toMatchObject({ ok: false, error: { code: 'MALFORMED_FIELD', details: { field: 'funderAddress' } } });
    expect(await call(core, 'credentials.create', { provider: 'polymarket', label: 'Half creds', fields: { privateKey: hardhat1.key, apiKey: '00000000-0000-4000-8000-000000000000' } })).toMatchObject({ ok: false, error: { code: 'MISSING_FIELD' } });
  });

  it('finds the pUSD at the key\'s Polymarket proxy when the wallet itself holds none, and takes it as the funder once set', async () => {
    const { id } = value<{ id: string }>(await call(core, 'credentials.create', { provider: 'polymarket', label: 'Email login', fields: { privateKey: hardhat1.key } }));
    const proxy = polymarketProxyOf(hardhat1.address);
    const first = value<{ outcome: string; message: string; action: string | null }>(await call(core, 'credentials.verify', { ref: id }));
    // The wallet itself holds nothing and allows nothing: the funds are at its proxy.
    expect(first.outcome).toBe('no-allowance');
    expect(first.message).toContain(`its Polymarket proxy (email login) ${proxy} holds 75 pUSD`);
    expect(first.action).toContain(`Set ${proxy} as the funder`);
    value(await call(core, 'credentials.changeSettings', { ref: id, fields: { funderAddress: proxy } }));
    expect(core.credentials.getDecrypted(id).secrets).toMatchObject({ funderAddress: proxy, signatureType: '1' });
    const second = value<{ outcome: string; message: string; action: string | null }>(await call(core, 'credentials.verify', { ref: id }));
    expect(second).toMatchObject({ outcome: 'ok', action: null });
    expect(second.message).toContain('pUSD balance: 75.');
  });

  it('rests a limit buy by slug and outcome, signed and recorded by its hash, and cancels it', async () => {
    const order = await place({ side: 'buy', type: 'limit', amount: 10, price: 0.46 });
    expect(order).toMatchObject({ status: 'open', marketLabel: `${plainMarket.slug} · Yes`, symbol: YES, notionalUsd: 5 });
    expect(order.clientOrderId).toMatch(/^0x[0-9a-f]{64}$/);
    expect(fake.state.orders.get(order.clientOrderId)).toBeDefined();
    const canceled = value<Order>(await call(core, 'orders.cancel', { id: order.id }));
    expect(canceled.status).toBe('canceled');
  });

  it('fills a market buy of pUSD all or nothing, and the shares show in the positions', async () => {
    const order = await place({ side: 'buy', type: 'market', amount: 6, amountUnit: 'quote' });
    expect(order).toMatchObject({ status: 'filled', notionalUsd: 6 });
    expect(order.filledAmount).toBeCloseTo(12, 5);
    const positions = value<{ pusd: string; positions: { tokenId: string; size: number }[] }>(await call(core, 'polymarket.positions', { account }));
    expect(positions.positions.find((position) => position.tokenId === YES)?.size).toBeGreaterThanOrEqual(52);
  });

  it('keeps Polymarket orders inside the same limits, kill switch and paper mode, sending nothing it refuses', async () => {
    const before = postsOf().length;
    const large = await place({ side: 'buy', type: 'limit', amount: 200, price: 0.46 });
    expect(large).toMatchObject({ status: 'blocked', blockedBy: 'max-order-notional' });
    const offMarket = await place({ side: 'buy', type: 'limit', amount: 10, price: 0.9 });
    expect(offMarket).toMatchObject({ status: 'blocked', blockedBy: 'price-band' });
    const thin = await place({ side: 'buy', type: 'market', amount: 40, amountUnit: 'quote' });
    expect(thin).toMatchObject({ status: 'rejected' });
    expect(thin.message).toContain('all-or-nothing');
    const shares = await call(core, 'trading.place', { account, symbol: plainMarket.slug, outcome: 'Yes', side: 'buy', type: 'market', amount: 10 });
    expect(value<{ order: Order }>(shares).order).toMatchObject({ status: 'rejected' });
    const paper = await place({ side: 'buy', type: 'market', amount: 5, amountUnit: 'quote', paper: true });
    expect(paper.status).toBe('filled');
    value(await call(core, 'trading.pause', {}));
    expect(await place({ side: 'buy', type: 'limit', amount: 10, price: 0.45 })).toMatchObject({ status: 'blocked', blockedBy: 'paused' });
    expect(postsOf().length).toBe(before);
    const unnamed = value<{ order: Order & { errorCode: string } }>(await call(core, 'trading.place', { account, symbol: plainMarket.slug, side: 'buy', amount: 1 })).order;
    expect(unnamed).toMatchObject({ status: 'rejected', errorCode: 'INVALID_INPUT', message: 'Name the outcome to trade: Yes or No.' });
  });

  it('posts a signed order whose answer was lost again unchanged when reconciling: it fills once', async () => {
    fake.setFaults(['lose-order-answer']);
    const lost = await place({ side: 'buy', type: 'limit', amount: 10, price: 0.47 });
    expect(lost.status).toBe('unknown');
    fake.setFaults([]);
    const result = value<{ checked: number; updated: number }>(await call(core, 'trading.reconcile', {}));
    expect(result.checked).toBe(1);
    const found = value<Order>(await call(core, 'orders.get', { id: lost.id }));
    expect(found.status).toBe('open');
    expect([...fake.state.orders.values()].filter((order) => order.id === lost.clientOrderId)).toHaveLength(1);
  });

  it('places what a TradingView alert for a Polymarket account asks for, by token id', async () => {
    const parsed = parseAlertBody(Buffer.from(JSON.stringify({ account, symbol: YES, side: 'buy', type: 'limit', amount: '10', price: '0,48', id: 'alert-1' })));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const placed = await core.trading.enqueue(intentFromAlert(parsed.value.alert, account, 'tv:alert-1'), { source: 'webhook', actor: 'webhook' });
    expect(placed.order).toMatchObject({ status: 'open', symbol: YES, price: 0.48, marketLabel: expect.stringContaining('Yes') });
    const message = value<{ message: string; notes: string[] }>(await call(core, 'webhook.message', { account, symbol: plainMarket.slug, outcome: 'Yes', mode: 'indicator', side: 'buy', amount: 5, unit: 'quote' }));
    expect(JSON.parse(message.message)).toMatchObject({ symbol: plainMarket.slug, outcome: 'Yes', unit: 'quote' });
    expect(message.notes.join(' ')).toContain('pUSD');
  });

  it('reads a market by slug with each outcome and its best prices', async () => {
    const market = value<{ question: string; outcomes: { outcome: string; bid: number | null; ask: number | null }[]; tickSize: string }>(await call(core, 'polymarket.market', { market: `https://polymarket.com/event/${plainMarket.slug}` }));
    expect(market).toMatchObject({ question: plainMarket.question, tickSize: '0.01' });
    expect(market.outcomes[0]).toMatchObject({ outcome: 'Yes', ask: 0.5 });
    // Other tests' resting bids share this fake's book.
    expect(market.outcomes[0]?.bid).toBeGreaterThanOrEqual(0.45);
    expect(await call(core, 'polymarket.market', { market: 'no-such-market-anywhere' })).toMatchObject({ ok: false, error: { code: 'MARKET_NOT_FOUND' } });
  });
});
