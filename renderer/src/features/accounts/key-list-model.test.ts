/** The Accounts list's search, filters, sort and first selection. */
import { describe, expect, it } from 'vitest';
import { credentialInfo } from '../../testing/contract-fixtures';
import { allKeys, initialSelection, visibleKeys } from './key-list-model';

const names: Record<string, string> = { binance: 'Binance', bybit: 'Bybit' };
const name = (id: string) => names[id] ?? id;
const keys = [
  credentialInfo({ id: 'aaaaaaaaa1', label: 'Main 10', provider: 'binance', status: 'active', createdAt: 1 }),
  credentialInfo({ id: 'aaaaaaaaa2', label: 'main 2', provider: 'bybit', environment: 'testnet', status: 'active', tradingBlock: 'withdraw-enabled', createdAt: 3 }),
  credentialInfo({ id: 'aaaaaaaaa3', label: 'Spare', provider: 'binance', status: 'invalid', createdAt: 2 }),
];
const labels = (query = {}) => visibleKeys(keys, { ...allKeys, ...query }, name).map((key) => key.label);

describe('visibleKeys', () => {
  it('searches label and exchange name, every word, ignoring case', () => {
    expect(labels({ text: 'MAIN', sort: 'label' })).toEqual(['main 2', 'Main 10']);
    expect(labels({ text: 'bybit main' })).toEqual(['main 2']);
    expect(labels({ text: '  ' })).toHaveLength(3);
    expect(labels({ text: 'nothing like it' })).toEqual([]);
  });

  it('filters by exchange, environment and state; a blocked key is not among the working ones', () => {
    expect(labels({ exchange: 'binance', sort: 'label' })).toEqual(['Main 10', 'Spare']);
    expect(labels({ environment: 'testnet' })).toEqual(['main 2']);
    expect(labels({ state: 'working' })).toEqual(['Main 10']);
    expect(labels({ state: 'trading-blocked' })).toEqual(['main 2']);
  });

  it('sorts the most urgent first by default, then by label, exchange, date added', () => {
    expect(labels()).toEqual(['Spare', 'main 2', 'Main 10']);
    expect(labels({ sort: 'exchange' })).toEqual(['Main 10', 'Spare', 'main 2']);
    expect(labels({ sort: 'added' })).toEqual(['main 2', 'Spare', 'Main 10']);
  });
});

describe('initialSelection', () => {
  it('shows a key added since the page was last open, else the one shown last, else the newest', () => {
    expect(initialSelection([], { id: null, at: 0 })).toBeNull();
    expect(initialSelection(keys, { id: 'aaaaaaaaa1', at: 2 })).toBe('aaaaaaaaa2');
    expect(initialSelection(keys, { id: 'aaaaaaaaa1', at: 5 })).toBe('aaaaaaaaa1');
    expect(initialSelection(keys, { id: 'gone000000', at: 5 })).toBe('aaaaaaaaa2');
  });
});
