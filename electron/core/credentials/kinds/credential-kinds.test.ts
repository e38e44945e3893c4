/** Which kind a provider's keys are, and what the kind's rules say about them. */
import { describe, expect, it } from 'vitest';
import { isKeywardenError } from '../../errors';
import { credentialKindOf } from './credential-kinds';

describe('credential kinds', () => {
  it('takes every provider id as an exchange while exchanges are the only kind, verified by signed calls', () => {
    for (const provider of ['binance', 'bybit', 'kraken', 'hyperliquid']) {
      expect(credentialKindOf(provider)).toMatchObject({ id: 'exchange', verification: 'exchange-signed-calls' });
    }
  });

  it('gives the fields an exchange signs with, and refuses an exchange ccxt does not know', async () => {
    const rules = await credentialKindOf('binance').keyRules('binance');
    expect(rules.provider).toMatchObject({ id: 'binance', name: 'Binance', fields: ['apiKey', 'secret'] });
    expect(rules.identifyingField({ apiKey: 'k', secret: 's' })).toBe('apiKey');
    let refused: unknown;
    try {
      await credentialKindOf('binanse').keyRules('binanse');
    } catch (error) {
      refused = error;
    }
    expect(isKeywardenError(refused, 'UNKNOWN_PROVIDER')).toBe(true);
    expect((refused as Error).message).toContain('binance');
  });
});
