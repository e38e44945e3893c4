/**
 * Which core events become a notification, and its words (issue 19): a refused alert, a failed order,
 * a scheduled key check that fails, a key that became dangerous (can withdraw), an expiry or rotation
 * due. Pure: the desktop app shows them as OS notifications, `keywarden serve` and `agent` print them.
 * Every notice has a `kind`, the unit its rate limit counts in. Names and states only, never a secret.
 */
import type { CredentialInfo } from '../contract-schemas';
import { isExpiringSoon } from '../../shared/key-warnings';
import { IP_REFUSED_ORDER_CODE } from '../../core/trading/order-ip-refusal';
import { ipDeadlineThreshold, ipExposure } from '../../shared/key-ip-exposure';

export type NoticeKind = 'alert-refused' | 'order-failed' | 'key-check-failed' | 'key-dangerous' | 'key-due' | 'position-drift';

export interface Notice {
  readonly kind: NoticeKind;
  readonly title: string;
  readonly body: string;
}

/**
 * Refusals of an alert that carried a valid token (the ones TradingView's person meant). Door refusals
 * without a token (wrong path, bad token) are counted, not announced: a scanner would flood the screen.
 */
const refusedOutcomes: ReadonlySet<string> = new Set(['vault-locked', 'paused', 'source-disabled', 'source-incomplete', 'malformed', 'stale', 'unknown-account', 'out-of-scope', 'blocked', 'rejected']);

export function alertNotice(payload: { outcome: string; message: string }): Notice | undefined {
  if (!refusedOutcomes.has(payload.outcome)) return undefined;
  const title = payload.outcome === 'vault-locked' ? 'Keywarden: alert refused — the vault is locked' : 'Keywarden: alert refused';
  return { kind: 'alert-refused', title, body: payload.message };
}

/** An order that failed after it was sent (refusals by the risk gate come as refused alerts or in the window). */
export function orderNotice(payload: { id: string; status: string }, label: string | undefined, order?: { errorCode: string | null; message: string | null }): Notice | undefined {
  if (payload.status !== 'failed') return undefined;
  // A refused IP says so, with the address the exchange saw and the steps (an address is not secret).
  if (order?.errorCode === IP_REFUSED_ORDER_CODE && order.message) return { kind: 'order-failed', title: 'Keywarden: an exchange refused this IP address', body: `${label ? `${label}: ` : ''}order ${payload.id} failed. ${order.message}` };
  return { kind: 'order-failed', title: 'Keywarden: an order failed', body: `${label ? `${label}: ` : ''}order ${payload.id} failed. Open Keywarden → Orders for the reason.` };
}

/** An account that no longer holds what its strategy's alerts say (a lost or doubled alert). */
export function driftNotice(payload: { status: string; symbol: string; base: string; expected: number; actual: number; difference: number }, label: string | undefined): Notice | undefined {
  if (payload.status !== 'open') return undefined;
  const direction = payload.difference > 0 ? 'more' : 'less';
  return {
    kind: 'position-drift',
    title: 'Keywarden: an account drifted from its strategy',
    body: `${label ? `${label}, ` : ''}${payload.symbol}: holds ${Math.abs(payload.difference)} ${payload.base} ${direction} than the strategy's position says (an alert may have been lost or doubled). Open Keywarden → Webhook to bring it in line.`,
  };
}

/** What a key's check found, to notify once per change: the caller remembers what it already said. */
export function keyNotices(key: CredentialInfo, now: number): Notice[] {
  const notices: Notice[] = [];
  if (key.status === 'revoked' || key.status === 'disabled') return notices;
  if (key.status === 'invalid' || key.status === 'expired') {
    notices.push({ kind: 'key-check-failed', title: 'Keywarden: a key check failed', body: `${key.label}: ${key.status === 'expired' ? 'the key has expired' : 'the key was refused'}. Open Keywarden → Accounts to see why.` });
  }
  if (key.permissions?.withdraw === true) {
    notices.push({ kind: 'key-dangerous', title: 'Keywarden: a key can withdraw funds', body: `${key.label} can withdraw funds and cannot trade until you accept the risk or replace it with a key without withdrawal.` });
  }
  // A key with no IP bound that Bybit will invalidate: once within 14 days, again within 3 (the title differs, so each is said once).
  const exposure = ipExposure(key, now);
  const threshold = ipDeadlineThreshold(exposure);
  if (exposure !== null && threshold !== null) {
    notices.push({ kind: 'key-dangerous', title: `Keywarden: a key dies within ${threshold} days (no IP restriction)`, body: `${key.label}: ${exposure.message}` });
  }
  const expiresAt = key.expiresAt ?? key.permissions?.expiresAt ?? null;
  if (key.status !== 'expired' && isExpiringSoon(expiresAt, now)) {
    notices.push({ kind: 'key-due', title: 'Keywarden: a key expires soon', body: `${key.label} expires on ${new Date(expiresAt as number).toISOString().slice(0, 10)}: rotate it before then.` });
  }
  if (key.rotationDue) notices.push({ kind: 'key-due', title: 'Keywarden: key rotation due', body: `${key.label} is due for rotation (Accounts → Rotate).` });
  return notices;
}

/**
 * The exchange refused the request's IP (issue 20): said instead of the plain "key check failed", with
 * the check's own message (it names the IP the exchange saw, when it said; an address is not secret).
 */
export function ipRefusedNotice(label: string, message: string): Notice {
  return { kind: 'key-check-failed', title: 'Keywarden: an exchange refused this IP address', body: `${label}: ${message} Open Keywarden → Accounts → the key for the steps, or set a proxy with a fixed IP.` };
}

/** One line for a terminal: what `keywarden serve` and `agent` print. */
export function noticeLine(notice: Notice, at: number): string {
  return `${new Date(at).toISOString()}  ${notice.title.replace(/^Keywarden: /, '')}: ${notice.body}`;
}
