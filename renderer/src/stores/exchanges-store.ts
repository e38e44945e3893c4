/** The exchanges Keywarden can hold keys for (from ccxt, via the core): Binance and Bybit first, then by name. */
import type { StoreApi } from 'zustand/vanilla';
import type { ExchangeInfo, KeywardenApi } from '../api/contract-types';
import { createCatalogueStore, type CatalogueState } from './catalogue-store';

export type ExchangesState = CatalogueState<ExchangeInfo>;
export type ExchangesStore = StoreApi<ExchangesState>;

/** The exchange's display name; the id itself until the catalogue has loaded. */
export function selectExchangeName(id: string) {
  return (state: ExchangesState): string => state.list?.find((exchange) => exchange.id === id)?.name ?? id;
}

export function createExchangesStore(api: KeywardenApi): ExchangesStore {
  return createCatalogueStore(api, 'exchanges.list');
}
