/**
 * Which page of the unlocked app is open, and for the key page, which key. Pages are listed in
 * app/navigation.ts; a new page adds its view here and its entry there.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';

export type View = 'accounts' | 'add-key' | 'key' | 'trade' | 'limits' | 'webhook' | 'audit' | 'settings';

export interface NavigationState {
  readonly view: View;
  /** The credential the key page shows (set by openKey). */
  readonly keyId: string | null;
  go(view: View): void;
  openKey(id: string): void;
}

export type NavigationStore = StoreApi<NavigationState>;

export function createNavigationStore(): NavigationStore {
  return createStore<NavigationState>()((set) => ({
    view: 'accounts',
    keyId: null,
    go: (view) => set({ view }),
    openKey: (id) => set({ view: 'key', keyId: id }),
  }));
}
