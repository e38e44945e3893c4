/** The exchanges Keywarden can hold keys for (from ccxt, via the core). Loaded once; nothing secret. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { callChannel } from '../api/call-channel';
import type { ContractError, ExchangeInfo, KeywardenApi } from '../api/contract-types';

export interface ExchangesState {
  /** Binance and Bybit first, then by name: the order the core sends. Null until loaded. */
  readonly list: readonly ExchangeInfo[] | null;
  readonly loadError: ContractError | null;
  load(): Promise<void>;
}

export type ExchangesStore = StoreApi<ExchangesState>;

/** The exchange's display name; the id itself until the catalogue has loaded. */
export function selectExchangeName(id: string) {
  return (state: ExchangesState): string => state.list?.find((exchange) => exchange.id === id)?.name ?? id;
}

export function createExchangesStore(api: KeywardenApi): ExchangesStore {
  let inFlight: Promise<void> | undefined;
  return createStore<ExchangesState>()((set, get) => ({
    list: null,
    loadError: null,
    load() {
      if (get().list !== null) return Promise.resolve();
      inFlight ??= callChannel(api, 'exchanges.list', {}).then((result) => {
        inFlight = undefined;
        if (result.ok) set({ list: result.value, loadError: null });
        else set({ loadError: result.error });
      });
      return inFlight;
    },
  }));
}
