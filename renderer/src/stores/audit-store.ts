/** The audit log as sentences, newest first, a page at a time, filtered; its CSV export and the last integrity check. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { callChannel } from '../api/call-channel';
import type { AuditChainReport, AuditFilter, AuditLine, ContractError, KeywardenApi } from '../api/contract-types';

const PAGE_SIZE = 100;

export type ExportState =
  | { readonly state: 'idle' }
  | { readonly state: 'running' }
  | { readonly state: 'done'; readonly rows: number; readonly file: string }
  | { readonly state: 'failed'; readonly error: ContractError };

export interface AuditState {
  readonly lines: readonly AuditLine[];
  readonly filter: AuditFilter;
  readonly loading: boolean;
  /** Where the next (older) page starts; null when there is none. */
  readonly nextBeforeSeq: number | null;
  readonly loadError: ContractError | null;
  readonly integrity: AuditChainReport | null;
  readonly verifying: boolean;
  readonly exporting: ExportState;
  load(filter: AuditFilter): Promise<void>;
  loadOlder(): Promise<void>;
  verify(): Promise<void>;
  /** Asks where to save (the system dialog), then writes the filtered records there as CSV. */
  exportCsv(): Promise<void>;
}

export type AuditStore = StoreApi<AuditState>;

export function createAuditStore(api: KeywardenApi): AuditStore {
  // Bumped on each new query or lock, so an older answer never overwrites a newer one.
  let query = 0;

  const store = createStore<AuditState>()((set, get) => ({
    lines: [],
    filter: {},
    loading: false,
    nextBeforeSeq: null,
    loadError: null,
    integrity: null,
    verifying: false,
    exporting: { state: 'idle' },
    async load(filter) {
      const mine = ++query;
      set({ filter, loading: true, loadError: null });
      const result = await callChannel(api, 'audit.query', { ...filter, limit: PAGE_SIZE });
      if (mine !== query) return;
      if (result.ok) set({ lines: result.value.lines, nextBeforeSeq: result.value.nextBeforeSeq, loading: false });
      else set({ lines: [], nextBeforeSeq: null, loading: false, loadError: result.error });
    },
    async loadOlder() {
      const { lines, filter, nextBeforeSeq } = get();
      if (nextBeforeSeq === null) return;
      const mine = ++query;
      set({ loading: true });
      const result = await callChannel(api, 'audit.query', { ...filter, limit: PAGE_SIZE, beforeSeq: nextBeforeSeq });
      if (mine !== query) return;
      if (result.ok) set({ lines: [...lines, ...result.value.lines], nextBeforeSeq: result.value.nextBeforeSeq, loading: false });
      else set({ loading: false, loadError: result.error });
    },
    async verify() {
      set({ verifying: true, integrity: null });
      const result = await callChannel(api, 'audit.verify', {});
      if (result.ok) set({ integrity: result.value, verifying: false });
      else set({ verifying: false, loadError: result.error });
      // Show the records as the file holds them now, so the list matches what was just checked.
      await get().load(get().filter);
    },
    async exportCsv() {
      set({ exporting: { state: 'running' } });
      const chosen = await callChannel(api, 'backup.chooseFile', { purpose: 'audit-export' });
      if (!chosen.ok) return set({ exporting: { state: 'failed', error: chosen.error } });
      const { fileHandle, file } = chosen.value;
      if (fileHandle === null || file === null) return set({ exporting: { state: 'idle' } });
      const written = await callChannel(api, 'audit.exportCsv', { filter: get().filter, fileHandle });
      set({ exporting: written.ok ? { state: 'done', rows: written.value.rows, file } : { state: 'failed', error: written.error } });
    },
  }));

  api.subscribe('vault.locked', () => {
    query += 1;
    store.setState({ lines: [], nextBeforeSeq: null, loading: false, loadError: null, integrity: null, verifying: false, exporting: { state: 'idle' } });
  });
  return store;
}
