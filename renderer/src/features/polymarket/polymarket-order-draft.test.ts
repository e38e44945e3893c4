import { describe, expect, test } from 'vitest';
import { readPolymarketDraft, type PolymarketDraft } from './polymarket-order-draft';

const base: PolymarketDraft = { account: 'c1', market: 'will-it-rain-tomorrow', outcome: 'Yes', side: 'buy', type: 'limit', amount: '10', price: '0.4', fill: 'fok', paper: false };

describe('the Polymarket order draft', () => {
  test('a limit buy is counted in shares at its price', () => {
    const reading = readPolymarketDraft(base);
    expect(reading.kind === 'intent' && reading.intent).toEqual({ account: 'c1', symbol: 'will-it-rain-tomorrow', outcome: 'Yes', side: 'buy', type: 'limit', amount: 10, amountUnit: 'base', price: 0.4 });
  });

  test('a market buy spends pUSD and says how it fills; the price is not sent', () => {
    const reading = readPolymarketDraft({ ...base, type: 'market', amount: '12,5', fill: 'fak' });
    expect(reading.kind === 'intent' && reading.intent).toEqual({ account: 'c1', symbol: 'will-it-rain-tomorrow', outcome: 'Yes', side: 'buy', type: 'market', amount: 12.5, amountUnit: 'quote', marketFill: 'fak' });
  });

  test('a market sell is counted in shares', () => {
    const reading = readPolymarketDraft({ ...base, type: 'market', side: 'sell' });
    expect(reading.kind === 'intent' && reading.intent.amountUnit).toBe('base');
  });

  test('a price outside 0.01–0.99 and an ambiguous amount are refused at their field', () => {
    expect(readPolymarketDraft({ ...base, price: '1.2' })).toMatchObject({ kind: 'problem', field: 'price' });
    expect(readPolymarketDraft({ ...base, price: '0.005' })).toMatchObject({ kind: 'problem', field: 'price' });
    expect(readPolymarketDraft({ ...base, amount: '1,000' })).toMatchObject({ kind: 'problem', field: 'amount' });
  });

  test('nothing to send until the outcome, amount and (for a limit) price are there', () => {
    expect(readPolymarketDraft({ ...base, outcome: '' }).kind).toBe('incomplete');
    expect(readPolymarketDraft({ ...base, amount: '' }).kind).toBe('incomplete');
    expect(readPolymarketDraft({ ...base, price: '' }).kind).toBe('incomplete');
  });
});
