/**
 * The AI providers Keywarden can hold keys for (issue 17), as the core describes them: each one's
 * fields, what its keys look like and how to create a narrow key. Loaded once; nothing secret.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { AiProviderInfo, KeywardenApi } from '../api/contract-types';
import { createCatalogueStore, type CatalogueState } from './catalogue-store';

export type AiProvidersState = CatalogueState<AiProviderInfo>;
export type AiProvidersStore = StoreApi<AiProvidersState>;

/** The provider's description, or null until the list has loaded (or for an id it does not have). */
export function selectAiProvider(id: string) {
  return (state: AiProvidersState): AiProviderInfo | null => state.list?.find((provider) => provider.id === id) ?? null;
}

export function createAiProvidersStore(api: KeywardenApi): AiProvidersStore {
  return createCatalogueStore(api, 'aiProviders.list');
}
