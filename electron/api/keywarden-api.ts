/**
 * The shape of `window.keywarden`: one method per contract channel (named exactly like the channel)
 * plus `subscribe`. The preload builds it from the contract, the e2e bridge builds the same object
 * over Playwright bindings, and the renderer only ever sees this type. Methods never throw for a
 * refused operation: they resolve to a ContractResult envelope with a typed error.
 */
import type { ChannelInput, ChannelName, ChannelOutput, ContractEventName, ContractEventPayload, ContractResult } from './contract';

export type KeywardenChannelMethods = {
  readonly [K in ChannelName]: (input: ChannelInput<K>) => Promise<ContractResult<ChannelOutput<K>>>;
};

export interface KeywardenApi extends KeywardenChannelMethods {
  /** Calls `callback` for each event of this kind; returns the function that stops it. */
  subscribe<E extends ContractEventName>(event: E, callback: (payload: ContractEventPayload<E>) => void): () => void;
}
