/**
 * One alert, several accounts (issue 19). An alert names one account, a list (`"accounts"`), or
 * `"account": "*"` for every account its source may trade. Each account gets its own order with its
 * own idempotency key, derived from the alert's key and the account, so a redelivery or a recovery
 * after a crash between accounts places each account's order at most once. Which accounts, their
 * keys, and how their results read together live here; the intake dispatches them.
 */
import { createHash } from 'node:crypto';
import type { CredentialInfo } from '../credentials/credential-schema';
import type { ErrorCode } from '../errors';
import { scopeProblem } from './alert-checks';
import { alertAccountRefs, EVERY_ACCOUNT, isFanOut, type TradingViewAlert } from './alert-payload';
import type { AccountResult, WebhookOutcome } from './webhook-schema';
import type { AuthenticatedSource } from './webhook-sources';

export interface AlertAccount {
  readonly info: CredentialInfo;
  /** The order's idempotency key for this account. */
  readonly key: string;
}

export type AccountsRefusal = { readonly code: ErrorCode; readonly outcome: WebhookOutcome; readonly message: string };

/** The order idempotency key's maximum length (trading-schema.ts OrderIntent). */
const MAX_KEY = 128;

/**
 * The accounts an alert's orders go to, each with its key; or why none is placed. A list with one
 * unknown or out-of-scope account refuses the whole alert: the message is wrong, and placing part
 * of it would leave the accounts out of step.
 */
export function alertAccounts(alert: TradingViewAlert, source: AuthenticatedSource, eventKey: string, lookUp: (ref: string) => CredentialInfo | undefined): { readonly accounts: readonly AlertAccount[] } | { readonly refusal: AccountsRefusal } {
  const refs = alertAccountRefs(alert);
  const fanOut = isFanOut(alert);
  const found: CredentialInfo[] = [];
  if (refs === EVERY_ACCOUNT) {
    // Accounts deleted since the source was saved are left out; the source's own list is the scope.
    for (const id of source.scope.accounts ?? []) {
      const info = lookUp(id);
      if (info && !found.some((known) => known.id === info.id)) found.push(info);
    }
    if (found.length === 0) return { refusal: { code: 'CREDENTIAL_NOT_FOUND', outcome: 'unknown-account', message: `"account": "*" means every account the source "${source.label}" may trade, and none of them is in Keywarden any more. Add accounts to the source.` } };
  } else {
    for (const ref of refs) {
      const info = lookUp(ref);
      if (!info) return { refusal: { code: 'CREDENTIAL_NOT_FOUND', outcome: 'unknown-account', message: `${unknownAccountMessage(ref)}${fanOut ? ' Nothing was placed for any account of this alert.' : ''}` } };
      if (!found.some((known) => known.id === info.id)) found.push(info);
    }
  }
  for (const info of found) {
    // The reply goes to whoever holds the token: name the account as the alert did, or by id.
    const named = refs === EVERY_ACCOUNT ? info.id : refs.find((ref) => ref === info.id || ref === info.label) ?? info.id;
    const problem = scopeProblem(source, info, { side: alert.side, symbol: alert.symbol, account: named });
    if (problem) return { refusal: { code: 'ALERT_OUT_OF_SCOPE', outcome: 'out-of-scope', message: fanOut ? `${problem} Nothing was placed for any account of this alert.` : problem } };
  }
  return { accounts: found.map((info) => ({ info, key: fanOut ? accountOrderKey(eventKey, info.id) : eventKey })) };
}

/** What an alert naming no stored account is told, by the listener and the simulator alike. */
export function unknownAccountMessage(ref: string): string {
  return `No account in Keywarden has the id or label "${ref}". If the account was renamed, generate the alert message again and update the alert; the Accounts page shows each account's label.`;
}

/** The order key of one account of a fan-out alert: the alert's key and the account id. */
export function accountOrderKey(eventKey: string, accountId: string): string {
  const plain = `${eventKey}@${accountId}`;
  return plain.length <= MAX_KEY ? plain : `webhook:sha256:${createHash('sha256').update(plain).digest('hex')}`;
}

/** The alert's outcome from its accounts' results: all alike, that; else placed if any was. */
export function summariseResults(results: readonly AccountResult[]): { outcome: WebhookOutcome; message: string; orderId: string | null } {
  const outcomes = new Set(results.map((result) => result.outcome));
  const placed = results.filter((result) => result.outcome === 'placed');
  const outcome: WebhookOutcome = outcomes.size === 1 ? results[0]?.outcome ?? 'failed' : placed.length > 0 ? 'placed' : results.some((r) => r.outcome === 'failed') ? 'failed' : results[0]?.outcome ?? 'failed';
  const each = results.map((result) => `${result.accountLabel}: ${result.outcome}${result.outcome === 'placed' ? '' : ` (${result.message})`}`).join('; ');
  return { outcome, message: `Placed for ${placed.length} of ${results.length} accounts. ${each}`, orderId: (placed[0] ?? results.find((r) => r.orderId))?.orderId ?? null };
}
