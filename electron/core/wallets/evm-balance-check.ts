/**
 * An EVM wallet's verification (issue 18): ask its RPC node which chain it serves, then the native
 * balance and each token's ERC-20 balanceOf, decimals and symbol. Only the address is sent, never
 * a key. Amounts stay exact: hex quantities and ABI words are read as bigint and formatted by viem.
 */
import { decodeFunctionResult, encodeFunctionData, erc20Abi, formatUnits, type Address, type Hex } from 'viem';
import { KeywardenError } from '../errors';
import { readEvmAddress } from './evm-address';
import { callJsonRpc, type JsonRpcAnswer, type JsonRpcTarget } from './json-rpc';
import { evmChainLabel, evmChainOf, UNKNOWN_NATIVE_SYMBOL } from './known-networks';
import { walletBalancesSummary } from './wallet-balances-summary';
import type { TokenBalance, WalletCheckResult, EvmNetwork } from './wallet-check-schema';
import { failedCheck, unreadableCheck, wrongChainCheck, type FailedAnswer } from './wallet-check-outcomes';
import { rpcHostOf } from './wallet-network';

export interface EvmWalletCheckOptions extends JsonRpcTarget {
  readonly address: string;
  /** The chain the wallet is set to (decimal, as stored); when absent, whatever the node serves is accepted. */
  readonly chainId?: number | string;
  /** ERC-20 contracts to report, as stored. */
  readonly tokens: readonly string[];
}

/** A call that failed in a way that ends the whole check (the node, not the token, is at fault). */
class CheckStopped {
  constructor(readonly answer: FailedAnswer) {}
}

export async function checkEvmWallet(options: EvmWalletCheckOptions): Promise<WalletCheckResult> {
  const address = addressOrThrow(options.address, 'address');
  const tokens = options.tokens.map((token) => addressOrThrow(token, 'tokenContracts'));
  const expectedChain = options.chainId === undefined ? undefined : Number(options.chainId);
  if (expectedChain !== undefined && (!Number.isSafeInteger(expectedChain) || expectedChain <= 0)) {
    throw new KeywardenError('INVALID_INPUT', 'The chain id to check against must be a positive whole number.', { field: 'chainId' });
  }
  const host = rpcHostOf(options.rpcUrl);
  try {
    const chainAnswer = resultOf(await callJsonRpc(options, 'eth_chainId', []));
    const served = readQuantity(chainAnswer);
    if (served === undefined || served <= 0n || served > 2n ** 53n) return unreadableCheck(host, 'its chain id');
    const actual = evmNetwork(Number(served));
    if (expectedChain !== undefined && expectedChain !== actual.chainId) {
      return wrongChainCheck(evmNetwork(expectedChain), actual);
    }
    const wei = readQuantity(resultOf(await callJsonRpc(options, 'eth_getBalance', [address, 'latest'])));
    if (wei === undefined) return unreadableCheck(host, 'the balance');

    const balances: TokenBalance[] = [];
    for (const token of tokens) balances.push(await tokenBalance(options, address, token));

    const result: WalletCheckResult = {
      outcome: 'ok',
      network: actual,
      native: { symbol: evmChainOf(actual.chainId)?.nativeSymbol ?? UNKNOWN_NATIVE_SYMBOL, amount: formatUnits(wei, 18), baseUnits: wei.toString() },
      tokens: balances,
      message: '',
    };
    const notTokens = balances.filter((entry) => entry.problem === 'not-a-token').length;
    const warning = notTokens === 0 ? '' : ` ${notTokens === 1 ? 'One token contract does' : `${notTokens} token contracts do`} not answer like an ERC-20 token on ${actual.name}: check the address.`;
    return { ...result, message: `The wallet ${shortAddress(address)} on ${actual.name} holds ${walletBalancesSummary(result)}.${warning}` };
  } catch (error) {
    if (error instanceof CheckStopped) return failedCheck(host, error.answer);
    throw error;
  }
}

async function tokenBalance(target: JsonRpcTarget, owner: Address, token: Address): Promise<TokenBalance> {
  const notAToken: TokenBalance = { token, symbol: null, amount: null, baseUnits: null, problem: 'not-a-token' };
  const [balance, decimals, symbol] = await Promise.all([
    readTokenCall(target, token, 'balanceOf', [owner]),
    readTokenCall(target, token, 'decimals', []),
    readTokenCall(target, token, 'symbol', []),
  ]);
  if (typeof balance !== 'bigint' || typeof decimals !== 'number' || !Number.isInteger(decimals) || decimals < 0 || decimals > 255) return notAToken;
  return { token, symbol: readableSymbol(symbol), amount: formatUnits(balance, decimals), baseUnits: balance.toString(), problem: null };
}

/** One ERC-20 read; undefined when the contract does not answer like a token (no code, a revert, a bad word). */
async function readTokenCall(target: JsonRpcTarget, token: Address, functionName: 'balanceOf' | 'decimals' | 'symbol', args: readonly [Address] | readonly []): Promise<unknown> {
  const data = encodeFunctionData({ abi: erc20Abi, functionName, args } as Parameters<typeof encodeFunctionData<typeof erc20Abi>>[0]);
  const answer = await callJsonRpc(target, 'eth_call', [{ to: token, data }, 'latest']);
  if (answer.kind === 'rpc-error' && isRevert(answer)) return undefined;
  const result = resultOf(answer);
  if (typeof result !== 'string' || !/^0x([0-9a-fA-F]{2})*$/.test(result)) return undefined;
  try {
    // An address without code answers "0x": viem refuses to decode it, which is what marks it not a token.
    return decodeFunctionResult({ abi: erc20Abi, functionName, data: result as Hex });
  } catch {
    return undefined;
  }
}

/** geth and its kin answer a reverted eth_call with code 3 (with revert data) or -32000 "execution reverted". */
function isRevert(answer: { code: number; nodeMessage: string }): boolean {
  return answer.code === 3 || (answer.code === -32000 && /revert/i.test(answer.nodeMessage));
}

function resultOf(answer: JsonRpcAnswer): unknown {
  if (answer.kind !== 'result') throw new CheckStopped(answer);
  return answer.result;
}

/** A JSON-RPC hex quantity ("0x1b4") as a bigint; undefined for anything else. */
function readQuantity(value: unknown): bigint | undefined {
  return typeof value === 'string' && /^0x[0-9a-fA-F]{1,64}$/.test(value) ? BigInt(value) : undefined;
}

/** A symbol fit to show: short printable text. A token's own contract decides it, so anything odd is dropped. */
function readableSymbol(symbol: unknown): string | null {
  return typeof symbol === 'string' && /^[\x21-\x7e]{1,16}$/.test(symbol) ? symbol : null;
}

function evmNetwork(chainId: number): EvmNetwork {
  return { chainId, name: evmChainLabel(chainId) };
}

function addressOrThrow(text: string, field: string): Address {
  const reading = readEvmAddress(text);
  if (!reading.ok) throw new KeywardenError('INVALID_INPUT', `An address to check ${reading.problem}.`, { field });
  return reading.address;
}

function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}
