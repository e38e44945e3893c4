/**
 * Looks up orders whose outcome a crash or a lost answer left unknown, as soon as the keys are
 * available: at once when the vault is already unlocked, then at every unlock (DESIGN.md "Personal
 * trading": reconciled by client order id, never placed twice).
 */
import type { Core } from '../app';
import type { RuntimeReport } from './runtime-report';

export interface UnlockReconciler {
  /** No more runs; resolves once a run in flight has finished. Safe to call twice. */
  stop(): Promise<void>;
}

export function reconcileAtEachUnlock(core: Pick<Core, 'events' | 'vault' | 'trading'>, report: (report: RuntimeReport) => void): UnlockReconciler {
  // One run at a time: two runs side by side could each find the same recorded-but-unsent order
  // missing on the exchange and send it twice. An unlock during a run asks for one more run after it.
  let tail: Promise<void> = Promise.resolve();
  let queued = false;
  let stopped = false;
  const runOnce = async () => {
    queued = false;
    if (stopped) return;
    let result: { checked: number; updated: number; placed: number };
    try {
      result = await core.trading.reconcile('system');
    } catch {
      return report({ kind: 'reconcile-failed', message: 'could not reconcile unconfirmed orders; they are retried at the next unlock' });
    }
    if (result.checked > 0) report({ kind: 'orders-reconciled', ...result, message: reconciledMessage(result) });
  };
  const request = () => {
    if (queued || stopped) return;
    queued = true;
    tail = tail.then(runOnce);
  };
  const unsubscribe = core.events.on('vault.unlocked', request);
  if (core.vault.isUnlocked()) request();
  return {
    stop() {
      stopped = true;
      unsubscribe();
      return tail;
    },
  };
}

function reconciledMessage(result: { checked: number; updated: number; placed: number }): string {
  const orders = result.checked === 1 ? '1 unconfirmed order' : `${result.checked} unconfirmed orders`;
  return `checked ${orders} with the exchange: ${result.updated} updated, ${result.placed} placed now`;
}
