/**
 * One audit record per webhook alert (issue 22). An alert's order used to write three rows (the
 * intent at recording, the exchange's answer, then the alert's own); each costs a hash chain link
 * (~400 bytes and ~90 µs) on the hot path. Orders placed for an alert are now audited by the alert's
 * record when it settles (webhook/alert-audit-details.ts), which carries what the other two said;
 * later changes (cancel, reconcile, refresh) are still audited on their own, as for any order.
 */
import type { AuditActor } from '../audit/audit-schema';

/** Actions the alert's record stands for when the order came from an alert. */
const COVERED_BY_ALERT = new Set(['order.place', 'order.result']);

/** Whether trading writes its own audit row for this order action (false: the alert's record carries it). */
export function tradingAudits(actor: AuditActor, action: string): boolean {
  return !(actor === 'webhook' && COVERED_BY_ALERT.has(action));
}
