/** The order form's reading of what was typed: the intent it makes, or what is wrong with which field. */
import { describe, expect, it } from 'vitest';
import { readAsNote } from '../../format/typed-number';
import { readDraft, type OrderDraft } from './order-draft';

const draft = (change: Partial<OrderDraft> = {}): OrderDraft => ({
  account: 'cred-1', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: '0.001', unit: 'base', price: '', paper: false, ...change,
});

describe('readDraft', () => {
  it('reads "0,001" as 0.001 BTC, never as 1', () => {
    const reading = readDraft(draft({ amount: '0,001' }));
    expect(reading).toMatchObject({ kind: 'intent', intent: { amount: 0.001 } });
    expect(readAsNote('0,001')).toBe('Read as 0.001');
  });

  it('makes the intent from amounts and prices written the ways people write them', () => {
    const cases: [Partial<OrderDraft>, { amount: number; price?: number }][] = [
      [{ amount: '1,5' }, { amount: 1.5 }],
      [{ amount: ' .5 ' }, { amount: 0.5 }],
      [{ amount: '1 000,5', unit: 'quote' }, { amount: 1000.5 }],
      [{ type: 'limit', amount: '0.01', price: '65.000,50' }, { amount: 0.01, price: 65000.5 }],
      [{ type: 'limit', amount: '0.01', price: "65'000" }, { amount: 0.01, price: 65000 }],
    ];
    for (const [change, expected] of cases) {
      expect(readDraft(draft(change)), JSON.stringify(change)).toMatchObject({ kind: 'intent', intent: expected });
    }
    const limit = readDraft(draft({ type: 'limit', price: '60000', paper: true }));
    expect(limit).toMatchObject({ kind: 'intent', intent: { account: 'cred-1', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: 0.001, amountUnit: 'base', price: 60000, paper: true } });
  });

  it('refuses an ambiguous amount or price with the parser\'s message on that field', () => {
    expect(readDraft(draft({ amount: '1,000' }))).toEqual({
      kind: 'problem', field: 'amount', message: 'The amount "1,000" could mean 1000 or 1. Write 1000, or 1.0 / 1,0 if you meant 1.',
    });
    expect(readDraft(draft({ type: 'limit', price: '65,000' }))).toMatchObject({ kind: 'problem', field: 'price', message: expect.stringContaining('The price "65,000" could mean 65000 or 65') });
  });

  it('says what is wrong with an amount even before the symbol is filled in', () => {
    expect(readDraft(draft({ symbol: '', amount: '1,000' }))).toMatchObject({ kind: 'problem', field: 'amount' });
    expect(readDraft(draft({ symbol: '', amount: '0,001' }))).toEqual({ kind: 'incomplete' });
  });

  it('names the problem with each field', () => {
    expect(readDraft(draft({ amount: '0' }))).toEqual({ kind: 'problem', field: 'amount', message: 'The amount must be more than 0.' });
    expect(readDraft(draft({ amount: '-1' }))).toEqual({ kind: 'problem', field: 'amount', message: 'The amount must be more than 0.' });
    expect(readDraft(draft({ amount: '5 BTC' }))).toMatchObject({ kind: 'problem', field: 'amount', message: expect.stringContaining('"B" is not part of a number') });
    expect(readDraft(draft({ amount: '1,00,000' }))).toMatchObject({ kind: 'problem', field: 'amount', message: expect.stringContaining('Write the number without separators') });
    expect(readDraft(draft({ type: 'limit', price: 'market' }))).toMatchObject({ kind: 'problem', field: 'price', message: expect.stringContaining('The price must be a number') });
  });

  it('waits while something is not filled in', () => {
    expect(readDraft(draft({ amount: '' }))).toEqual({ kind: 'incomplete' });
    expect(readDraft(draft({ amount: '  ' }))).toEqual({ kind: 'incomplete' });
    expect(readDraft(draft({ account: '' }))).toEqual({ kind: 'incomplete' });
    expect(readDraft(draft({ type: 'limit', price: '' }))).toEqual({ kind: 'incomplete' });
    // A price typed for a market order is not part of it.
    expect(readDraft(draft({ price: '1,000' }))).toMatchObject({ kind: 'intent', intent: { amount: 0.001 } });
  });

  it('carries reduce-only for a perpetual, and reads its amounts by the same rule', () => {
    const reading = readDraft(draft({ symbol: 'BTCUSDT.P', amount: '0,01', reduceOnly: true }));
    expect(reading).toMatchObject({ kind: 'intent', intent: { symbol: 'BTCUSDT.P', amount: 0.01, reduceOnly: true } });
    expect(readDraft(draft({ symbol: 'BTCUSDT.P' }))).not.toMatchObject({ intent: { reduceOnly: expect.anything() } });
    expect(readDraft(draft({ symbol: 'BTCUSDT.P', amount: '-0.01', reduceOnly: true }))).toMatchObject({ kind: 'problem', field: 'amount' });
    expect(readDraft(draft({ symbol: 'BTCUSDT.P', amount: '1e400', reduceOnly: true }))).toMatchObject({ kind: 'problem', field: 'amount' });
  });
});

describe('readAsNote', () => {
  it('says how a number was read only when that is not how it was typed', () => {
    expect(readAsNote('0.001')).toBeNull();
    expect(readAsNote(' 0.001 ')).toBeNull();
    expect(readAsNote('1.000')).toBe('Read as 1');
    expect(readAsNote('1.000,5')).toBe('Read as 1000.5');
    expect(readAsNote('1e-8')).toBe('Read as 0.00000001');
    expect(readAsNote('1,000')).toBeNull();
    expect(readAsNote('abc')).toBeNull();
  });
});
