/** Which page of the unlocked app is open. Later pages (risk limits, orders, webhooks) add a view here. */
import { createStore, type StoreApi } from 'zustand/vanilla';

export type View = 'accounts' | 'add-key' | 'audit' | 'settings';

export interface NavigationState {
  readonly view: View;
  go(view: View): void;
}

export type NavigationStore = StoreApi<NavigationState>;

export function createNavigationStore(): NavigationStore {
  return createStore<NavigationState>()((set) => ({
    view: 'accounts',
    go: (view) => set({ view }),
  }));
}
