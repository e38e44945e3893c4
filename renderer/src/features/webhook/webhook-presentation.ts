/** Plain words for what became of a received alert, and for an alert source's scope. */
import type { BadgeTone } from '../../components/Badge';
import type { WebhookOutcome, WebhookSource } from '../../api/contract-types';
import { formatUsd } from '../../format/numbers';

export const outcomePresentation: Readonly<Record<WebhookOutcome, { readonly label: string; readonly tone: BadgeTone }>> = {
  accepted: { label: 'Accepted', tone: 'neutral' },
  placed: { label: 'Placed', tone: 'success' },
  blocked: { label: 'Blocked', tone: 'danger' },
  rejected: { label: 'Rejected', tone: 'danger' },
  failed: { label: 'Failed', tone: 'danger' },
  duplicate: { label: 'Duplicate', tone: 'neutral' },
  test: { label: 'Test alert', tone: 'success' },
  'not-found': { label: 'Wrong path', tone: 'warning' },
  'method-not-allowed': { label: 'Not a POST', tone: 'warning' },
  'too-large': { label: 'Too large', tone: 'warning' },
  unauthorized: { label: 'Bad token', tone: 'danger' },
  'source-disabled': { label: 'Source disabled', tone: 'warning' },
  'source-incomplete': { label: 'Source needs accounts and a cap', tone: 'warning' },
  'ip-not-allowed': { label: 'Address refused', tone: 'warning' },
  'rate-limited': { label: 'Rate-limited', tone: 'warning' },
  malformed: { label: 'Malformed', tone: 'warning' },
  stale: { label: 'Stale', tone: 'warning' },
  'unknown-account': { label: 'Unknown account', tone: 'warning' },
  'out-of-scope': { label: 'Out of scope', tone: 'warning' },
  paused: { label: 'Trading paused', tone: 'warning' },
  'vault-locked': { label: 'Vault locked', tone: 'warning' },
};

export function scopeSummary(source: WebhookSource): string {
  const { scope } = source;
  const accounts = source.accountLabels ?? (scope.accounts === null ? null : scope.accounts);
  return [
    accounts === null || accounts.length === 0 ? 'no account named' : accounts.join(', '),
    scope.symbols === null ? 'any symbol' : scope.symbols.join(', '),
    scope.sides === null ? 'buy and sell' : `${scope.sides.join(' and ')} only`,
    scope.maxNotionalUsd === null ? 'no per-order cap' : `at most ${formatUsd(scope.maxNotionalUsd)} per order`,
  ].join(' · ');
}

/**
 * The core's notes name CLI commands; in the app the same steps are buttons and fields on this page.
 * Notes without a CLI command are shown as they are.
 */
export function appNote(note: string): string {
  if (note.includes('keywarden webhook create-source')) return 'Replace <token> with the token shown when the alert source was created or its token rotated, on this page. Keywarden cannot show it again.';
  if (note.includes('keywarden webhook settings --public-url')) return 'TradingView delivers only to ports 80 and 443 of a public IPv4 address: expose the listener through a reverse proxy with TLS or a tunnel, then enter its https address under “Reach it from TradingView” to get the URL to paste.';
  return note;
}
