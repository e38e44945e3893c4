/**
 * OS notifications from core events (issue 19: never a silent refusal): a refused alert, a failed
 * order, a failed key check, a key that can withdraw, an expiry or rotation due. The rules and the rate
 * limit are transport-neutral (electron/api/notifications/, also printed by `keywarden serve` and
 * `agent`); this file only shows them through Electron's Notification, injected as `NotificationLike`.
 */
import type { Core } from '../../api/core-host';
import { notifyFromCoreEvents, type CoreNotifier } from '../../api/notifications/core-notifier';
import type { LimiterClock } from '../../api/notifications/notice-limiter';
import type { Notice } from '../../api/notifications/notice-rules';
import type { MainLogger } from '../logger';

/** Electron's `Notification` class, narrowed to what is used (main.ts passes the real one). */
export interface NotificationLike {
  isSupported(): boolean;
  new (options: { title: string; body: string }): { show(): void };
}

export function startDesktopNotifications(options: { core: Core; Notification: NotificationLike; logger: MainLogger; clock?: LimiterClock }): CoreNotifier {
  const { Notification, logger } = options;
  const show = (notice: Notice) => {
    // Also logged: where the system shows no notifications (a Linux desktop without a daemon), the log still says it.
    logger.info(`${notice.title}: ${notice.body}`);
    if (!Notification.isSupported()) return;
    try {
      new Notification({ title: notice.title, body: notice.body }).show();
    } catch {
      logger.warn('a notification could not be shown');
    }
  };
  return notifyFromCoreEvents({ core: options.core, show, ...(options.clock ? { clock: options.clock } : {}) });
}
