/**
 * The local AI gateway in the window (issue 17, docs/ai-gateway.md): its status, its local tokens and
 * each AI key's budget. Names, dates, counts and amounts only: a token just made is handed back to
 * the caller of `createToken` and never kept here, so it lives only as long as the dialog showing
 * it. The status is asked for even while locked (gateway.status works then); the rest is dropped
 * when the vault locks.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { callChannel } from '../api/call-channel';
import { coalescedTask } from './coalesced-task';
import type { ActionResult, ChannelInput, ContractError, GatewayStatus, IssuedLocalToken, KeyBudgetLine, KeywardenApi, LocalTokenInfo, ModelPrice } from '../api/contract-types';

export interface GatewayState {
  readonly status: GatewayStatus | null;
  readonly tokens: readonly LocalTokenInfo[] | null;
  readonly budgets: readonly KeyBudgetLine[] | null;
  /** The price table budgets are counted in (USD per million tokens). */
  readonly prices: readonly ModelPrice[] | null;
  readonly error: ContractError | null;
  /** Status, tokens and budgets, asked for together when the AI keys page opens. */
  load(): Promise<void>;
  setEnabled(enabled: boolean): Promise<ActionResult<GatewayStatus>>;
  /** The new token is in the result only: the caller shows it once and lets it go. */
  createToken(input: ChannelInput<'gateway.tokens.create'>): Promise<ActionResult<IssuedLocalToken>>;
  revokeToken(id: string): Promise<ActionResult<LocalTokenInfo>>;
  setBudget(input: ChannelInput<'gateway.budgets.set'>): Promise<ActionResult<KeyBudgetLine>>;
  setPrice(input: ChannelInput<'gateway.prices.set'>): Promise<ActionResult<readonly ModelPrice[]>>;
  removePrice(input: ChannelInput<'gateway.prices.remove'>): Promise<ActionResult<readonly ModelPrice[]>>;
}

export type GatewayStore = StoreApi<GatewayState>;

const emptySession = { status: null, tokens: null, budgets: null, prices: null, error: null } as const satisfies Partial<GatewayState>;

export function createGatewayStore(api: KeywardenApi): GatewayStore {
  // Bumped at every lock: an answer asked for before it is not shown after it.
  let session = 0;

  const store = createStore<GatewayState>()((set, get) => {
    const refreshStatus = async (started: number): Promise<ActionResult<GatewayStatus>> => {
      const result = await callChannel(api, 'gateway.status', {});
      if (result.ok && started === session) set({ status: result.value });
      return result;
    };
    const refreshTokens = async (started: number): Promise<void> => {
      const result = await callChannel(api, 'gateway.tokens.list', {});
      if (started !== session) return;
      set(result.ok ? { tokens: result.value } : { error: result.error });
    };
    return {
      ...emptySession,
      async load() {
        const started = session;
        const [status, tokens, budgets, prices] = await Promise.all([
          callChannel(api, 'gateway.status', {}),
          callChannel(api, 'gateway.tokens.list', {}),
          callChannel(api, 'gateway.budgets.get', {}),
          callChannel(api, 'gateway.prices.get', {}),
        ]);
        if (started !== session) return;
        const error = [status, tokens, budgets, prices].find((result) => !result.ok);
        set({
          status: status.ok ? status.value : get().status,
          tokens: tokens.ok ? tokens.value : get().tokens,
          budgets: budgets.ok ? budgets.value : get().budgets,
          prices: prices.ok ? prices.value : get().prices,
          error: error && !error.ok ? error.error : null,
        });
      },
      async setEnabled(enabled) {
        const started = session;
        const saved = await callChannel(api, 'gateway.settings.set', { enabled });
        if (!saved.ok) return saved;
        // The status says whether it really started (a port in use leaves it enabled but stopped).
        return refreshStatus(started);
      },
      async createToken(input) {
        const started = session;
        const result = await callChannel(api, 'gateway.tokens.create', input);
        // Only the token's description goes into the list; the token itself stays in `result`.
        if (result.ok && started === session) await refreshTokens(started);
        return result;
      },
      async revokeToken(id) {
        const started = session;
        const result = await callChannel(api, 'gateway.tokens.revoke', { ref: id });
        if (result.ok && started === session) set({ tokens: (get().tokens ?? []).map((token) => (token.id === id ? result.value : token)) });
        return result;
      },
      async setBudget(input) {
        const started = session;
        const result = await callChannel(api, 'gateway.budgets.set', input);
        if (result.ok && started === session) set({ budgets: (get().budgets ?? []).map((line) => (line.credentialId === result.value.credentialId ? result.value : line)) });
        return result;
      },
      async setPrice(input) {
        const started = session;
        const result = await callChannel(api, 'gateway.prices.set', input);
        if (result.ok && started === session) set({ prices: result.value });
        return result;
      },
      async removePrice(input) {
        const started = session;
        const result = await callChannel(api, 'gateway.prices.remove', input);
        if (result.ok && started === session) set({ prices: result.value });
        return result;
      },
    };
  });

  // A key added, renamed or revoked changes which keys can have budgets and tokens; "Verify all"
  // changes many at once, folded into one reload at a time, and only while the lists are shown.
  const reloadSoon = coalescedTask(() => store.getState().load(), () => store.getState().budgets !== null);
  api.subscribe('credentials.changed', () => {
    if (store.getState().budgets !== null) reloadSoon.request();
  });
  api.subscribe('vault.locked', () => {
    session += 1;
    reloadSoon.cancel();
    store.setState({ ...emptySession });
  });
  return store;
}
