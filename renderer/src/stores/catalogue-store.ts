/**
 * A list the core sends once and that does not change while the app runs: the exchanges and the AI
 * providers Keywarden can hold keys for. Loaded on first use, whether the vault is locked or not;
 * nothing in it is secret.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { callChannel } from '../api/call-channel';
import type { ChannelInput, ChannelOutput, ContractError, KeywardenApi } from '../api/contract-types';

/** The channels that answer with such a list. */
export type CatalogueChannel = 'exchanges.list' | 'aiProviders.list';

export interface CatalogueState<T> {
  /** In the order the core sends. Null until loaded. */
  readonly list: readonly T[] | null;
  readonly loadError: ContractError | null;
  load(): Promise<void>;
}

export function createCatalogueStore<K extends CatalogueChannel>(api: KeywardenApi, channel: K): StoreApi<CatalogueState<ChannelOutput<K>[number]>> {
  let inFlight: Promise<void> | undefined;
  return createStore<CatalogueState<ChannelOutput<K>[number]>>()((set, get) => ({
    list: null,
    loadError: null,
    load() {
      if (get().list !== null) return Promise.resolve();
      inFlight ??= callChannel(api, channel, {} as ChannelInput<K>).then((result) => {
        inFlight = undefined;
        if (result.ok) set({ list: result.value, loadError: null });
        else set({ loadError: result.error });
      });
      return inFlight;
    },
  }));
}
