/**
 * Whether a lock refuses alerts (issue 19: never a silent refusal), for the lock warning, the sidebar
 * and the lock screen; plus the test alert and the "keep unlocked" choice, whose answers update it.
 * Refreshed on the events after which it can change (lock, unlock, each alert).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { callChannel } from '../../api/call-channel';
import type { ChannelInput, ChannelOutput, ContractResult, KeywardenApi } from '../../api/contract-types';
import { useAppStores } from '../../stores/store-hooks';

export type ListenerWatch = ChannelOutput<'webhook.setup.status'>;
export type TestAlertResult = ChannelOutput<'webhook.setup.testAlert'>;

export interface ListenerWatchState {
  readonly watch: ListenerWatch | null;
  /** Webhook alerts seen since the window opened (the checklist's "first alert"). */
  readonly alertsSeen: number;
  refresh(): Promise<void>;
  sendTestAlert(input: ChannelInput<'webhook.setup.testAlert'>): Promise<ContractResult<TestAlertResult>>;
  setKeepUnlocked(input: ChannelInput<'vault.keepUnlockedWhileListening.set'>): Promise<ContractResult<ListenerWatch>>;
}

export type ListenerWatchStore = StoreApi<ListenerWatchState>;

export function createListenerWatchStore(api: KeywardenApi): ListenerWatchStore {
  const store = createStore<ListenerWatchState>()((set) => ({
    watch: null,
    alertsSeen: 0,
    async refresh() {
      const result = await callChannel(api, 'webhook.setup.status', {});
      if (result.ok) set({ watch: result.value });
    },
    async sendTestAlert(input) {
      const result = await callChannel(api, 'webhook.setup.testAlert', input);
      void store.getState().refresh();
      return result;
    },
    async setKeepUnlocked(input) {
      const result = await callChannel(api, 'vault.keepUnlockedWhileListening.set', input);
      if (result.ok) set({ watch: result.value });
      return result;
    },
  }));
  for (const event of ['vault.locked', 'vault.unlocked'] as const) api.subscribe(event, () => void store.getState().refresh());
  api.subscribe('webhook.alert', () => {
    store.setState((state) => ({ alertsSeen: state.alertsSeen + 1 }));
    void store.getState().refresh();
  });
  return store;
}

export const useListenerWatch = <T>(selector: (state: ListenerWatchState) => T): T => useStore(useAppStores().listenerWatch, selector);
