/**
 * A reversal (a sell after a market buy on the same account and market, or the other way round)
 * must not reach the exchange while that market order is still in flight or its fate unknown:
 * "close then open" placed as "open then close" doubles the position instead of flipping it. A
 * resting limit order is not waited for: it is a standing order, and may rest for days. The queue in trading.ts
 * already places intents for one market in arrival order; this waits, in that queue, until the
 * previous order is settled, asking the exchange for it meanwhile, and gives up after a bound with
 * a clear refusal rather than placing out of order.
 */
import type { Clock } from '../clock';
import type { CoreEvents } from '../events';
import { KeywardenError } from '../errors';
import type { OrderInfo, OrderStatus } from './trading-schema';

/** States an order leaves only by itself (or by a refresh): the next order in reverse must wait. */
const UNSETTLED: readonly OrderStatus[] = ['sending', 'open', 'unknown'];

export interface ReversalWaitOptions {
  /** How long a reversal waits for the previous order before it is refused. */
  readonly timeoutMs: number;
  /** How often the previous order is asked of the exchange meanwhile. */
  readonly pollMs: number;
}

export const DEFAULT_REVERSAL_WAIT: ReversalWaitOptions = { timeoutMs: 60_000, pollMs: 1_000 };

export function isSettled(status: OrderStatus): boolean {
  return !UNSETTLED.includes(status);
}

export interface ReversalWaitDeps {
  readonly clock: Clock;
  readonly events: CoreEvents;
  readonly options: ReversalWaitOptions;
  readonly getOrder: (id: string) => OrderInfo;
  /** Asks the exchange for the order's state now (errors are ignored: the next poll asks again). */
  readonly refresh: (id: string) => Promise<OrderInfo>;
}

/** Resolves once order `previousId` is settled; throws ORDER_NOT_SETTLED after the timeout. */
export async function waitUntilSettled(previousId: string, deps: ReversalWaitDeps): Promise<void> {
  const deadline = deps.clock.now() + deps.options.timeoutMs;
  for (;;) {
    const previous = deps.getOrder(previousId);
    if (isSettled(previous.status)) return;
    if (deps.clock.now() >= deadline) {
      throw new KeywardenError('ORDER_NOT_SETTLED', `The previous ${previous.side} order ${previous.id} on ${previous.symbol} is still ${previous.status} after ${Math.round(deps.options.timeoutMs / 1000)} s, so this ${previous.side === 'buy' ? 'sell' : 'buy'} was not placed: placing it now could run ahead of the order it reverses. Check the previous order, then send the alert again.`, { orderId: previous.id });
    }
    // Asked at once: an answer that was lost is usually found on the exchange by the first look.
    const looked = await deps.refresh(previousId).catch(() => undefined);
    if (looked !== undefined && isSettled(looked.status)) return;
    await nextChange(previousId, deps);
  }
}

/** Whichever comes first: an update of the order (a cancel, a reconcile) or the next poll. */
function nextChange(id: string, deps: ReversalWaitDeps): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      off();
      resolve();
    };
    const timer = setTimeout(done, deps.options.pollMs);
    const off = deps.events.on('order.updated', (event) => {
      if (event.id === id) done();
    });
  });
}
