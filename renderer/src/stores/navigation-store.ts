/**
 * Which page of the unlocked app is open, and for the key page, which key. Pages are listed in
 * app/navigation.ts; a new page adds its view here and its entry there.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CredentialKind } from '../api/contract-types';

/** `key` and `ai-key` are the same page: an AI key's is reached from "AI keys" and leads back there. */
export type View = 'accounts' | 'add-key' | 'key' | 'ai-keys' | 'add-ai-key' | 'ai-key' | 'wallets' | 'add-wallet' | 'wallet' | 'trade' | 'polymarket' | 'add-polymarket' | 'polymarket-account' | 'limits' | 'webhook' | 'audit' | 'settings';

export interface NavigationState {
  readonly view: View;
  /** The credential the key page shows (set by openKey). */
  readonly keyId: string | null;
  go(view: View): void;
  /** Opens a key's page, under "Accounts" for an exchange key and under "AI keys" for an AI key. */
  openKey(id: string, kind?: CredentialKind): void;
}

export type NavigationStore = StoreApi<NavigationState>;

/** The list page a key of this kind belongs to. */
export function keyListView(kind: CredentialKind): View {
  if (kind === 'polymarket') return 'polymarket';
  if (kind === 'wallet') return 'wallets';
  return kind === 'ai' ? 'ai-keys' : 'accounts';
}

export function createNavigationStore(): NavigationStore {
  return createStore<NavigationState>()((set) => ({
    view: 'accounts',
    keyId: null,
    go: (view) => set({ view }),
    openKey: (id, kind = 'exchange') => set({ view: kind === 'polymarket' ? 'polymarket-account' : kind === 'wallet' ? 'wallet' : kind === 'ai' ? 'ai-key' : 'key', keyId: id }),
  }));
}
