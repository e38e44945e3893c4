/**
 * What an alert source must name before it may trade: at least one account and a cap per order in
 * US dollars. Without them its token, once leaked, could trade every key in the vault without
 * limit. A source is created only with both, and enabled only while it has both; one saved by an
 * earlier version without them stays as it was but refuses every alert until they are set.
 */
import { KeywardenError } from '../errors';
import type { SourceScope } from '../trading/trading-schema';
import type { ScopeGap } from './webhook-schema';

const HOW_IN_THE_CLI = '--account <id or label> --max-notional <usd>';

/** What the scope still lacks; empty when the source may be enabled. */
export function scopeGaps(scope: SourceScope): ScopeGap[] {
  const gaps: ScopeGap[] = [];
  if (scope.accounts === null || scope.accounts.length === 0) gaps.push('accounts');
  if (scope.maxNotionalUsd === null || !(scope.maxNotionalUsd > 0)) gaps.push('maxNotionalUsd');
  return gaps;
}

/** A create without both: says what is missing and where to give it (the form's fields, the CLI's flags). */
export function creationNeedsScope(gaps: readonly ScopeGap[]): KeywardenError {
  return incomplete(
    gaps,
    `An alert source needs at least one account and a per-order cap in USD; missing: ${missingWords(gaps)}. On the Webhook page, tick its accounts under "Accounts it may trade" and fill in "At most per order (USD)"; in the CLI, add ${HOW_IN_THE_CLI}.`,
  );
}

/** An enable, or a change of an enabled source, that would leave it without both. */
export function enablingNeedsScope(label: string, gaps: readonly ScopeGap[]): KeywardenError {
  return incomplete(
    gaps,
    `The alert source "${label}" can be enabled only with at least one account and a per-order cap in USD; missing: ${missingWords(gaps)}. Set them on the Webhook page, or with keywarden webhook update-source "${label}" ${HOW_IN_THE_CLI} (or disable it).`,
  );
}

/** The answer to an alert from a source that lacks them (the listener's reply, its record, the simulator). */
export function alertNeedsScopeMessage(label: string): string {
  return `The alert source "${label}" needs at least one account and a per-order cap before it can trade: nothing was placed. Set them on the Webhook page, or with keywarden webhook update-source "${label}" ${HOW_IN_THE_CLI}.`;
}

function incomplete(gaps: readonly ScopeGap[], message: string): KeywardenError {
  return new KeywardenError('WEBHOOK_SOURCE_INCOMPLETE', message, { field: gaps[0] === 'maxNotionalUsd' ? 'scope.maxNotionalUsd' : 'scope.accounts', missing: gaps.join(',') });
}

function missingWords(gaps: readonly ScopeGap[]): string {
  return gaps.map((gap) => (gap === 'accounts' ? 'an account' : 'a per-order cap')).join(' and ');
}
