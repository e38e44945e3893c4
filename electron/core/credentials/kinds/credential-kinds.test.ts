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
    expect(credentialKindOf('binance').keyIdentity(rules.provider.fields)).toEqual({ fingerprintField: 'apiKey', previewField: 'apiKey' });
    let refused: unknown;
    try {
      await credentialKindOf('binanse').keyRules('binanse');
    } catch (error) {
      refused = error;
    }
    expect(isKeywardenError(refused, 'UNKNOWN_PROVIDER')).toBe(true);
    expect((refused as Error).message).toContain('binance');
  });

  it('fingerprints a wallet-signing key by its private key but previews it by its address, and a secrets-only key by nothing', async () => {
    const identity = async (provider: string) => credentialKindOf(provider).keyIdentity((await credentialKindOf(provider).keyRules(provider)).provider.fields);
    expect(await identity('hyperliquid')).toEqual({ fingerprintField: 'privateKey', previewField: 'walletAddress' });
    expect(await identity('cryptomus')).toEqual({ fingerprintField: 'secret', previewField: 'uid' });
    expect(await identity('aster')).toEqual({ fingerprintField: 'privateKey', previewField: undefined });
    expect(await identity('blockchaincom')).toEqual({ fingerprintField: 'secret', previewField: undefined });
  });
});
