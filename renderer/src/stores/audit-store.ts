/** The audit log, newest first, a page at a time, and the result of the last integrity check. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { callChannel } from '../api/call-channel';
import type { AuditChainReport, AuditRecord, ContractError, KeywardenApi } from '../api/contract-types';

const PAGE_SIZE = 100;

export interface AuditState {
  readonly records: readonly AuditRecord[];
  /** The action prefix the list is filtered by ('' = everything). */
  readonly actionPrefix: string;
  readonly loading: boolean;
  readonly hasMore: boolean;
  readonly loadError: ContractError | null;
  readonly integrity: AuditChainReport | null;
  readonly verifying: boolean;
  load(actionPrefix: string): Promise<void>;
  loadOlder(): Promise<void>;
  verify(): Promise<void>;
}

export type AuditStore = StoreApi<AuditState>;

export function createAuditStore(api: KeywardenApi): AuditStore {
  // Bumped on each new query or lock, so an older answer never overwrites a newer one.
  let query = 0;

  const store = createStore<AuditState>()((set, get) => ({
    records: [],
    actionPrefix: '',
    loading: false,
    hasMore: false,
    loadError: null,
    integrity: null,
    verifying: false,
    async load(actionPrefix) {
      const mine = ++query;
      set({ actionPrefix, loading: true, loadError: null });
      const result = await callChannel(api, 'audit.list', { limit: PAGE_SIZE, ...(actionPrefix ? { actionPrefix } : {}) });
      if (mine !== query) return;
      if (result.ok) set({ records: result.value, hasMore: result.value.length === PAGE_SIZE, loading: false });
      else set({ records: [], hasMore: false, loading: false, loadError: result.error });
    },
    async loadOlder() {
      const { records, actionPrefix } = get();
      const oldest = records.at(-1);
      if (oldest === undefined) return;
      const mine = ++query;
      set({ loading: true });
      const result = await callChannel(api, 'audit.list', { limit: PAGE_SIZE, beforeSeq: oldest.seq, ...(actionPrefix ? { actionPrefix } : {}) });
      if (mine !== query) return;
      if (result.ok) set({ records: [...records, ...result.value], hasMore: result.value.length === PAGE_SIZE, loading: false });
      else set({ loading: false, loadError: result.error });
    },
    async verify() {
      set({ verifying: true, integrity: null });
      const result = await callChannel(api, 'audit.verify', {});
      if (result.ok) set({ integrity: result.value, verifying: false });
      else set({ verifying: false, loadError: result.error });
      // Show the records as the file holds them now, so the list matches what was just checked.
      await get().load(get().actionPrefix);
    },
  }));

  api.subscribe('vault.locked', () => {
    query += 1;
    store.setState({ records: [], hasMore: false, loading: false, loadError: null, integrity: null, verifying: false });
  });
  return store;
}
