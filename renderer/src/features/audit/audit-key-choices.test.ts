import { describe, expect, it } from 'vitest';
import type { CredentialInfo } from '../../api/contract-types';
import { ALL_KEYS, auditKeyChoices } from './audit-key-choices';

function key(over: Partial<CredentialInfo>): CredentialInfo {
  return { id: 'k1', kind: 'exchange', provider: 'binance', label: 'Binance main', environment: 'live', status: 'active', tradingBlock: null, ...over } as CredentialInfo;
}

describe('auditKeyChoices', () => {
  it('offers "All keys" first, then each key with its provider name and its one state word', () => {
    const choices = auditKeyChoices([
      key({}),
      key({ id: 'k2', kind: 'wallet', provider: 'evm-wallet', label: 'Bot wallet', status: 'unverified' }),
      key({ id: 'k3', kind: 'polymarket', provider: 'polymarket', label: 'Poly', status: 'invalid' }),
      key({ id: 'k4', kind: 'ai', provider: 'openai', label: 'OpenAI main' }),
      key({ id: 'k5', label: 'Risky', tradingBlock: 'withdraw-enabled' }),
    ], [{ id: 'binance', name: 'Binance' }]);
    expect(choices[0]).toMatchObject({ id: ALL_KEYS, label: 'All keys' });
    expect(choices.slice(1).map((choice) => choice.meta)).toEqual([
      'Binance · Live · Working',
      'EVM wallet · Live · Not checked yet',
      'Polymarket · Live · Not working',
      'OpenAI · Live · Working',
      // A key whose trading is blocked never reads as working, in the filter too.
      'Binance · Live · Trading blocked',
    ]);
  });

  it('names a provider by its id until the exchanges have loaded', () => {
    expect(auditKeyChoices([key({ provider: 'bybit' })], null)[1]?.meta).toBe('bybit · Live · Working');
  });
});
