/** Which kind a provider's keys are, and what the kind's rules say about them. */
import { describe, expect, it } from 'vitest';
import { isKeywardenError } from '../../errors';
import { credentialKindOf } from './credential-kinds';

describe('credential kinds', () => {
  it('takes the AI providers as AI keys, checked by a call to the provider, and every other provider id as an exchange', () => {
    for (const provider of ['binance', 'bybit', 'kraken', 'hyperliquid']) {
      expect(credentialKindOf(provider)).toMatchObject({ id: 'exchange', verification: 'exchange-signed-calls' });
    }
    for (const provider of ['openai', 'anthropic', 'google', 'openai-compatible', 'azure-openai']) {
      expect(credentialKindOf(provider)).toMatchObject({ id: 'ai', verification: 'ai-provider-call' });
    }
  });

  it('treats an AI key as the secret it is: nothing previewed, only its settings public', async () => {
    const rules = await credentialKindOf('openai').keyRules('openai');
    expect(rules.provider).toMatchObject({ id: 'openai', name: 'OpenAI', fields: ['apiKey', 'organization', 'project'] });
    expect(credentialKindOf('openai').keyIdentity(rules.provider.fields)).toEqual({ fingerprintField: 'apiKey', previewField: undefined, publicFields: ['organization', 'project'] });
  });

  it('gives the fields an exchange signs with, and refuses an exchange ccxt does not know', async () => {
    const rules = await credentialKindOf('binance').keyRules('binance');
    expect(rules.provider).toMatchObject({ id: 'binance', name: 'Binance', fields: ['apiKey', 'secret'] });
    expect(credentialKindOf('binance').keyIdentity(rules.provider.fields)).toEqual({ fingerprintField: 'apiKey', previewField: 'apiKey', publicFields: ['apiKey'] });
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
    expect(await identity('hyperliquid')).toEqual({ fingerprintField: 'privateKey', previewField: 'walletAddress', publicFields: ['walletAddress'] });
    expect(await identity('cryptomus')).toEqual({ fingerprintField: 'secret', previewField: 'uid', publicFields: ['uid'] });
    expect(await identity('aster')).toEqual({ fingerprintField: 'privateKey', previewField: undefined, publicFields: expect.any(Array) });
    expect(await identity('blockchaincom')).toEqual({ fingerprintField: 'secret', previewField: undefined, publicFields: [] });
  });

  it('previews and fingerprints a wallet or a Polymarket account by its derived address, and never previews any kind by a secret', async () => {
    for (const provider of ['evm-wallet', 'solana-wallet', 'polymarket']) {
      const kind = credentialKindOf(provider);
      const fields = (await kind.keyRules(provider)).provider.fields;
      expect(kind.keyIdentity(fields.filter((field) => field !== 'apiKey'))).toMatchObject({ fingerprintField: 'walletAddress', previewField: 'walletAddress' });
      expect(kind.keyIdentity(fields).publicFields).not.toContain('privateKey');
      expect(kind.keyIdentity(fields).publicFields).not.toContain('rpcUrl');
    }
    // Whatever the kind and fields, the preview comes from a field the kind calls public.
    for (const provider of ['binance', 'hyperliquid', 'aster', 'openai', 'azure-openai', 'evm-wallet', 'solana-wallet', 'polymarket']) {
      const kind = credentialKindOf(provider);
      const identity = kind.keyIdentity((await kind.keyRules(provider)).provider.fields);
      if (identity.previewField !== undefined) expect(identity.publicFields, provider).toContain(identity.previewField);
    }
  });
});
