import { describe, expect, test } from 'vitest';
import { readFunderChanges, readPolymarketFields } from './polymarket-fields';
import { formatCents, formatPusd } from './polymarket-presentation';

function formWith(values: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(values)) data.set(name, value);
  return data;
}

describe('the Polymarket connect form', () => {
  test('the key alone is enough: empty fields are left out, so the core derives the API credentials', () => {
    const read = readPolymarketFields(formWith({ privateKey: ' 0xabc ', funderAddress: '', signatureType: '', apiKey: '', secret: '', password: '' }));
    expect(read.fields).toEqual({ privateKey: '0xabc' });
    expect(read.problems).toEqual({});
    expect(read.provider).toBe('polymarket');
  });

  test('a missing key is said at its field', () => {
    expect(readPolymarketFields(formWith({})).problems).toHaveProperty('privateKey');
  });

  test('the API credentials are all three or none: the missing ones are named', () => {
    const read = readPolymarketFields(formWith({ privateKey: '0xabc', apiKey: '00000000-0000-0000-0000-000000000000' }));
    expect(Object.keys(read.problems).sort()).toEqual(['password', 'secret']);
    expect(read.problems.secret).toMatch(/CLOB API secret too, or leave all three API fields empty/);
  });
});

describe('Polymarket amounts', () => {
  test('pUSD with cents, prices as cents; an unreported price is a dash', () => {
    expect(formatPusd('250.5')).toBe('250.50 pUSD');
    expect(formatPusd('12')).toBe('12.00 pUSD');
    expect(formatPusd('0.123456')).toBe('0.123456 pUSD');
    expect(formatCents(0.45)).toBe('45¢');
    expect(formatCents(0.455)).toBe('45.5¢');
    expect(formatCents(null)).toBe('—');
    expect(formatCents(0)).toBe('—');
  });
});

describe('readFunderChanges', () => {
  const current = ['privateKey', 'funderAddress', 'signatureType'] as const;
  test('sends only what changed; leaving the type to Keywarden removes a stored one', () => {
    expect(readFunderChanges(formWith({ funderAddress: '', signatureType: 'keep' }), current)).toEqual({});
    expect(readFunderChanges(formWith({ funderAddress: ' 0xabc ', signatureType: '2' }), current)).toEqual({ funderAddress: '0xabc', signatureType: '2' });
    expect(readFunderChanges(formWith({ funderAddressRemove: 'yes', signatureType: '' }), current)).toEqual({ funderAddress: '', signatureType: '' });
    expect(readFunderChanges(formWith({ signatureType: '' }), ['privateKey'])).toEqual({});
  });
});
