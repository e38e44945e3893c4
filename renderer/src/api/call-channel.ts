/**
 * Calls one channel of window.keywarden. The methods resolve to a ContractResult for every refused
 * operation; this also turns a broken transport (a rejected promise) into one, so callers handle a
 * single shape and never see a stack.
 */
import type { ChannelInput, ChannelName, ChannelOutput, ContractResult, KeywardenApi } from './contract-types';

const transportFailure = {
  code: 'INTERNAL',
  message: 'Keywarden did not answer. Nothing was changed; restart the app if this keeps happening.',
} as const;

export async function callChannel<K extends ChannelName>(api: KeywardenApi, name: K, input: ChannelInput<K>): Promise<ContractResult<ChannelOutput<K>>> {
  // TypeScript cannot correlate api[K] with ChannelInput<K> for a generic K; the mapped type guarantees it.
  const method = api[name] as unknown as (input: ChannelInput<K>) => Promise<ContractResult<ChannelOutput<K>>>;
  try {
    return await method(input);
  } catch {
    return { ok: false, error: { ...transportFailure } };
  }
}
