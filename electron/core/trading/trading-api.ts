/**
 * The trading surface other modules (the webhook listener, the contract handlers) program against.
 * Implemented by Trading in trading.ts.
 */
import type { AuditActor } from '../audit/audit-schema';
import type { OrderInfo, OrderIntent, OrderPreview, PlaceResult, PlacementContext } from './trading-schema';

export interface TradingApi {
  /**
   * Places one order now: normalises the symbol and amount, applies the risk gate, records the
   * intent and decision (and the client order id) before sending, then places it with ccxt (or
   * simulates it in paper mode). Never throws for what the gate or the exchange decided: the result
   * is in the order's status and message. An intent that cannot become an order (unknown symbol,
   * too small, no price) is recorded as a rejected order and returned. Throws only for a malformed
   * intent (INVALID_INPUT), an unknown account or a locked vault, and then records nothing.
   */
  place(intent: OrderIntent, context: PlacementContext): Promise<PlaceResult>;
  /**
   * Like place, but queued per account and symbol so that alerts for the same market run in the
   * order they arrived ("close, then reverse"), while other markets run in parallel.
   */
  enqueue(intent: OrderIntent, context: PlacementContext): Promise<PlaceResult>;
  /** What the risk gate would say about this intent now, placing nothing and recording nothing. */
  preview(intent: OrderIntent, context: PlacementContext): Promise<OrderPreview>;
  /** The global kill switch. */
  isPaused(): boolean;
  getOrder(id: string): OrderInfo;
  /**
   * Settles orders left 'sending' or 'unknown' by a crash: asks the exchange, and sends an order
   * that was never sent while it is still fresh (never one that may already be there).
   */
  reconcile(actor?: AuditActor): Promise<{ checked: number; updated: number; placed: number }>;
}
