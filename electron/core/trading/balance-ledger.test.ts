/**
 * The balance an order is decided on (balance-ledger.ts), against a stand-in for ccxt's client that
 * answers fetchBalance as the test says: what is held back for orders under way, when the exchange's
 * answer takes over, and what a junk answer counts as.
 */
import type { Exchange } from 'ccxt';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../testing/test-core';
import { BalanceLedger } from './balance-ledger';
import { fetchAllFree } from './free-balance';

/** A client whose account holds `free`; counts the reads. */
function account(free: Record<string, unknown>) {
  const state = { free, reads: 0 };
  const client = { id: 'binance', name: 'Binance', fetchBalance: () => { state.reads += 1; return Promise.resolve({ free: { ...state.free } }); } } as unknown as Exchange;
  return { client, state };
}

describe('BalanceLedger', () => {
  it('holds back what an order under way needs, until a balance asked after it was answered shows it', async () => {
    const ledger = new BalanceLedger(new ManualClock());
    const { client, state } = account({ USDT: 100 });
    const first = await ledger.view(client, 'USDT', 60);
    const held = first.reserve(60);
    expect(first.free()).toBe(40);
    // A second order a moment later: 40 left, whatever the exchange answers now (the first is not there yet).
    const second = await ledger.view(client, 'USDT', 30);
    expect(second.free()).toBe(40);
    expect(state.reads).toBe(1);
    // Short: asked again, and the order under way is still held back from the new answer.
    const third = await ledger.view(client, 'USDT', 50);
    expect(state.reads).toBe(2);
    expect(third.free()).toBe(40);
    // Answered (the exchange took 60): a balance asked after that is the whole truth.
    held.settled();
    state.free = { USDT: 40 };
    const fourth = await ledger.view(client, 'USDT', 50);
    expect(state.reads).toBe(3);
    expect(fourth.free()).toBe(40);
  });

  it('counts each asset on its own, from one account read', async () => {
    const ledger = new BalanceLedger(new ManualClock());
    const { client, state } = account({ USDT: 100, BTC: 0.5 });
    const usdt = await ledger.view(client, 'USDT', 0);
    usdt.reserve(70);
    const btc = await ledger.view(client, 'BTC', 0.5);
    expect([usdt.free(), btc.free()]).toEqual([30, 0.5]);
    expect(state.reads).toBe(1);
  });

  it('never goes below nothing, and an asset the account does not hold is 0', async () => {
    const ledger = new BalanceLedger(new ManualClock());
    const { client } = account({ USDT: 10 });
    const view = await ledger.view(client, 'USDT', 0);
    view.reserve(25);
    expect(view.free()).toBe(0);
    expect((await ledger.view(client, 'ETH', 0)).free()).toBe(0);
  });

  it('keeps each key apart', async () => {
    const ledger = new BalanceLedger(new ManualClock());
    const one = account({ USDT: 100 });
    const other = account({ USDT: 100 });
    (await ledger.view(one.client, 'USDT', 0)).reserve(90);
    expect((await ledger.view(other.client, 'USDT', 0)).free()).toBe(100);
  });
});

describe('fetchAllFree', () => {
  it('counts a junk, negative or decimal-comma amount as nothing rather than guess', async () => {
    const { client } = account({ BTC: '0.5', USDT: 'NaN', ETH: -3, SOL: Infinity, DOGE: '1,5', XRP: null, ADA: '1e400', DOT: 0 });
    expect([...(await fetchAllFree(client)).entries()]).toEqual([['BTC', 0.5]]);
  });
});
