/**
 * Stored credentials, masked (the contract never returns a secret). The list is dropped when the
 * vault locks, and refreshed whenever the core says a credential changed (here, in the tray or in
 * the CLI). The secret fields of a new key pass through `create` as an argument and are not kept.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { callChannel } from '../api/call-channel';
import type { ActionResult, ChannelInput, ChannelOutput, ContractError, CredentialInfo, KeywardenApi } from '../api/contract-types';

export interface CredentialsState {
  readonly items: readonly CredentialInfo[];
  /** True once a list has arrived since the last unlock. */
  readonly loaded: boolean;
  readonly loadError: ContractError | null;
  refresh(): Promise<void>;
  create(input: ChannelInput<'credentials.create'>): Promise<ActionResult<CredentialInfo>>;
  update(input: ChannelInput<'credentials.update'>): Promise<ActionResult<CredentialInfo>>;
  remove(id: string): Promise<ActionResult<ChannelOutput<'credentials.delete'>>>;
}

export type CredentialsStore = StoreApi<CredentialsState>;

export function selectCredentialById(id: string | null) {
  return (state: CredentialsState): CredentialInfo | undefined => (id === null ? undefined : state.items.find((item) => item.id === id));
}

export function createCredentialsStore(api: KeywardenApi): CredentialsStore {
  // Bumped on every lock, so a list that was in flight when the vault locked is not shown afterwards.
  let session = 0;
  let active = false;

  const store = createStore<CredentialsState>()((set, get) => ({
    items: [],
    loaded: false,
    loadError: null,
    async refresh() {
      active = true;
      const started = session;
      const result = await callChannel(api, 'credentials.list', {});
      if (started !== session) return;
      if (result.ok) set({ items: result.value, loaded: true, loadError: null });
      else set({ loadError: result.error });
    },
    async create(input) {
      const result = await callChannel(api, 'credentials.create', input);
      if (result.ok) await get().refresh();
      return result;
    },
    async update(input) {
      const result = await callChannel(api, 'credentials.update', input);
      if (result.ok) await get().refresh();
      return result;
    },
    async remove(id) {
      const result = await callChannel(api, 'credentials.delete', { ref: id });
      if (result.ok) await get().refresh();
      return result;
    },
  }));

  api.subscribe('credentials.changed', () => {
    if (active) void store.getState().refresh();
  });
  api.subscribe('vault.locked', () => {
    session += 1;
    active = false;
    store.setState({ items: [], loaded: false, loadError: null });
  });
  return store;
}
