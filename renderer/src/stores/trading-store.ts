/**
 * Personal trading as the UI sees it: the kill switch, the order history with live status, and
 * placing, previewing, refreshing and canceling orders. Orders change outside this window (the
 * webhook, the CLI, a fill on the exchange): the core's 'order.updated' event brings each change in,
 * and 'trading.paused' keeps the kill switch in step with the tray and the CLI.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { callChannel } from '../api/call-channel';
import type { ActionResult, ContractError, KeywardenApi, MarketSnapshot, OrderInfo, OrderIntent, OrderPreview, PanicResult, PauseState, PlaceResult } from '../api/contract-types';

const ORDER_PAGE = 100;

export type OrderAction = 'cancel' | 'refresh';

export interface TradingState {
  /** Null until loaded. */
  readonly pause: PauseState | null;
  readonly pauseBusy: boolean;
  /** Newest first. */
  readonly orders: readonly OrderInfo[];
  readonly ordersLoaded: boolean;
  readonly ordersError: ContractError | null;
  /** What is being done to an order right now (by order id). */
  readonly orderActions: Readonly<Record<string, OrderAction>>;
  /** Bumped whenever something the risk gate looks at may have changed (an order, the kill switch). */
  readonly revision: number;
  loadPause(): Promise<void>;
  pauseTrading(reason?: string): Promise<ActionResult<PauseState>>;
  resumeTrading(): Promise<ActionResult<PauseState>>;
  panic(): Promise<ActionResult<PanicResult>>;
  loadOrders(): Promise<void>;
  preview(intent: OrderIntent): Promise<ActionResult<OrderPreview>>;
  /** The market's price now and the account's free balance of both its coins. */
  market(account: string, symbol: string): Promise<ActionResult<MarketSnapshot>>;
  place(intent: OrderIntent): Promise<ActionResult<PlaceResult>>;
  cancel(id: string): Promise<ActionResult<OrderInfo>>;
  refreshOrder(id: string): Promise<ActionResult<OrderInfo>>;
}

export type TradingStore = StoreApi<TradingState>;

export function isOpenOrder(order: OrderInfo): boolean {
  return order.status === 'open';
}

/** Orders the exchange may still change: worth asking it about. */
export function isRefreshable(order: OrderInfo): boolean {
  return !order.paper && (order.status === 'open' || order.status === 'unknown' || order.status === 'sending');
}

function upsert(orders: readonly OrderInfo[], order: OrderInfo): OrderInfo[] {
  const rest = orders.filter((existing) => existing.id !== order.id);
  return [...rest, order].sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id)).slice(0, ORDER_PAGE);
}

export function createTradingStore(api: KeywardenApi): TradingStore {
  // Bumped on every lock: an answer that was in flight when the vault locked is not shown afterwards.
  let session = 0;
  let ordersWanted = false;

  const store = createStore<TradingState>()((set) => {
    const bump = () => set((state) => ({ revision: state.revision + 1 }));
    const applyPause = (result: ActionResult<PauseState>) => {
      if (result.ok) set({ pause: result.value });
      bump();
    };
    const withOrderAction = async (id: string, action: OrderAction, call: () => Promise<ActionResult<OrderInfo>>): Promise<ActionResult<OrderInfo>> => {
      set((state) => ({ orderActions: { ...state.orderActions, [id]: action } }));
      const started = session;
      const result = await call();
      if (started !== session) return result;
      set((state) => {
        const { [id]: _done, ...rest } = state.orderActions;
        return { orderActions: rest, ...(result.ok ? { orders: upsert(state.orders, result.value) } : {}) };
      });
      return result;
    };

    return {
      pause: null,
      pauseBusy: false,
      orders: [],
      ordersLoaded: false,
      ordersError: null,
      orderActions: {},
      revision: 0,
      async loadPause() {
        const result = await callChannel(api, 'trading.status', {});
        if (result.ok) set({ pause: result.value });
      },
      async pauseTrading(reason) {
        set({ pauseBusy: true });
        const result = await callChannel(api, 'trading.pause', reason ? { reason } : {});
        set({ pauseBusy: false });
        applyPause(result);
        return result;
      },
      async resumeTrading() {
        set({ pauseBusy: true });
        const result = await callChannel(api, 'trading.resume', {});
        set({ pauseBusy: false });
        applyPause(result);
        return result;
      },
      async panic() {
        set({ pauseBusy: true });
        const result = await callChannel(api, 'trading.panic', {});
        set({ pauseBusy: false });
        // The vault is locked now: the lock event clears the orders; the pause state stays known.
        if (result.ok) set((state) => ({ pause: { paused: true, reason: 'panic', since: state.pause?.since ?? Date.now() } }));
        return result;
      },
      async loadOrders() {
        ordersWanted = true;
        const started = session;
        const result = await callChannel(api, 'orders.list', { limit: ORDER_PAGE });
        if (started !== session) return;
        if (result.ok) set({ orders: result.value, ordersLoaded: true, ordersError: null });
        else set({ ordersError: result.error, ordersLoaded: true });
      },
      preview: (intent) => callChannel(api, 'trading.preview', intent),
      market: (account, symbol) => callChannel(api, 'trading.market', { account, symbol }),
      async place(intent) {
        const started = session;
        const result = await callChannel(api, 'trading.place', intent);
        if (result.ok && started === session) set((state) => ({ orders: upsert(state.orders, result.value.order) }));
        return result;
      },
      cancel: (id) => withOrderAction(id, 'cancel', () => callChannel(api, 'orders.cancel', { id })),
      refreshOrder: (id) => withOrderAction(id, 'refresh', () => callChannel(api, 'orders.refresh', { id })),
    };
  });

  api.subscribe('order.updated', ({ id }) => {
    store.setState((state) => ({ revision: state.revision + 1 }));
    if (!ordersWanted) return;
    const started = session;
    void callChannel(api, 'orders.get', { id }).then((result) => {
      if (result.ok && started === session) store.setState((state) => ({ orders: upsert(state.orders, result.value) }));
    });
  });
  api.subscribe('trading.paused', ({ paused, reason }) => {
    store.setState((state) => ({
      pause: { paused, reason, since: paused ? (state.pause?.paused ? state.pause.since : Date.now()) : null },
      revision: state.revision + 1,
    }));
    // The event carries no time; ask for the exact state.
    void store.getState().loadPause();
  });
  api.subscribe('vault.locked', () => {
    session += 1;
    ordersWanted = false;
    store.setState({ orders: [], ordersLoaded: false, ordersError: null, orderActions: {} });
  });
  return store;
}
