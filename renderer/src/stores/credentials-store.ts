/**
 * Stored credentials, masked (the contract never returns a secret), and everything done to them:
 * verification (one key or all), accepting the withdraw risk, rotation and its follow-up checks,
 * revocation, their history and the key-check settings. The list is dropped when the vault locks,
 * and refreshed whenever the core says a credential changed (here, in the tray or in the CLI). The
 * secret fields of a new or rotated key pass through `create` / `rotate` as arguments and are not kept.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { callChannel } from '../api/call-channel';
import { coalescedTask } from './coalesced-task';
import type {
  ActionResult,
  ChannelInput,
  ChannelOutput,
  ContractError,
  CredentialHistory,
  CredentialInfo,
  CredentialSettings,
  DeleteResult,
  KeyOpenOrders,
  KeywardenApi,
  OldKeyCheck,
  OpenOrdersChoice,
  RevokeResult,
  RotationResult,
  VerificationResult,
} from '../api/contract-types';

/** "Verify all": idle, checking `count` keys (`checked`: the ids done so far), or done with one result per key. */
export type VerifyAllRun =
  | { readonly state: 'idle' }
  | { readonly state: 'running'; readonly count: number; readonly checked: readonly string[] }
  | { readonly state: 'done'; readonly results: readonly VerificationResult[] }
  | { readonly state: 'failed'; readonly error: ContractError };

export interface HistoryEntry {
  readonly value: CredentialHistory | null;
  readonly error: ContractError | null;
  readonly loading: boolean;
}

export interface CredentialsState {
  readonly items: readonly CredentialInfo[];
  /** True once a list has arrived since the last unlock. */
  readonly loaded: boolean;
  readonly loadError: ContractError | null;
  /** The latest verification of each key in this session (by credential id). */
  readonly checks: Readonly<Record<string, VerificationResult>>;
  /** Keys being verified one by one right now. */
  readonly checking: Readonly<Record<string, true>>;
  readonly verifyAllRun: VerifyAllRun;
  /** Verification history and earlier keys, per credential id, once asked for. */
  readonly histories: Readonly<Record<string, HistoryEntry>>;
  /** The last rotation per credential id in this session: its next steps stay on screen. */
  readonly rotations: Readonly<Record<string, RotationResult>>;
  /** The last old-key check per credential id in this session. */
  readonly oldKeyChecks: Readonly<Record<string, OldKeyCheck>>;
  readonly settings: CredentialSettings | null;
  readonly settingsError: ContractError | null;
  refresh(): Promise<void>;
  create(input: ChannelInput<'credentials.create'>): Promise<ActionResult<CredentialInfo>>;
  /** Checks a key with its exchange before it is saved (nothing is stored; the fields are not kept). */
  test(input: ChannelInput<'credentials.test'>): Promise<ActionResult<ChannelOutput<'credentials.test'>>>;
  update(input: ChannelInput<'credentials.update'>): Promise<ActionResult<CredentialInfo>>;
  /** The key's orders that may be open on its exchange, asked before revoking or deleting it (not kept). */
  openOrders(id: string): Promise<ActionResult<KeyOpenOrders>>;
  /** Deletes a key; its open orders are canceled on the exchange first unless `openOrders` is 'keep'. */
  remove(id: string, openOrders?: OpenOrdersChoice): Promise<ActionResult<DeleteResult>>;
  verify(id: string): Promise<ActionResult<VerificationResult>>;
  verifyAll(): Promise<ActionResult<readonly VerificationResult[]>>;
  dismissVerifyAll(): void;
  acceptWithdrawRisk(id: string): Promise<ActionResult<CredentialInfo>>;
  rotate(input: ChannelInput<'credentials.rotate'>): Promise<ActionResult<RotationResult>>;
  checkOldKey(id: string): Promise<ActionResult<OldKeyCheck>>;
  discardOldKey(id: string): Promise<ActionResult<CredentialInfo>>;
  /** Revokes a key; its open orders are canceled on the exchange first unless `openOrders` is 'keep'. */
  revoke(id: string, openOrders?: OpenOrdersChoice): Promise<ActionResult<RevokeResult>>;
  loadHistory(id: string): Promise<void>;
  loadSettings(): Promise<void>;
  saveSettings(changes: ChannelInput<'credentials.setSettings'>): Promise<ActionResult<CredentialSettings>>;
}

export type CredentialsStore = StoreApi<CredentialsState>;

export function selectCredentialById(id: string | null) {
  return (state: CredentialsState): CredentialInfo | undefined => (id === null ? undefined : state.items.find((item) => item.id === id));
}

const emptySession = {
  items: [],
  loaded: false,
  loadError: null,
  checks: {},
  checking: {},
  verifyAllRun: { state: 'idle' },
  histories: {},
  rotations: {},
  oldKeyChecks: {},
  settings: null,
  settingsError: null,
} as const satisfies Partial<CredentialsState>;

function without<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  const { [key]: _dropped, ...rest } = record;
  return rest;
}

