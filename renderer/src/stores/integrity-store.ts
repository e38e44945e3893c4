/**
 * The integrity alarms: rows that decide whether money moves and were changed outside Keywarden
 * (issue 14). Loaded when the shell mounts (each unlock) and again whenever the core raises one.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { callChannel } from '../api/call-channel';
import type { ChannelOutput, KeywardenApi } from '../api/contract-types';

export type IntegrityAlarm = ChannelOutput<'integrity.status'>['alarms'][number];

export interface IntegrityState {
  readonly alarms: readonly IntegrityAlarm[];
  load(): Promise<void>;
  /** Keeps a changed row as it is now (the person reviewed it); the error message when refused. */
  acknowledge(alarm: IntegrityAlarm): Promise<string | null>;
}

export type IntegrityStore = StoreApi<IntegrityState>;

export function createIntegrityStore(api: KeywardenApi): IntegrityStore {
  // Bumped on lock, so an answer that arrives after the vault locked is dropped.
  let session = 0;
  const store = createStore<IntegrityState>()((set) => ({
    alarms: [],
    async load() {
      const mine = session;
      const result = await callChannel(api, 'integrity.status', {});
      if (mine === session && result.ok) set({ alarms: result.value.alarms });
    },
    async acknowledge(alarm) {
      const mine = session;
      const result = await callChannel(api, 'integrity.acknowledge', { table: alarm.table, key: alarm.key });
      if (!result.ok) return result.error.message;
      if (mine === session) set({ alarms: result.value.alarms });
      return null;
    },
  }));
  api.subscribe('integrity.alarm', (alarm) => {
    store.setState((state) => ({ alarms: state.alarms.some((a) => a.table === alarm.table && a.key === alarm.key) ? state.alarms : [...state.alarms, alarm as IntegrityAlarm] }));
  });
  // A row in alarm was saved again or acknowledged: ask which still stand.
  api.subscribe('integrity.cleared', () => {
    void store.getState().load();
  });
  api.subscribe('vault.locked', () => {
    session += 1;
    store.setState({ alarms: [] });
  });
  return store;
}
