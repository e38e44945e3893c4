/**
 * Turns core events into notices (notice-rules.ts) through the rate limit (notice-limiter.ts) and hands
 * them to a sink: the desktop app's OS notifications, or a terminal line in `keywarden serve` / `agent`.
 * Lookups (a key's label and state) go through the contract as `system`, so they never count as a
 * person's activity and never keep an idle vault unlocked.
 */
import type { Core } from '../core-host';
import type { CredentialInfo } from '../contract-schemas';
import { invokeChannel } from '../handlers';
import { NoticeLimiter, realLimiterClock, type LimiterClock } from './notice-limiter';
import { alertNotice, driftNotice, ipRefusedNotice, keyNotices, orderNotice, type Notice } from './notice-rules';

export interface CoreNotifierOptions {
  readonly core: Core;
  readonly show: (notice: Notice) => void;
  readonly clock?: LimiterClock;
  readonly windowMs?: number;
}

export interface CoreNotifier {
  stop(): void;
  /** Resolves once the lookups started so far (a key's label, its state) are done: for tests. */
  idle(): Promise<void>;
}

export function notifyFromCoreEvents(options: CoreNotifierOptions): CoreNotifier {
  const { core } = options;
  const limiter = new NoticeLimiter(options.show, options.clock ?? realLimiterClock, options.windowMs);
  /** What was said about each key, so a check that finds the same again does not repeat it. */
  const saidAboutKey = new Map<string, Set<string>>();
  const failedOrders = new Set<string>();
  let lookups: Promise<void> = Promise.resolve();
  /** Lookups run one after another, so notices keep the order of their events. */
  const later = (task: () => Promise<void>) => {
    lookups = lookups.then(task).catch(() => undefined);
  };

  const credential = async (ref: string): Promise<CredentialInfo | undefined> => {
    const result = await invokeChannel(core, 'credentials.get', { ref }, { actor: 'system' });
    return result.ok ? (result.value as CredentialInfo) : undefined;
  };

  const onKeyChecked = async (id: string) => {
    const key = await credential(id);
    if (!key) return;
    let notices = keyNotices(key, core.clock.now());
    if (key.status === 'invalid') {
      // A refused IP has its own words (and the IP the exchange saw): the last check says whether it was that.
      const history = await invokeChannel(core, 'credentials.history', { ref: id, limit: 1 }, { actor: 'system' });
      const last = history.ok ? (history.value as { verifications: { outcome: string; message: string }[] }).verifications[0] : undefined;
      if (last?.outcome === 'ip-not-allowed') notices = [ipRefusedNotice(key.label, last.message), ...notices.filter((notice) => notice.kind !== 'key-check-failed')];
    }
    const said = saidAboutKey.get(id) ?? new Set<string>();
    // A concern that went away may be said again if it comes back.
    saidAboutKey.set(id, new Set(notices.map((notice) => notice.title)));
    for (const notice of notices) if (!said.has(notice.title)) limiter.offer(notice);
  };

  const stops = [
    core.events.on('webhook.alert', (payload) => {
      const notice = alertNotice(payload);
      if (notice) limiter.offer(notice);
    }),
    core.events.on('order.updated', (payload) => {
      if (payload.status !== 'failed' || failedOrders.has(payload.id)) return;
      failedOrders.add(payload.id);
      later(async () => {
        const order = await invokeChannel(core, 'orders.get', { id: payload.id }, { actor: 'system' });
        const notice = orderNotice(payload, (await credential(payload.credentialId))?.label, order.ok ? (order.value as { errorCode: string | null; message: string | null }) : undefined);
        if (notice) limiter.offer(notice);
      });
    }),
    core.events.on('webhook.drift', (payload) => {
      if (payload.status !== 'open') return;
      later(async () => {
        const notice = driftNotice(payload, (await credential(payload.accountId))?.label);
        if (notice) limiter.offer(notice);
      });
    }),
    core.events.on('credentials.changed', ({ id, change }) => {
      if (change === 'deleted') saidAboutKey.delete(id);
      else if (change === 'verified') later(() => onKeyChecked(id));
    }),
  ];
  return {
    stop: () => {
      stops.forEach((stop) => stop());
      limiter.stop();
    },
    idle: () => lookups,
  };
}
