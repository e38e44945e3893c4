/**
 * Programs waiting for a person to allow them keys (issue 16): the desktop app asks before
 * `keywarden run` hands a program a key. Requests arrive as events, and are loaded when the shell
 * mounts (the window may open because of one). A request leaves when it is answered, when its time
 * is up (the core denies it then), when the program stops waiting or when the vault locks.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { callChannel } from '../api/call-channel';
import type { ChannelOutput, ContractResult, KeywardenApi } from '../api/contract-types';

export type ReleaseRequest = ChannelOutput<'credentials.waitingReleases'>['requests'][number];
export type ReleaseAnswer = 'session' | 'always' | 'deny';
export type AlwaysAllowed = ChannelOutput<'credentials.releaseApprovals'>['approvals'];

export interface ReleaseApprovalState {
  /** Oldest first: the dialog shows the first. */
  readonly requests: readonly ReleaseRequest[];
  load(): Promise<void>;
  /** Sends the answer; the error message when it was refused (it is dropped either way). */
  answer(requestId: string, answer: ReleaseAnswer): Promise<string | null>;
  /** The programs allowed to read a key always (the key's page). */
  alwaysAllowed(ref: string): Promise<ContractResult<AlwaysAllowed>>;
  forget(ref: string, program: string): Promise<ContractResult<AlwaysAllowed>>;
}

export type ReleaseApprovalStore = StoreApi<ReleaseApprovalState>;

export function createReleaseApprovalStore(api: KeywardenApi): ReleaseApprovalStore {
  const expiries = new Map<string, ReturnType<typeof setTimeout>>();
  const drop = (requestId: string) => {
    clearTimeout(expiries.get(requestId));
    expiries.delete(requestId);
    store.setState((state) => ({ requests: state.requests.filter((request) => request.requestId !== requestId) }));
  };
  const add = (request: ReleaseRequest) => {
    if (expiries.has(request.requestId)) return;
    // The core denies it at the same moment; the window stops asking then.
    expiries.set(request.requestId, setTimeout(() => drop(request.requestId), request.timeoutMs));
    store.setState((state) => ({ requests: [...state.requests, request] }));
  };
  const store = createStore<ReleaseApprovalState>()(() => ({
    requests: [],
    async load() {
      const result = await callChannel(api, 'credentials.waitingReleases', {});
      if (result.ok) result.value.requests.forEach(add);
    },
    async answer(requestId, answer) {
      drop(requestId);
      const result = await callChannel(api, 'credentials.answerRelease', { requestId, answer });
      return result.ok ? null : result.error.message;
    },
    async alwaysAllowed(ref) {
      const result = await callChannel(api, 'credentials.releaseApprovals', { ref });
      return result.ok ? { ok: true, value: result.value.approvals } : result;
    },
    async forget(ref, program) {
      const result = await callChannel(api, 'credentials.forgetReleaseApproval', { ref, program });
      return result.ok ? { ok: true, value: result.value.approvals } : result;
    },
  }));
  api.subscribe('release.approvalRequested', (request) => add(request));
  // Answered elsewhere, timed out, or the program gave up waiting (Ctrl-C): the question goes away.
  api.subscribe('release.approvalEnded', ({ requestId }) => drop(requestId));
  api.subscribe('vault.locked', () => {
    for (const requestId of [...expiries.keys()]) drop(requestId);
  });
  return store;
}
