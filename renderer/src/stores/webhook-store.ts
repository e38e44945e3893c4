/**
 * The TradingView webhook as the UI sees it: the listener's status and settings, the alert sources
 * (never a token: the one-time token of a new or rotated source goes straight from the answer to the
 * component that shows it once), and the received alerts, which arrive live ('webhook.alert').
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { callChannel } from '../api/call-channel';
import type {
  ActionResult,
  AlertMessage,
  AlertMessageRequest,
  ChannelInput,
  ContractError,
  IssuedToken,
  KeywardenApi,
  WebhookEvent,
  WebhookRefusalCount,
  WebhookSettings,
  WebhookSettingsPatch,
  WebhookSource,
  WebhookStatus,
} from '../api/contract-types';

const EVENT_PAGE = 50;
const RELOAD_DELAY_MS = 150;

export interface WebhookState {
  readonly status: WebhookStatus | null;
  readonly settings: WebhookSettings | null;
  readonly sources: readonly WebhookSource[];
  readonly events: readonly WebhookEvent[];
  /** Requests refused without a valid token (or rate-limited) in the last hour: counted, not recorded one by one. */
  readonly refusals: readonly WebhookRefusalCount[];
  readonly loaded: boolean;
  readonly loadError: ContractError | null;
  /** Ids of alerts that arrived while the page was open, for a moment's highlight. */
  readonly freshEventIds: Readonly<Record<number, true>>;
  load(): Promise<void>;
  loadEvents(): Promise<void>;
  saveSettings(patch: WebhookSettingsPatch): Promise<ActionResult<WebhookSettings>>;
  createSource(input: ChannelInput<'webhook.sources.create'>): Promise<ActionResult<IssuedToken>>;
  rotateToken(input: ChannelInput<'webhook.sources.rotate'>): Promise<ActionResult<IssuedToken>>;
  updateSource(input: ChannelInput<'webhook.sources.update'>): Promise<ActionResult<WebhookSource>>;
  deleteSource(id: string): Promise<ActionResult<{ id: string; label: string }>>;
  message(request: AlertMessageRequest): Promise<ActionResult<AlertMessage>>;
}

export type WebhookStore = StoreApi<WebhookState>;

export function createWebhookStore(api: KeywardenApi): WebhookStore {
  let session = 0;
  let wanted = false;
  let eventsTimer: ReturnType<typeof setTimeout> | undefined;

  const store = createStore<WebhookState>()((set, get) => {
    const loadStatus = async () => {
      const started = session;
      const result = await callChannel(api, 'webhook.status', {});
      if (started === session && result.ok) set({ status: result.value });
    };
    const loadSources = async () => {
      const started = session;
      const result = await callChannel(api, 'webhook.sources.list', {});
      if (started === session && result.ok) set({ sources: result.value });
    };
    /** Runs a change, then reloads what it may have changed (the source list, the status). */
    const change = async <T>(call: Promise<ActionResult<T>>): Promise<ActionResult<T>> => {
      const result = await call;
      if (result.ok) await Promise.all([loadSources(), loadStatus()]);
      return result;
    };

    return {
      status: null,
      settings: null,
      sources: [],
      events: [],
      refusals: [],
      loaded: false,
      loadError: null,
      freshEventIds: {},
      async load() {
        wanted = true;
        const started = session;
        const [status, settings, sources, events, refusals] = await Promise.all([
          callChannel(api, 'webhook.status', {}),
          callChannel(api, 'webhook.settings.get', {}),
          callChannel(api, 'webhook.sources.list', {}),
          callChannel(api, 'webhook.events.list', { limit: EVENT_PAGE }),
          callChannel(api, 'webhook.refusals.list', { hours: 1 }),
        ]);
        if (started !== session) return;
        const failed = [status, settings, sources, events].find((result) => !result.ok);
        set({
          ...(status.ok ? { status: status.value } : {}),
          ...(settings.ok ? { settings: settings.value } : {}),
          ...(sources.ok ? { sources: sources.value } : {}),
          ...(events.ok ? { events: events.value } : {}),
          ...(refusals.ok ? { refusals: refusals.value } : {}),
          loaded: true,
          loadError: failed && !failed.ok ? failed.error : null,
          freshEventIds: {},
        });
      },
      async loadEvents() {
        const started = session;
        const known = new Set(get().events.map((event) => event.id));
        const [result, refusals] = await Promise.all([callChannel(api, 'webhook.events.list', { limit: EVENT_PAGE }), callChannel(api, 'webhook.refusals.list', { hours: 1 })]);
        if (started !== session || !result.ok) return;
        const fresh = { ...get().freshEventIds };
        for (const event of result.value) if (!known.has(event.id) && get().loaded) fresh[event.id] = true;
        set({ events: result.value, freshEventIds: fresh, ...(refusals.ok ? { refusals: refusals.value } : {}) });
      },
      async saveSettings(patch) {
        const result = await callChannel(api, 'webhook.settings.set', patch);
        if (result.ok) {
          set({ settings: result.value });
          await loadStatus();
        }
        return result;
      },
      createSource: (input) => change(callChannel(api, 'webhook.sources.create', input)),
      rotateToken: (input) => change(callChannel(api, 'webhook.sources.rotate', input)),
      updateSource: (input) => change(callChannel(api, 'webhook.sources.update', input)),
      deleteSource: (id) => change(callChannel(api, 'webhook.sources.delete', { ref: id })),
      message: (request) => callChannel(api, 'webhook.message', request),
    };
  });

  api.subscribe('webhook.alert', () => {
    if (!wanted || eventsTimer !== undefined) return;
    eventsTimer = setTimeout(() => {
      eventsTimer = undefined;
      void store.getState().loadEvents();
    }, RELOAD_DELAY_MS);
  });
  api.subscribe('trading.paused', ({ paused }) => {
    store.setState((state) => ({ status: state.status && { ...state.status, paused } }));
  });
  api.subscribe('vault.locked', () => {
    session += 1;
    wanted = false;
    clearTimeout(eventsTimer);
    eventsTimer = undefined;
    store.setState({ status: null, settings: null, sources: [], events: [], refusals: [], loaded: false, loadError: null, freshEventIds: {} });
  });
  return store;
}
