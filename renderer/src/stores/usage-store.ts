/**
 * How the keys were used over a period (issue 17, usage.report): uses by what used them and how
 * many failed, AI tokens and cost, and the keys nobody used for a while. Counts and names only.
 * Asked for when a page shows it, asked again when a key changes (a check is a use) while a report
 * is on screen, and dropped when the vault locks.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { callChannel } from '../api/call-channel';
import { coalescedTask } from './coalesced-task';
import type { ContractError, KeywardenApi, UsageReport } from '../api/contract-types';

/** The periods offered, in days; the same number says when a key counts as unused. */
export const usagePeriods = [7, 30, 90] as const;
export const DEFAULT_USAGE_DAYS = 30;

export interface UsageState {
  readonly days: number;
  readonly report: UsageReport | null;
  readonly loading: boolean;
  readonly error: ContractError | null;
  /** Loads the report for `days` (the period shown so far when left out). */
  load(days?: number): Promise<void>;
}

export type UsageStore = StoreApi<UsageState>;

const emptySession = { days: DEFAULT_USAGE_DAYS, report: null, loading: false, error: null } as const satisfies Partial<UsageState>;

export function createUsageStore(api: KeywardenApi): UsageStore {
  // Bumped on every lock and every new request: only the latest answer of this session is shown.
  let generation = 0;

  const store = createStore<UsageState>()((set, get) => ({
    ...emptySession,
    async load(days = get().days) {
      const mine = ++generation;
      set({ days, loading: true });
      const result = await callChannel(api, 'usage.report', { days, unusedDays: days });
      if (mine !== generation) return;
      set(result.ok ? { report: result.value, error: null, loading: false } : { error: result.error, loading: false });
    },
  }));

  // Many keys change at once during "Verify all": the changes are folded into one reload at a time.
  const reloadSoon = coalescedTask(() => store.getState().load(), () => store.getState().report !== null);

  api.subscribe('credentials.changed', () => {
    if (store.getState().report !== null) reloadSoon.request();
  });
  api.subscribe('vault.locked', () => {
    generation += 1;
    reloadSoon.cancel();
    store.setState({ ...emptySession });
  });
  return store;
}
