/**
 * The risk gate's limits, global and per account, with what has been used of them today. Usage
 * moves with every order, so the overview is reloaded (at most a few times a second) when an order
 * changes or a key is added or removed, as long as a page is showing it.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { callChannel } from '../api/call-channel';
import type { ActionResult, ChannelInput, ContractError, KeywardenApi, LimitsOverview } from '../api/contract-types';

const RELOAD_DELAY_MS = 250;

export interface LimitsState {
  readonly overview: LimitsOverview | null;
  readonly loadError: ContractError | null;
  load(): Promise<void>;
  save(changes: ChannelInput<'limits.set'>): Promise<ActionResult<LimitsOverview>>;
}

export type LimitsStore = StoreApi<LimitsState>;

export function createLimitsStore(api: KeywardenApi): LimitsStore {
  let session = 0;
  let wanted = false;
  let reloadTimer: ReturnType<typeof setTimeout> | undefined;

  const store = createStore<LimitsState>()((set) => ({
    overview: null,
    loadError: null,
    async load() {
      wanted = true;
      const started = session;
      const result = await callChannel(api, 'limits.get', {});
      if (started !== session) return;
      if (result.ok) set({ overview: result.value, loadError: null });
      else set({ loadError: result.error });
    },
    async save(changes) {
      const started = session;
      const result = await callChannel(api, 'limits.set', changes);
      if (result.ok && started === session) set({ overview: result.value, loadError: null });
      return result;
    },
  }));

  const reloadSoon = (): void => {
    if (!wanted || reloadTimer !== undefined) return;
    reloadTimer = setTimeout(() => {
      reloadTimer = undefined;
      void store.getState().load();
    }, RELOAD_DELAY_MS);
  };
  api.subscribe('order.updated', reloadSoon);
  api.subscribe('credentials.changed', reloadSoon);
  api.subscribe('vault.locked', () => {
    session += 1;
    wanted = false;
    clearTimeout(reloadTimer);
    reloadTimer = undefined;
    store.setState({ overview: null, loadError: null });
  });
  return store;
}
