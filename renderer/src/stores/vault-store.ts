/**
 * The vault as the UI sees it: its status (exists? locked? what protects it?), why it was last
 * locked, and every vault operation. Passphrases pass through the actions as arguments and are never
 * kept: the form that collected one owns it, and clears it.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { callChannel } from '../api/call-channel';
import type { ActionResult, ChannelInput, ChannelOutput, ContractError, KeywardenApi, LockReason, VaultStatus } from '../api/contract-types';

/** What the app shows as a whole; also written to data-app-state for tests and styling. */
export type AppState = 'loading' | 'first-run' | 'locked' | 'ready';

export interface VaultState {
  readonly status: VaultStatus | null;
  /** Set when even vault.status failed (e.g. a damaged database): the app cannot start. */
  readonly loadError: ContractError | null;
  /** Why the vault was last locked, shown on the unlock screen; null after an unlock. */
  readonly lockReason: LockReason | null;
  refresh(): Promise<void>;
  create(request: ChannelInput<'vault.init'>): Promise<ActionResult>;
  unlock(request: ChannelInput<'vault.unlock'>): Promise<ActionResult>;
  lock(): Promise<ActionResult>;
  setAutoLock(minutes: number): Promise<ActionResult>;
  changePassphrase(request: ChannelInput<'vault.changePassphrase'>): Promise<ActionResult>;
  addOsKeychain(): Promise<ActionResult>;
  removeProtector(request: ChannelInput<'vault.removeProtector'>): Promise<ActionResult>;
  rotateKey(request: ChannelInput<'vault.rotateKey'>): Promise<ActionResult<ChannelOutput<'vault.rotateKey'>>>;
}

export type VaultStore = StoreApi<VaultState>;

export function selectAppState(state: VaultState): AppState {
  const { status } = state;
  if (status === null) return 'loading';
  if (!status.initialized) return 'first-run';
  return status.locked ? 'locked' : 'ready';
}

export function createVaultStore(api: KeywardenApi): VaultStore {
  const store = createStore<VaultState>()((set, get) => {
    /** Runs a channel that answers with the new VaultStatus, and keeps it. */
    const applyStatus = async (result: ActionResult<VaultStatus>): Promise<ActionResult> => {
      if (!result.ok) return result;
      set({ status: result.value, ...(result.value.locked ? {} : { lockReason: null }) });
      return { ok: true, value: undefined };
    };

    return {
      status: null,
      loadError: null,
      lockReason: null,
      async refresh() {
        const result = await callChannel(api, 'vault.status', {});
        if (result.ok) set({ status: result.value, loadError: null, ...(result.value.locked ? {} : { lockReason: null }) });
        else set({ loadError: result.error });
      },
      create: async (request) => applyStatus(await callChannel(api, 'vault.init', request)),
      unlock: async (request) => applyStatus(await callChannel(api, 'vault.unlock', request)),
      async lock() {
        const result = await callChannel(api, 'vault.lock', {});
        if (result.ok) set({ status: result.value, lockReason: 'user' });
        return result.ok ? { ok: true, value: undefined } : result;
      },
      setAutoLock: async (minutes) => applyStatus(await callChannel(api, 'vault.setAutoLock', { minutes })),
      changePassphrase: async (request) => applyStatus(await callChannel(api, 'vault.changePassphrase', request)),
      addOsKeychain: async () => applyStatus(await callChannel(api, 'vault.addOsKeychain', {})),
      removeProtector: async (request) => applyStatus(await callChannel(api, 'vault.removeProtector', request)),
      async rotateKey(request) {
        const result = await callChannel(api, 'vault.rotateKey', request);
        if (result.ok) await get().refresh();
        return result;
      },
    };
  });

  // Locks can come from elsewhere: the idle timer, the tray, the CLI rotating the key.
  api.subscribe('vault.locked', ({ reason }) => {
    store.setState((state) => ({ status: state.status && { ...state.status, locked: true }, lockReason: reason }));
  });
  api.subscribe('vault.unlocked', () => void store.getState().refresh());
  api.subscribe('vault.keyRotated', () => void store.getState().refresh());
  return store;
}