export function createCredentialsStore(api: KeywardenApi): CredentialsStore {
  // Bumped on every lock, so an answer that was in flight when the vault locked is not shown afterwards.
  let session = 0;
  let active = false;

  const store = createStore<CredentialsState>()((set, get) => {
    /** Runs a call and drops its answer if the vault locked meanwhile. */
    const inSession = async <T>(call: Promise<ActionResult<T>>): Promise<{ result: ActionResult<T>; current: boolean }> => {
      const started = session;
      const result = await call;
      return { result, current: started === session };
    };

    return {
      ...emptySession,
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
      test(input) {
        return callChannel(api, 'credentials.test', input);
      },
      async update(input) {
        const result = await callChannel(api, 'credentials.update', input);
        if (result.ok) await get().refresh();
        return result;
      },
      openOrders(id) {
        return callChannel(api, 'credentials.openOrders', { ref: id });
      },
      async remove(id, openOrders = 'cancel') {
        const result = await callChannel(api, 'credentials.delete', { ref: id, openOrders });
        if (result.ok) await get().refresh();
        return result;
      },
      async verify(id) {
        set((state) => ({ checking: { ...state.checking, [id]: true } }));
        const { result, current } = await inSession(callChannel(api, 'credentials.verify', { ref: id }));
        if (!current) return result;
        set((state) => ({ checking: without(state.checking, id), ...(result.ok ? { checks: { ...state.checks, [id]: result.value } } : {}) }));
        if (result.ok) await get().refresh();
        return result;
      },
      async verifyAll() {
        const count = get().items.filter((item) => item.status !== 'revoked').length;
        set({ verifyAllRun: { state: 'running', count, checked: [] } });
        const { result, current } = await inSession(callChannel(api, 'credentials.verifyAll', {}));
        if (!current) return result;
        if (result.ok) {
          const checks = { ...get().checks };
          for (const item of result.value) checks[item.credentialId] = item;
          set({ verifyAllRun: { state: 'done', results: result.value }, checks });
          await get().refresh();
        } else {
          set({ verifyAllRun: { state: 'failed', error: result.error } });
        }
        return result;
      },
      dismissVerifyAll() {
        if (get().verifyAllRun.state !== 'running') set({ verifyAllRun: { state: 'idle' } });
      },
      async acceptWithdrawRisk(id) {
        const result = await callChannel(api, 'credentials.acceptWithdrawRisk', { ref: id });
        if (result.ok) {
          // The earlier result said "blocked"; it no longer describes the key.
          set((state) => ({ checks: without(state.checks, id) }));
          await get().refresh();
        }
        return result;
      },
      async rotate(input) {
        const { result, current } = await inSession(callChannel(api, 'credentials.rotate', input));
        if (!current) return result;
        if (result.ok) {
          const id = result.value.credential.id;
          set((state) => ({ rotations: { ...state.rotations, [id]: result.value }, oldKeyChecks: without(state.oldKeyChecks, id), checks: without(state.checks, id) }));
          await Promise.all([get().refresh(), get().loadHistory(id)]);
        }
        return result;
      },
      async checkOldKey(id) {
        const { result, current } = await inSession(callChannel(api, 'credentials.checkOldKey', { ref: id }));
        if (!current) return result;
        if (result.ok) {
          set((state) => ({ oldKeyChecks: { ...state.oldKeyChecks, [id]: result.value } }));
          await get().refresh();
        }
        return result;
      },
      async discardOldKey(id) {
        const result = await callChannel(api, 'credentials.discardOldKey', { ref: id });
        if (result.ok) {
          set((state) => ({ oldKeyChecks: without(state.oldKeyChecks, id) }));
          await get().refresh();
        }
        return result;
      },
      async revoke(id, openOrders = 'cancel') {
        const result = await callChannel(api, 'credentials.revoke', { ref: id, openOrders });
        if (result.ok) {
          set((state) => ({ checks: without(state.checks, id), rotations: without(state.rotations, id) }));
          await get().refresh();
        }
        return result;
      },
      async loadHistory(id) {
        set((state) => ({ histories: { ...state.histories, [id]: { value: state.histories[id]?.value ?? null, error: null, loading: true } } }));
        const { result, current } = await inSession(callChannel(api, 'credentials.history', { ref: id, limit: 50 }));
        if (!current) return;
        set((state) => ({
          histories: { ...state.histories, [id]: result.ok ? { value: result.value, error: null, loading: false } : { value: null, error: result.error, loading: false } },
        }));
      },
      async loadSettings() {
        const { result, current } = await inSession(callChannel(api, 'credentials.getSettings', {}));
        if (!current) return;
        if (result.ok) set({ settings: result.value, settingsError: null });
        else set({ settingsError: result.error });
      },
      async saveSettings(changes) {
        const result = await callChannel(api, 'credentials.setSettings', changes);
        if (result.ok) {
          set({ settings: result.value, settingsError: null });
          // The rotation reminder age decides which keys are flagged "rotation due".
          await get().refresh();
        }
        return result;
      },
    };
  });

  // "Verify all" changes every key at once: the events it causes are folded into one list refresh at a time.
  const refreshSoon = coalescedTask(() => store.getState().refresh(), () => active);

  api.subscribe('credentials.changed', ({ id, change }) => {
    if (!active) return;
    // The core stores each key's check as soon as its exchange answers: that key is done.
    const run = store.getState().verifyAllRun;
    if (change === 'verified' && run.state === 'running' && !run.checked.includes(id)) {
      store.setState({ verifyAllRun: { ...run, checked: [...run.checked, id] } });
    }
    refreshSoon.request();
  });
  api.subscribe('vault.locked', () => {
    session += 1;
    active = false;
    refreshSoon.cancel();
    store.setState({ ...emptySession });
  });
  return store;
}
