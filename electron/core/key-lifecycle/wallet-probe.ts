/**
 * A wallet's verification (issue 18): the stored key is read again and must still be the stored
 * address's; then, when the wallet has an RPC URL, its balances are read from that node (only the
 * address is sent). Without an RPC URL the key is valid but nothing is known of its funds, and the
 * message says so. The same check answers "what does this wallet hold" for the wallet page and for
 * a rotation's reminder to move the funds.
 */
import { KeywardenError } from '../errors';
import { unreachableMessage } from '../exchanges/exchange-unreachable';
import { readEvmWallet } from '../wallets/evm-wallet-key';
import { checkEvmWallet } from '../wallets/evm-balance-check';
import type { SolanaCluster } from '../wallets/known-networks';
import { checkSolanaWallet } from '../wallets/solana-balance-check';
import { readSolanaWallet } from '../wallets/solana-wallet-key';
import { rpcHostOf } from '../wallets/wallet-network';
import type { ProbeResult } from './key-verifier';
import type { StoredWalletCheck } from './wallet-check-schema';


export interface WalletCheckSettings {
  /** A test's fake node, or a proxy, in place of the wallet's own RPC URL (KEYWARDEN_SERVICE_URLS). */
  readonly rpcUrlOverride: string | undefined;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

const list = (text: string | undefined): string[] => (text === undefined || text === '' ? [] : text.split(','));

export async function checkStoredWallet(provider: string, secrets: Readonly<Record<string, string>>, settings: WalletCheckSettings): Promise<StoredWalletCheck> {
  const address = derivedAddress(provider, secrets);
  if (address !== secrets.walletAddress) {
    return { outcome: 'key-mismatch', message: 'The stored key no longer gives the stored address: the record was damaged or changed. Restore the wallet from a backup or add it again.' };
  }
  const rpcUrl = settings.rpcUrlOverride ?? secrets.rpcUrl;
  if (rpcUrl === undefined) {
    return { outcome: 'no-rpc', message: `The key is a valid key of the wallet ${address}. No RPC URL is set for it, so its balances were not read: add one (the wallet's settings) to see them.` };
  }
  const target = { rpcUrl, timeoutMs: settings.timeoutMs, ...(settings.signal ? { signal: settings.signal } : {}) };
  return provider === 'solana-wallet'
    ? checkSolanaWallet({ ...target, address, ...(secrets.cluster ? { cluster: secrets.cluster as SolanaCluster } : {}), tokenMints: list(secrets.tokenMints) })
    : checkEvmWallet({ ...target, address, ...(secrets.chainId ? { chainId: secrets.chainId } : {}), tokens: list(secrets.tokenContracts) });
}

/** The check as a verification probe, the same shape an exchange key's signed calls give. */
export async function probeWallet(request: { readonly provider: string; readonly secrets: Readonly<Record<string, string>> }, whenUnreachable: string, settings: WalletCheckSettings): Promise<ProbeResult> {
  const started = performance.now();
  const result = await checkStoredWallet(request.provider, request.secrets, settings);
  const base = { action: null, permissions: null, exchangeCode: null, latencyMs: Math.round(performance.now() - started), unreachable: null } as const;
  switch (result.outcome) {
    case 'ok':
    case 'no-rpc':
      return { ...base, outcome: 'ok', message: result.message };
    case 'key-mismatch':
      return { ...base, outcome: 'invalid-key', message: result.message };
    case 'wrong-chain':
      return { ...base, outcome: 'wrong-network', message: result.message, action: 'Change the RPC URL or the chain in the wallet\'s settings (keywarden wallet-settings, or Settings on its page).' };
    case 'rpc-error':
    case 'unavailable': {
      const host = rpcHostOf(settings.rpcUrlOverride ?? request.secrets.rpcUrl ?? '');
      const message = unreachableMessage(`The RPC node at ${host}`, result.outcome === 'unavailable' ? result.reason : `answered error ${result.code}`, whenUnreachable);
      return { ...base, outcome: 'provider-unavailable', message, unreachable: new KeywardenError('SERVICE_UNREACHABLE', message, { provider: request.provider }) };
    }
  }
}

function derivedAddress(provider: string, secrets: Readonly<Record<string, string>>): string {
  return provider === 'solana-wallet'
    ? readSolanaWallet({ privateKey: secrets.privateKey }).address
    : readEvmWallet({ privateKey: secrets.privateKey, mnemonic: secrets.mnemonic, derivationPath: secrets.derivationPath }).address;
}
