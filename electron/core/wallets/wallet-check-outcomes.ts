/**
 * The words of a wallet check, shared by the EVM and Solana checks: what a failed call means for the
 * person, naming the RPC node by its host only (its URL often carries an API key).
 */
import type { JsonRpcAnswer } from './json-rpc';
import type { WalletCheckResult, WalletNetwork } from './wallet-check-schema';

export type FailedAnswer = Exclude<JsonRpcAnswer, { kind: 'result' }>;

/** The check's result for a call that did not answer with a result. */
export function failedCheck(host: string, answer: FailedAnswer): WalletCheckResult {
  if (answer.kind === 'rpc-error') {
    return {
      outcome: 'rpc-error',
      code: answer.code,
      message: `The RPC node at ${host} answered with an error (code ${answer.code}), so the wallet's balances are unknown. Check the RPC URL and your plan with the RPC provider, then check again.`,
    };
  }
  const what = answer.reason === 'redirected elsewhere' ? 'it sent the request elsewhere (a redirect), which Keywarden does not follow' : answer.reason;
  return {
    outcome: 'unavailable',
    reason: answer.reason,
    message: `The RPC node at ${host} could not be used (${what}). Nothing about the wallet is known from this; check the RPC URL or try again later.`,
  };
}

/** An answer that is not what the method returns: the node is not one this check can read. */
export function unreadableCheck(host: string, what: string): WalletCheckResult {
  return failedCheck(host, { kind: 'unavailable', reason: `answered ${what} in a form Keywarden cannot read exactly` });
}

export function wrongChainCheck(expected: WalletNetwork, actual: WalletNetwork): WalletCheckResult {
  return {
    outcome: 'wrong-chain',
    expected,
    actual,
    message: `This RPC URL serves ${actual.name}, but the wallet is set to ${expected.name}. Use an RPC URL of ${expected.name}, or change the wallet's network.`,
  };
}
