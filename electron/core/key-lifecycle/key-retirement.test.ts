/**
 * Revoking or deleting a key that has open orders, through the contract, against the offline fake
 * Binance: the orders are canceled on the exchange while the key can still sign (or left, when the
 * person says so), a cancel that fails destroys nothing, and everything lands in the audit log.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../app';
import { invokeChannel } from '../../api/handlers';
import type { ChannelOutput, ContractError } from '../../api/contract';
import { makeBinanceHmacKey, type FakeExchange, type TestKey } from '../../testing/fake-exchange';
import { useVerifiedKeyFixture } from '../../testing/verified-key-fixture';
import type { OrderInfo, OrderIntent } from '../trading/trading-schema';

describe('revoking or deleting a key with open orders', () => {
  const fixture = useVerifiedKeyFixture({ label: 'main', exchangeTimeoutMs: 1500 });
  let binance: FakeExchange;
  let core: Core;
  let key: TestKey;
  let accountId: string;

  beforeEach(() => ({ binance, core, key, accountId } = fixture));
  afterEach(() => binance.setOrderAcceptedHook(undefined));

  const call = (name: string, input: unknown) => invokeChannel(core, name, input, { actor: 'ui' });
  const value = async <K extends 'credentials.revoke' | 'credentials.delete' | 'credentials.openOrders'>(name: K, input: unknown): Promise<ChannelOutput<K>> => {
    const result = await call(name, input);
    if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
    return result.value as ChannelOutput<K>;
  };
  const refused = async (name: string, input: unknown): Promise<ContractError> => {
    const result = await call(name, input);
    if (result.ok) throw new Error(`${name} was expected to fail`);
    return result.error;
  };
  /** A small limit buy under the market (65,000): it rests open on the fake exchange. */
  const restingBuy = async (overrides: Partial<OrderIntent> = {}): Promise<OrderInfo> => {
    const { order } = await core.trading.place({ account: 'main', symbol: 'BTC/USDT', side: 'buy', type: 'limit', price: 60000, amount: 0.001, ...overrides }, { source: 'manual', actor: 'ui' });
    expect(order.status, order.message).toBe('open');
    return order;
  };
  const atExchange = (order: OrderInfo) => binance.orders.find((placed) => placed.clientOrderId === order.clientOrderId);
  const ids = (orders: readonly OrderInfo[]) => orders.map((order) => order.id);
  const auditOf = (action: string) => core.audit.list({ actionPrefix: action, subject: accountId, limit: 10 }).filter((record) => record.action === action);

  it('lists the open orders, then cancels them on the exchange before revoking (the default)', async () => {
    const first = await restingBuy();
    const second = await restingBuy({ side: 'sell', price: 70000 });
    const listed = await value('credentials.openOrders', { ref: 'main' });
    expect(listed).toMatchObject({ credentialId: accountId, label: 'main', exchangeName: 'Binance', unconfirmed: [], paperOpen: 0, deletion: 'keeps-record' });
    expect(ids(listed.open).sort()).toEqual([first.id, second.id].sort());

    const revoked = await value('credentials.revoke', { ref: 'main' });
    expect(revoked.credential.status).toBe('revoked');
    expect(revoked.orders).toMatchObject({ choice: 'cancel', exchangeName: 'Binance', leftOpen: [], unconfirmed: [], alreadyClosed: [] });
    expect(ids(revoked.orders.canceled).sort()).toEqual([first.id, second.id].sort());
    expect(atExchange(first)?.status).toBe('canceled');
    expect(atExchange(second)?.status).toBe('canceled');
    expect(core.trading.getOrder(first.id).status).toBe('canceled');
    // The secret is gone: nothing can sign with it any more.
    expect(() => core.credentials.getDecrypted(accountId)).toThrow(/revoked/);

    const [record] = auditOf('credential.revoke');
    expect(record).toMatchObject({ outcome: 'ok', details: { openOrders: 'cancel', leftOpenOrders: '' } });
    expect(String(record?.details['canceledOrders']).split(',').sort()).toEqual([first.id, second.id].sort());
    expect(core.audit.list({ actionPrefix: 'order.cancel', limit: 10 }).map((entry) => entry.subject).sort()).toEqual([first.id, second.id].sort());
  });

  it('revokes nothing when a cancel fails, names the order and why; a retry then works', async () => {
    const order = await restingBuy();
    binance.failNext(1, '5xx');
    const error = await refused('credentials.revoke', { ref: 'main', openOrders: 'cancel' });
    expect(error.code).toBe('OPEN_ORDERS_NOT_CANCELED');
    expect(error.message).toContain('Nothing was revoked');
    // Which order, then Trading's own reason for the failed cancel.
    expect(error.message).toMatch(new RegExp(`Buy 0\\.001 BTC/USDT @ 60,000 \\(order ${order.id}\\): Binance .+\\.`));
    expect(error.message).toContain('Try again, or choose to leave it open.');
    expect(error.details).toMatchObject({ failedOrders: order.id });
    // Still whole: the key can sign, so the order can still be canceled through Keywarden.
    expect(core.credentials.get(accountId).status).toBe('active');
    expect(core.credentials.getDecrypted(accountId).secrets.secret).toBe(key.secret);
    expect(atExchange(order)?.status).toBe('open');
    expect(auditOf('credential.revoke')[0]).toMatchObject({ outcome: 'error', details: { failedOrders: order.id, canceledOrders: '' } });

    const retried = await value('credentials.revoke', { ref: 'main' });
    expect(ids(retried.orders.canceled)).toEqual([order.id]);
    expect(atExchange(order)?.status).toBe('canceled');
  });

  it('with keep: revokes, leaves the order open on the exchange and says which', async () => {
    const order = await restingBuy();
    const revoked = await value('credentials.revoke', { ref: 'main', openOrders: 'keep' });
    expect(revoked.credential.status).toBe('revoked');
    expect(revoked.orders).toMatchObject({ choice: 'keep', canceled: [] });
    expect(ids(revoked.orders.leftOpen)).toEqual([order.id]);
    expect(atExchange(order)?.status).toBe('open');
    expect(auditOf('credential.revoke')[0]).toMatchObject({ outcome: 'ok', details: { openOrders: 'keep', leftOpenOrders: order.id, canceledOrders: '' } });
    // Now it truly cannot be canceled through Keywarden.
    await expect(core.trading.cancel(order.id, 'ui')).rejects.toMatchObject({ code: 'CREDENTIAL_REVOKED' });
  });

  it('deletes a key that never traded; one that did is revoked instead and its record kept', async () => {
    const spare = makeBinanceHmacKey();
    binance.addKey({ ...spare, allowedIps: ['127.0.0.1'] });
    const spareId = (await core.credentials.create({ provider: 'binance', label: 'spare', fields: spare }, 'ui')).id;
    expect(await value('credentials.openOrders', { ref: 'spare' })).toMatchObject({ open: [], unconfirmed: [], deletion: 'deletes-record' });
    expect(await value('credentials.delete', { ref: 'spare' })).toMatchObject({ id: spareId, label: 'spare', recordKept: false, orders: { canceled: [], leftOpen: [] } });
    expect(core.credentials.list().map((credential) => credential.label)).toEqual(['main']);

    const order = await restingBuy();
    const deleted = await value('credentials.delete', { ref: 'main' });
    expect(deleted).toMatchObject({ id: accountId, recordKept: true });
    expect(ids(deleted.orders.canceled)).toEqual([order.id]);
    expect(atExchange(order)?.status).toBe('canceled');
    expect(core.credentials.get(accountId).status).toBe('revoked');
    expect(auditOf('credential.revoke')[0]).toMatchObject({ outcome: 'ok', details: { requested: 'delete', recordKept: true, canceledOrders: order.id } });
    // The orders it placed still count for the limits and stay in the history.
    expect(core.trading.listOrders({ account: accountId, limit: 10 }).map((listed) => listed.id)).toEqual([order.id]);
    // So the revoked record cannot be deleted, and the listing says so beforehand.
    expect(await value('credentials.openOrders', { ref: 'main' })).toMatchObject({ deletion: 'refused', open: [] });
    const again = await refused('credentials.delete', { ref: 'main' });
    expect(again).toMatchObject({ code: 'CREDENTIAL_REVOKED' });
    expect(again.message).toContain('its record stays: orders were placed with it');
  });

  it('delete also refuses when a cancel fails, and keeps orders open when asked', async () => {
    const order = await restingBuy();
    binance.failNext(1, '5xx');
    const error = await refused('credentials.delete', { ref: 'main' });
    expect(error.code).toBe('OPEN_ORDERS_NOT_CANCELED');
    expect(error.message).toContain('Nothing was deleted');
    expect(error.message).toContain(order.id);
    expect(core.credentials.get(accountId).status).toBe('active');
    expect(atExchange(order)?.status).toBe('open');

    const kept = await value('credentials.delete', { ref: 'main', openOrders: 'keep' });
    expect(kept).toMatchObject({ recordKept: true, orders: { choice: 'keep', canceled: [] } });
    expect(ids(kept.orders.leftOpen)).toEqual([order.id]);
    expect(atExchange(order)?.status).toBe('open');
    expect(core.credentials.get(accountId).status).toBe('revoked');
  });

  it('asks the exchange about an order it never heard back about; one still unknown is listed as may be open', async () => {
    // The exchange takes the order but its answer is held past the client's timeout: its fate is unknown.
    let release: () => void = () => undefined;
    binance.setOrderAcceptedHook(() => new Promise<void>((resolve) => (release = resolve)));
    const { order } = await core.trading.place({ account: 'main', symbol: 'BTC/USDT', side: 'buy', type: 'limit', price: 60000, amount: 0.001 }, { source: 'manual', actor: 'ui' });
    release();
    binance.setOrderAcceptedHook(undefined);
    expect(order.status).toBe('unknown');

    // The exchange cannot be asked: it stays unconfirmed, and revoking leaves it so (it cannot be canceled).
    binance.failNext(1, '5xx');
    const listed = await value('credentials.openOrders', { ref: 'main' });
    expect(ids(listed.unconfirmed)).toEqual([order.id]);
    expect(listed.open).toEqual([]);

    // Asked again: the exchange has it open, so it is canceled like any open order.
    const revoked = await value('credentials.revoke', { ref: 'main' });
    expect(ids(revoked.orders.canceled)).toEqual([order.id]);
    expect(revoked.orders.unconfirmed).toEqual([]);
    expect(atExchange(order)?.status).toBe('canceled');
  });

  it('closes resting paper orders in Keywarden, whatever was chosen', async () => {
    const paper = await restingBuy({ paper: true });
    const listed = await value('credentials.openOrders', { ref: 'main' });
    expect(listed).toMatchObject({ open: [], paperOpen: 1 });
    const revoked = await value('credentials.revoke', { ref: 'main', openOrders: 'keep' });
    expect(revoked.orders).toMatchObject({ paperCanceled: 1, leftOpen: [], canceled: [] });
    expect(core.trading.getOrder(paper.id).status).toBe('canceled');
  });

  it('refuses while the vault is locked, touching no order', async () => {
    const order = await restingBuy();
    core.vault.lock('user', 'ui');
    expect((await refused('credentials.revoke', { ref: 'main' })).code).toBe('VAULT_LOCKED');
    expect((await refused('credentials.delete', { ref: 'main' })).code).toBe('VAULT_LOCKED');
    expect((await refused('credentials.openOrders', { ref: 'main' })).code).toBe('VAULT_LOCKED');
    expect(atExchange(order)?.status).toBe('open');
    expect((await refused('credentials.revoke', { ref: 'main', openOrders: 'later' })).code).toBe('INVALID_INPUT');
  });
});
