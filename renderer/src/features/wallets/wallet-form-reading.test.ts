/** Reading the wallet forms: only the chosen form of key is sent, empty settings are left out, refusals land on their field. */
import { describe, expect, it } from 'vitest';
import { readWalletKeyFields, readWalletNetworkFields, readWalletSettingsChanges, walletErrorField } from './wallet-form-reading';
import { walletFieldLabel } from './wallet-presentation';

function form(values: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(values)) data.set(name, value);
  return data;
}

describe('readWalletKeyFields', () => {
  it('sends the private key alone when the private key form is chosen (no derivation path with it)', () => {
    const read = readWalletKeyFields('evm-wallet', form({ keyForm: 'privateKey', privateKey: ' 0xabc ', walletAddress: ' 0xF39F ', derivationPath: "m/44'/60'/0'/0/0" }));
    expect(read).toEqual({ fields: { privateKey: ' 0xabc ', walletAddress: '0xF39F' }, problems: {} });
  });

  it('sends the recovery phrase and its path when the phrase form is chosen', () => {
    const read = readWalletKeyFields('evm-wallet', form({ keyForm: 'mnemonic', mnemonic: 'test test junk', derivationPath: "m/44'/60'/0'/0/1", privateKey: '' }));
    expect(read.fields).toEqual({ mnemonic: 'test test junk', derivationPath: "m/44'/60'/0'/0/1" });
  });

  it('says which key is missing', () => {
    expect(readWalletKeyFields('evm-wallet', form({ keyForm: 'mnemonic', mnemonic: '  ' })).problems).toHaveProperty('mnemonic');
    expect(readWalletKeyFields('solana-wallet', form({ privateKey: '' })).problems['privateKey']).toMatch(/solana-keygen/);
  });
});

describe('readWalletNetworkFields', () => {
  it('takes a well-known chain from the select, a custom one from its box, and leaves empty settings out', () => {
    expect(readWalletNetworkFields('evm-wallet', form({ chainChoice: '137', rpcUrl: '', tokenContracts: '0x1, 0x2' })).fields).toEqual({ chainId: '137', tokenContracts: '0x1, 0x2' });
    expect(readWalletNetworkFields('evm-wallet', form({ chainChoice: 'custom', customChainId: ' 31337 ' })).fields).toEqual({ chainId: '31337' });
    expect(readWalletNetworkFields('evm-wallet', form({ chainChoice: 'custom', customChainId: '' })).problems).toHaveProperty('chainId');
    expect(readWalletNetworkFields('evm-wallet', form({ chainChoice: '' })).fields).toEqual({});
  });

  it('reads a Solana wallet’s cluster and mints', () => {
    expect(readWalletNetworkFields('solana-wallet', form({ cluster: 'devnet', rpcUrl: 'http://127.0.0.1:8899', tokenMints: 'EPj' })).fields).toEqual({ cluster: 'devnet', rpcUrl: 'http://127.0.0.1:8899', tokenMints: 'EPj' });
  });
});

describe('walletErrorField', () => {
  it('puts an address mismatch under the typed address and a named field under that field', () => {
    expect(walletErrorField({ code: 'ADDRESS_MISMATCH', message: 'm', details: { typed: '0x1', derived: '0x2' } })).toBe('walletAddress');
    expect(walletErrorField({ code: 'MALFORMED_FIELD', message: 'm', details: { field: 'rpcUrl' } })).toBe('rpcUrl');
    expect(walletErrorField({ code: 'INTERNAL', message: 'm' })).toBe(null);
  });
});

describe('walletFieldLabel', () => {
  it('marks optional fields, but not the EVM key whose alternative is the phrase', () => {
    expect(walletFieldLabel('evm-wallet', 'privateKey')).toBe('Private key');
    expect(walletFieldLabel('evm-wallet', 'rpcUrl')).toBe('RPC URL (optional)');
    expect(walletFieldLabel('solana-wallet', 'privateKey')).toBe('Secret key');
  });
});

describe('readWalletSettingsChanges', () => {
  it('sends only what changed: a kept network and empty fields are left out, a removal is an empty text', () => {
    const current = ['privateKey', 'chainId', 'rpcUrl', 'tokenContracts'] as const;
    expect(readWalletSettingsChanges('evm-wallet', form({ chainChoice: 'keep', rpcUrl: '', tokenContracts: '' }), current).fields).toEqual({});
    expect(readWalletSettingsChanges('evm-wallet', form({ chainChoice: 'keep', rpcUrl: ' http://node ', tokenContracts: '' }), current).fields).toEqual({ rpcUrl: 'http://node' });
    expect(readWalletSettingsChanges('evm-wallet', form({ chainChoice: '', rpcUrlRemove: 'yes', tokenContractsRemove: 'yes' }), current).fields).toEqual({ chainId: '', rpcUrl: '', tokenContracts: '' });
    expect(readWalletSettingsChanges('evm-wallet', form({ chainChoice: 'custom', customChainId: '' }), current).problems).toHaveProperty('chainId');
    // "Not set" on a wallet without a chain, or a removal of what is not there, changes nothing.
    expect(readWalletSettingsChanges('evm-wallet', form({ chainChoice: '', rpcUrlRemove: 'yes' }), ['privateKey']).fields).toEqual({});
  });

  it('reads a Solana wallet\'s cluster and mints', () => {
    expect(readWalletSettingsChanges('solana-wallet', form({ cluster: 'devnet', tokenMints: 'EPj' }), ['privateKey', 'cluster']).fields).toEqual({ cluster: 'devnet', tokenMints: 'EPj' });
    expect(readWalletSettingsChanges('solana-wallet', form({ cluster: 'keep' }), ['privateKey', 'cluster']).fields).toEqual({});
  });
});
