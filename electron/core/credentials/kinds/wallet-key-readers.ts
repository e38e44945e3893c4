/** Reading what was typed for a wallet key: the key libraries (viem, @noble), loaded only when a wallet key is read. */
import type { WalletProviderId } from '../../../shared/wallet-providers';
import { readEvmWallet } from '../../wallets/evm-wallet-key';
import { readSolanaWallet } from '../../wallets/solana-wallet-key';
import { readChainId, readRpcUrl, readSolanaCluster, readTokenContracts, readTokenMints } from '../../wallets/wallet-network';
import type { CredentialFieldName } from '../credential-schema';
import type { SecretValues } from './credential-kind';

type Values = Partial<Record<CredentialFieldName, string>>;

/** Optional settings: read when given, left out when empty. */
function setting(raw: Readonly<Record<string, string | undefined>>, field: CredentialFieldName, read: (text: string) => string): Values {
  const text = raw[field];
  return text === undefined || text.trim() === '' ? {} : { [field]: read(text) };
}

export const walletReaders: Readonly<Record<Exclude<WalletProviderId, 'polymarket'>, (raw: Readonly<Record<string, string | undefined>>) => SecretValues>> = {
  'evm-wallet': (raw) => ({
    ...readEvmWallet({ privateKey: raw.privateKey, mnemonic: raw.mnemonic, derivationPath: raw.derivationPath, walletAddress: raw.walletAddress }).values,
    ...setting(raw, 'chainId', readChainId),
    ...setting(raw, 'rpcUrl', readRpcUrl),
    ...setting(raw, 'tokenContracts', readTokenContracts),
  }),
  'solana-wallet': (raw) => ({
    ...readSolanaWallet({ privateKey: raw.privateKey, walletAddress: raw.walletAddress }).values,
    ...setting(raw, 'cluster', readSolanaCluster),
    ...setting(raw, 'rpcUrl', readRpcUrl),
    ...setting(raw, 'tokenMints', readTokenMints),
  }),
};

