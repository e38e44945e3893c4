/** Fake EVM and Solana RPC nodes for the wallet checks' tests (issue 18). */
export { startFakeEvmRpc, type FakeEvmRpcOptions, type FakeEvmToken } from './fake-evm-rpc';
export { startFakeSolanaRpc, type FakeSolanaRpcOptions, type FakeSolanaTokenAccount } from './fake-solana-rpc';
export { FAKE_RPC_PATH_SECRET, type FakeRpcFault, type FakeRpcServer, type RecordedRpcRequest } from './fake-json-rpc-server';
