/**
 * A fake EVM node: eth_chainId, eth_getBalance and eth_call of ERC-20 balanceOf / decimals / symbol,
 * answered as geth does — hex quantities, ABI-encoded return data decoded and encoded with viem,
 * "0x" from an address with no code, "execution reverted" (-32000) from a contract that is not a
 * token, -32602 for a malformed address and -32601 for any other method.
 */
import { decodeFunctionData, encodeFunctionResult, erc20Abi, isAddress, numberToHex, type Hex } from 'viem';
import { startFakeJsonRpcServer, type FakeRpcFault, type FakeRpcServer, type RpcMethodAnswer } from './fake-json-rpc-server';

export interface FakeEvmToken {
  readonly symbol: string;
  readonly decimals: number;
  readonly balances: Readonly<Record<string, bigint>>;
}

export interface FakeEvmRpcOptions {
  readonly chainId: number;
  readonly balances: Readonly<Record<string, bigint>>;
  readonly tokens: Readonly<Record<string, FakeEvmToken>>;
  /** Contracts that exist but are not tokens: every call reverts. */
  readonly otherContracts?: readonly string[];
  readonly fault?: FakeRpcFault;
  readonly maxLifetimeMs?: number;
}

const invalidAddress: RpcMethodAnswer = { error: { code: -32602, message: 'invalid argument 0: hex string has length 38, want 40 for common.Address' } };

export function startFakeEvmRpc(options: FakeEvmRpcOptions): Promise<FakeRpcServer> {
  const lower = <T>(record: Readonly<Record<string, T>>): Map<string, T> => new Map(Object.entries(record).map(([address, value]) => [address.toLowerCase(), value]));
  const balances = lower(options.balances);
  const tokens = lower(options.tokens);
  const otherContracts = new Set((options.otherContracts ?? []).map((address) => address.toLowerCase()));

  return startFakeJsonRpcServer(
    {
      eth_chainId: () => ({ result: numberToHex(options.chainId) }),
      eth_getBalance: ([address]) => {
        if (typeof address !== 'string' || !isAddress(address, { strict: false })) return invalidAddress;
        return { result: numberToHex(balances.get(address.toLowerCase()) ?? 0n) };
      },
      eth_call: ([call]) => {
        const { to, data } = (call ?? {}) as { to?: unknown; data?: unknown };
        if (typeof to !== 'string' || !isAddress(to, { strict: false })) return invalidAddress;
        const token = tokens.get(to.toLowerCase());
        if (token === undefined) return otherContracts.has(to.toLowerCase()) ? { error: { code: -32000, message: 'execution reverted' } } : { result: '0x' };
        return tokenCall(token, data);
      },
    },
    { fault: options.fault, maxLifetimeMs: options.maxLifetimeMs },
  );
}

function tokenCall(token: FakeEvmToken, data: unknown): RpcMethodAnswer {
  let decoded: ReturnType<typeof decodeFunctionData<typeof erc20Abi>>;
  try {
    decoded = decodeFunctionData({ abi: erc20Abi, data: data as Hex });
  } catch {
    return { error: { code: -32000, message: 'execution reverted' } };
  }
  switch (decoded.functionName) {
    case 'balanceOf': {
      const [owner] = decoded.args;
      const balance = Object.entries(token.balances).find(([address]) => address.toLowerCase() === owner.toLowerCase())?.[1] ?? 0n;
      return { result: encodeFunctionResult({ abi: erc20Abi, functionName: 'balanceOf', result: balance }) };
    }
    case 'decimals':
      return { result: encodeFunctionResult({ abi: erc20Abi, functionName: 'decimals', result: token.decimals }) };
    case 'symbol':
      return { result: encodeFunctionResult({ abi: erc20Abi, functionName: 'symbol', result: token.symbol }) };
    default:
      return { error: { code: -32000, message: 'execution reverted' } };
  }
}
