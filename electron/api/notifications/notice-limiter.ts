/**
 * Rate limit for notifications: per kind, the first notice shows at once; more of the same kind within
 * the window are counted, and when the window ends one summary says how many (never silently dropped,
 * never a flood: a stream of refused alerts is one notification per window).
 */
import type { Notice, NoticeKind } from './notice-rules';

export const NOTICE_WINDOW_MS = 60_000;

const moreOf: Record<NoticeKind, (count: number) => string> = {
  'alert-refused': (count) => `${count} more ${count === 1 ? 'alert was' : 'alerts were'} refused`,
  'order-failed': (count) => `${count} more ${count === 1 ? 'order' : 'orders'} failed`,
  'key-check-failed': (count) => `${count} more key ${count === 1 ? 'check' : 'checks'} failed`,
  'key-dangerous': (count) => `${count} more ${count === 1 ? 'key' : 'keys'} can withdraw funds`,
  'key-due': (count) => `${count} more ${count === 1 ? 'key needs' : 'keys need'} rotating or expire soon`,
  'position-drift': (count) => `${count} more ${count === 1 ? 'account' : 'accounts'} drifted from their strategy`,
};

export interface LimiterClock {
  now(): number;
  /** Runs `task` after `ms`; returns a cancel. */
  schedule(task: () => void, ms: number): () => void;
}

export const realLimiterClock: LimiterClock = {
  now: () => Date.now(),
  schedule: (task, ms) => {
    const timer = setTimeout(task, ms);
    timer.unref?.();
    return () => clearTimeout(timer);
  },
};

export class NoticeLimiter {
  readonly #show: (notice: Notice) => void;
  readonly #clock: LimiterClock;
  readonly #windowMs: number;
  readonly #windows = new Map<NoticeKind, { held: number; last: Notice; cancel: () => void }>();

  constructor(show: (notice: Notice) => void, clock: LimiterClock = realLimiterClock, windowMs = NOTICE_WINDOW_MS) {
    this.#show = show;
    this.#clock = clock;
    this.#windowMs = windowMs;
  }

  offer(notice: Notice): void {
    const open = this.#windows.get(notice.kind);
    if (open) {
      open.held += 1;
      open.last = notice;
      return;
    }
    this.#show(notice);
    this.#open(notice);
  }

  #open(notice: Notice): void {
    const window = { held: 0, last: notice, cancel: () => {} };
    window.cancel = this.#clock.schedule(() => this.#close(notice.kind), this.#windowMs);
    this.#windows.set(notice.kind, window);
  }

  #close(kind: NoticeKind): void {
    const window = this.#windows.get(kind);
    this.#windows.delete(kind);
    if (!window || window.held === 0) return;
    // The summary names the latest one, and opens a new window so a steady stream stays one per window.
    const summary: Notice = { kind, title: window.last.title, body: window.held === 1 ? window.last.body : `${moreOf[kind](window.held)}. Latest: ${window.last.body}` };
    this.#show(summary);
    this.#open(summary);
  }

  stop(): void {
    for (const window of this.#windows.values()) window.cancel();
    this.#windows.clear();
  }
}
